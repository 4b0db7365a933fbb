package org.appmsg.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeChoiceTest {

    private static RedisPresence.Node node(int id) {
        return new RedisPresence.Node(id, "h:" + id, "w:" + id, "t:" + id, Instant.EPOCH, 0);
    }

    @Test
    void users_spread_over_the_live_nodes_and_a_dead_node_moves_only_its_own() {
        List<RedisPresence.Node> three = List.of(node(1), node(2), node(3));
        List<RedisPresence.Node> two = List.of(node(2), node(1)); // another order: the same choice
        Map<Integer, Integer> perNode = new HashMap<>();
        for (int u = 0; u < 3000; u++) {
            String user = "user" + u;
            int before = NodeChoice.forUser(three, user).orElseThrow().id();
            int after = NodeChoice.forUser(two, user).orElseThrow().id();
            perNode.merge(before, 1, Integer::sum);
            if (before != 3) {
                assertThat(after).as(user + " stays where it was").isEqualTo(before);
            } else {
                assertThat(after).isIn(1, 2);
            }
        }
        assertThat(perNode.values()).allSatisfy(n -> assertThat(n).isBetween(800, 1200));
    }

    @Test
    void no_live_node_no_choice() {
        assertThat(NodeChoice.forUser(List.of(), "u")).isEmpty();
    }
}
