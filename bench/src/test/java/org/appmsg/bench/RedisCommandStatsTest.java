package org.appmsg.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The Redis counters the cluster bench reads: parsed from INFO, differenced, and the idle rate taken off. */
class RedisCommandStatsTest {

    private static final String BEFORE = "# Stats\r\ntotal_connections_received:7\r\ntotal_commands_processed:1000\r\n"
            + "# Commandstats\r\ncmdstat_publish:calls=100,usec=50,usec_per_call=0.50,rejected_calls=0,failed_calls=0\r\n"
            + "cmdstat_hset:calls=40,usec=80,usec_per_call=2.00,rejected_calls=0,failed_calls=0\r\n";
    private static final String AFTER = "# Stats\r\ntotal_commands_processed:1600\r\n# Commandstats\r\n"
            + "cmdstat_publish:calls=550,usec=300,usec_per_call=0.55,rejected_calls=0,failed_calls=0\r\n"
            + "cmdstat_hset:calls=40,usec=80,usec_per_call=2.00,rejected_calls=0,failed_calls=0\r\n"
            + "cmdstat_info:calls=3,usec=90,usec_per_call=30.00,rejected_calls=0,failed_calls=0\r\n";

    @Test
    void the_growth_between_two_snapshots_per_command() {
        RedisCommandStats d = RedisCommandStats.parse(AFTER).minus(RedisCommandStats.parse(BEFORE));
        assertThat(d.total()).isEqualTo(600);
        assertThat(d.calls()).containsEntry("publish", 450L).containsEntry("hset", 0L).containsEntry("info", 3L);
    }

    @Test
    void an_idle_rate_stretched_over_a_window_comes_off() {
        RedisCommandStats idlePerSecond = new RedisCommandStats(10, java.util.Map.of("publish", 2L));
        RedisCommandStats load = new RedisCommandStats(600, java.util.Map.of("publish", 450L))
                .minus(idlePerSecond.scaled(20));
        assertThat(load.total()).isEqualTo(400);
        assertThat(load.calls()).containsEntry("publish", 410L);
    }

    @Test
    void an_answer_without_the_total_is_refused() {
        assertThatThrownBy(() -> RedisCommandStats.parse("# Server\r\nredis_version:7.0.15\r\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("total_commands_processed");
    }
}
