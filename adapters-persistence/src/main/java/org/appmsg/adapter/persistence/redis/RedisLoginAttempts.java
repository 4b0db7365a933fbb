package org.appmsg.adapter.persistence.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.auth.LoginThrottle.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LoginAttempts} shared by every node of a cluster, in Redis: a guesser who spreads his attempts over the
 * nodes is counted once, as on a single node.
 *
 * <p>Each throttle key is one Redis string {@code P:{la:<digest>}} (see {@link RedisKeys#loginAttempts}), whose
 * value is {@code <failures>|<last failure, epoch ms>|<last sign-in, epoch ms, or empty>} (times kept to the
 * millisecond). {@link #fail} is a compare-and-set: it reads the value, applies the caller's count to it, and
 * writes the result with a one-key script only if the value is still the one it read, else tries again with what
 * the script found; so concurrent failures on any nodes are all counted. Every write sets the key's expiry: a key
 * with failures only lives {@code forgetAfter} after its last write (by then the throttle has forgotten them
 * anyway), a key that holds a sign-in {@code max(forgetAfter, knownFor)}. Redis thus holds only what can still
 * matter, without a bound on the number of keys.
 *
 * <p>While Redis cannot be reached (the node's link says so, or a command fails), the node counts in
 * {@code fallback}, its own memory, and logs that (at most one warning per 10 s): logins keep working and keep
 * being throttled per node. What the node counted there is not carried over to Redis when it comes back.
 */
final class RedisLoginAttempts implements LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger(RedisLoginAttempts.class);
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;
    /** Rounds of compare-and-set before giving up; each lost round means another caller's failure was counted. */
    private static final int MAX_ROUNDS = 1_000;
    /** Bytes of SHA-256 kept in a key: 128 bits, no collision among any number of keys Redis could hold. */
    private static final int DIGEST_BYTES = 16;

    /**
     * Sets KEYS[1] to ARGV[2] with a TTL of ARGV[3] ms if its value is ARGV[1] ('' for none); returns 1, or the
     * value it found instead (false when there is none).
     */
    private static final String COMPARE_AND_SET = """
            local current = redis.call('GET', KEYS[1])
            if (current or '') ~= ARGV[1] then
              return {0, current}
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return {1}
            """;

    private final RedisLink link;
    private final RedisKeys keys;
    private final BooleanSupplier linkUp;
    private final long failuresTtlMillis;
    private final long signInTtlMillis;
    private final LoginAttempts fallback;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    /**
     * @param linkUp whether the node's link to Redis is up now; while it is not, {@code fallback} answers at once
     * @param forgetAfter how long the throttle remembers a failure ({@code LoginThrottle.forgetAfter})
     * @param knownFor how long a sign-in keeps its address known ({@code LoginThrottle.knownFor})
     */
    RedisLoginAttempts(RedisLink link, RedisKeys keys, BooleanSupplier linkUp, Duration forgetAfter, Duration knownFor,
            LoginAttempts fallback) {
        this.link = Objects.requireNonNull(link, "link");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.linkUp = Objects.requireNonNull(linkUp, "linkUp");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        if (forgetAfter.isNegative() || forgetAfter.isZero() || knownFor.isNegative() || knownFor.isZero()) {
            throw new IllegalArgumentException("forgetAfter and knownFor must be positive");
        }
        this.failuresTtlMillis = forgetAfter.toMillis();
        this.signInTtlMillis = Math.max(forgetAfter.toMillis(), knownFor.toMillis());
    }

    @Override
    public Failures failures(String key) {
        return shared(() -> Stored.parse(get(key)).failures(), () -> fallback.failures(key));
    }

    @Override
    public Failures fail(String key, UnaryOperator<Failures> count) {
        return shared(() -> failInRedis(key, count), () -> fallback.fail(key, count));
    }

    @Override
    public void signedIn(String key, Instant at) {
        shared(() -> {
            Stored signedIn = new Stored(Failures.NONE, at.toEpochMilli());
            link.call("login attempts", c -> c.psetex(redisKey(key), signInTtlMillis, signedIn.format()));
            return null;
        }, () -> {
            fallback.signedIn(key, at);
            return null;
        });
    }

    @Override
    public Optional<Instant> lastSignIn(String key) {
        return shared(() -> Stored.parse(get(key)).lastSignIn(), () -> fallback.lastSignIn(key));
    }

    private Failures failInRedis(String key, UnaryOperator<Failures> count) {
        String redisKey = redisKey(key);
        String current = get(key);
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            Stored read = Stored.parse(current);
            Failures next = count.apply(read.failures());
            Stored written = new Stored(next, read.signedInMillis());
            long ttl = written.signedInMillis() >= 0 ? signInTtlMillis : failuresTtlMillis;
            String expected = current == null ? "" : current;
            Object answer = link.call("login attempts", c -> c.eval(COMPARE_AND_SET, List.of(redisKey),
                    List.of(expected, written.format(), Long.toString(ttl))));
            List<?> reply = (List<?>) answer;
            if (Long.valueOf(1).equals(reply.get(0))) {
                return next;
            }
            current = reply.size() > 1 ? asString(reply.get(1)) : null;
        }
        throw new StorageUnavailableException("Redis: login attempts under " + redisKey + " changed "
                + MAX_ROUNDS + " times while one failure was being counted", null);
    }

    private String get(String key) {
        return link.call("login attempts", c -> c.get(redisKey(key)));
    }

    private String redisKey(String key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return keys.loginAttempts(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Arrays.copyOf(sha, DIGEST_BYTES)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private interface Call<T> {
        T run();
    }

    /** {@code redis} while the link is up and it succeeds, else {@code local}. */
    private <T> T shared(Call<T> redis, Call<T> local) {
        if (!linkUp.getAsBoolean()) {
            warn("the link to Redis is down", null);
            return local.run();
        }
        try {
            return redis.run();
        } catch (StorageUnavailableException e) {
            warn(e.getMessage(), e);
            return local.run();
        }
    }

    private void warn(String why, StorageUnavailableException e) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("login throttle: counting on this node only ({}); further such warnings within 10 s are not logged",
                    why);
        }
    }

    private static String asString(Object reply) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return reply == null ? null : reply.toString();
    }

    /** A stored value: the failures and the last sign-in ({@code -1}: none). */
    private record Stored(Failures failures, long signedInMillis) {
        static Stored parse(String value) {
            if (value == null) {
                return new Stored(Failures.NONE, -1);
            }
            String[] parts = value.split("\\|", -1);
            try {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("not three fields");
                }
                return new Stored(new Failures(Integer.parseInt(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1]))),
                        parts[2].isEmpty() ? -1 : Long.parseLong(parts[2]));
            } catch (IllegalArgumentException malformed) {
                log.warn("login throttle: ignored a malformed count in Redis ({})", malformed.getMessage());
                return new Stored(Failures.NONE, -1); // the next write replaces it
            }
        }

        Optional<Instant> lastSignIn() {
            return signedInMillis < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(signedInMillis));
        }

        String format() {
            return failures.count() + "|" + failures.last().toEpochMilli() + "|"
                    + (signedInMillis < 0 ? "" : Long.toString(signedInMillis));
        }
    }
}
