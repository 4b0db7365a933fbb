package org.appmsg.adapter.persistence.redis;

import static org.appmsg.adapter.persistence.redis.RedisNodes.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * What 10,000 sessions cost: bytes in Redis ({@code MEMORY USAGE} of every presence hash), Redis commands per
 * open and close, and (roughly) heap in the node. The figures are logged for docs/cluster-redis.md; the bounds
 * only catch a regression by a large factor.
 */
class RedisPresenceFootprintIT {

    private static final Logger log = LoggerFactory.getLogger(RedisPresenceFootprintIT.class);
    private static final int SESSIONS = 10_000;
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void ten_thousand_sessions_cost_little_in_redis_and_about_one_write_each() throws Exception {
        try (RedisTestServers.Instance redis = RedisTestServers.single();
                RedisNodes nodes = new RedisNodes(redis.uri());
                RedisLink link = nodes.link();
                Jedis jedis = link.open(link.masters().get(0))) {
            RedisPresence node = nodes.start(1);
            List<SessionId> sessions = new ArrayList<>(SESSIONS);
            for (int i = 0; i < SESSIONS; i++) {
                sessions.add(new SessionId(new UserId("user" + (100_000 + i)), "Android-" + Long.toHexString(0x5eed0000L + i)));
            }
            jedis.configResetStat();
            System.gc();
            long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

            sessions.forEach(id -> node.presence().open(id, T0));
            eventually(Duration.ofSeconds(20), () -> assertThat(jedis.dbSize()).isEqualTo(SESSIONS + 2L));
            System.gc();
            long heapPerSession = (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() - heapBefore) / SESSIONS;
            long bytesPerSession = memoryUsage(jedis, nodes.prefix()) / SESSIONS;
            String opened = jedis.info("commandstats");
            jedis.configResetStat();

            sessions.forEach(id -> node.presence().close(id));
            eventually(Duration.ofSeconds(20), () -> assertThat(jedis.dbSize()).isEqualTo(2L));
            String closed = jedis.info("commandstats");

            log.info("FOOTPRINT {} sessions: {} bytes each in Redis (MEMORY USAGE), about {} bytes each of heap; "
                    + "open: {} HSET, {} PUBLISH; close: {} HDEL, {} PUBLISH", SESSIONS, bytesPerSession, heapPerSession,
                    calls(opened, "hset"), calls(opened, "publish"), calls(closed, "hdel"), calls(closed, "publish"));
            assertThat(bytesPerSession).isBetween(50L, 400L);
            assertThat(calls(opened, "hset")).isEqualTo(SESSIONS);
            assertThat(calls(opened, "publish")).isLessThan(SESSIONS / 10);
            // the hold goes at once, the state after its grace: two deletes per session at most
            assertThat(calls(closed, "hdel")).isBetween((long) SESSIONS, 2L * SESSIONS);
        }
    }

    private static long memoryUsage(Jedis jedis, String prefix) {
        List<String> keys = new ArrayList<>(jedis.keys(prefix + ":{u:*"));
        Pipeline pipeline = jedis.pipelined();
        List<Response<Long>> sizes = new ArrayList<>();
        keys.forEach(key -> sizes.add(pipeline.memoryUsage(key)));
        pipeline.sync();
        return sizes.stream().mapToLong(Response::get).sum();
    }

    private static long calls(String commandstats, String command) {
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(commandstats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
