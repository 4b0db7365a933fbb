package org.appmsg.adapter.persistence.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Which live node a client should connect to: rendezvous hashing of its user over the live nodes. Every node
 * picks the same one for a user as long as they see the same live nodes, so a user's devices meet on one node
 * (their live entries need no bus hop); a node that dies moves only its own users, spread evenly over the rest; a
 * node that joins takes an even share of the users from each. With no live node (not even this one, which only
 * happens while its own lease is lost) there is no choice.
 */
public final class NodeChoice {

    private NodeChoice() {}

    /** The node for {@code user} among {@code live}; ties (a hash collision) go to the lower id. */
    public static Optional<RedisPresence.Node> forUser(List<RedisPresence.Node> live, String user) {
        RedisPresence.Node best = null;
        long bestScore = 0;
        long userHash = fnv(user.getBytes(StandardCharsets.UTF_8));
        for (RedisPresence.Node node : live) {
            long score = mix(userHash ^ (node.id() * 0x9E3779B97F4A7C15L));
            if (best == null || Long.compareUnsigned(score, bestScore) > 0
                    || (score == bestScore && node.id() < best.id())) {
                best = node;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private static long fnv(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /** A 64-bit finaliser (SplitMix64), so neighbouring node ids score independently. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
