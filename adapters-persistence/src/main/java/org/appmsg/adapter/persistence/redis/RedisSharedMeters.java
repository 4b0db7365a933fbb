package org.appmsg.adapter.persistence.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.appmsg.application.port.out.SharedMeters;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.shared.CustomerId;
import redis.clients.jedis.params.SetParams;

/**
 * {@link SharedMeters} in Redis: one integer string per quota window, {@code P:{q:<customer>}:<window>} (see
 * {@link RedisKeys#quotaMeter}), so one customer's windows live in one slot of a Redis Cluster and one script can
 * check and count them together. {@link #count} is that script: Redis runs it atomically, so concurrent calls on
 * any nodes never pass a limit. Meters expire a day after their window ends (the caller says when); a meter
 * that is gone (expired, or lost with a Redis restart) is reported missing and rebuilt by the caller from the
 * ledger. While the link to Redis is down every call fails at once with {@link StorageUnavailableException}, and
 * the caller counts on its own node.
 */
final class RedisSharedMeters implements SharedMeters {

    /**
     * KEYS: the deciding meter first when ARGV[1] is '1', then the others; ARGV[2]: its limit; ARGV[3]: the amount.
     * Returns {0, missing key indexes...} when a meter is missing (nothing changed), {1} when counted, {2, used}
     * when the deciding meter is at or over its limit (nothing changed).
     */
    private static final String COUNT = """
            local missing = {0}
            for i, key in ipairs(KEYS) do
              if redis.call('EXISTS', key) == 0 then
                missing[#missing + 1] = i
              end
            end
            if #missing > 1 then
              return missing
            end
            if ARGV[1] == '1' then
              local used = tonumber(redis.call('GET', KEYS[1]))
              if used >= tonumber(ARGV[2]) then
                return {2, used}
              end
            end
            for i, key in ipairs(KEYS) do
              redis.call('INCRBY', key, ARGV[3])
            end
            return {1}
            """;

    private final RedisLink link;
    private final RedisKeys keys;
    private final BooleanSupplier linkUp;

    RedisSharedMeters(RedisLink link, RedisKeys keys, BooleanSupplier linkUp) {
        this.link = Objects.requireNonNull(link, "link");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.linkUp = Objects.requireNonNull(linkUp, "linkUp");
    }

    @Override
    public Outcome count(CustomerId customer, Limit limited, List<String> others, long n) {
        requireLink();
        List<String> windows = new ArrayList<>(others.size() + 1);
        if (limited != null) {
            windows.add(limited.window());
        }
        windows.addAll(others);
        List<String> redisKeys = windows.stream().map(w -> keys.quotaMeter(customer.value(), w)).toList();
        List<String> args = List.of(limited != null ? "1" : "0",
                Long.toString(limited != null ? limited.limit() : 0), Long.toString(n));
        List<?> reply = (List<?>) link.call("quota meters", c -> c.eval(COUNT, redisKeys, args));
        long kind = (Long) reply.get(0);
        if (kind == 1) {
            return new Outcome.Counted();
        }
        if (kind == 2) {
            return new Outcome.Over((Long) reply.get(1));
        }
        List<String> missing = new ArrayList<>();
        for (int i = 1; i < reply.size(); i++) {
            missing.add(windows.get(((Long) reply.get(i)).intValue() - 1));
        }
        return new Outcome.Missing(missing);
    }

    @Override
    public void create(CustomerId customer, String window, long used, Instant expiresAt) {
        requireLink();
        String key = keys.quotaMeter(customer.value(), window);
        link.call("quota meters", c -> c.set(key, Long.toString(used),
                SetParams.setParams().nx().pxAt(expiresAt.toEpochMilli())));
    }

    private void requireLink() {
        if (!linkUp.getAsBoolean()) {
            throw new StorageUnavailableException("the link to Redis is down", null);
        }
    }
}
