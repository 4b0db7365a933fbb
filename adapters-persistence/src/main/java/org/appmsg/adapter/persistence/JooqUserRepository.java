package org.appmsg.adapter.persistence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.appmsg.adapter.persistence.Tables.Clients;
import org.appmsg.adapter.persistence.Tables.Users;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.Device;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;

/**
 * The {@link UserRepository} port on jOOQ (tables app_user and client). {@link #findById} and
 * {@link #findByIds} answer from a short-lived cache (and fill it): every push looks its recipient up, and that
 * must not cost a query each time. This node's writes clear the entry at once; another node's changes when its
 * event arrives ({@link #forgetCached}), at the latest within {@link #CACHE_TTL_NANOS}. {@link #findByIds} reads
 * the ids it did not find cached with one {@code IN} query per {@link #IN_CHUNK} ids.
 *
 * <p>A read never caches a row older than an eviction that happened while it ran: every eviction counts in one of
 * {@link #STRIPES} counters (by the id's hash), a read notes its ids' counters before its query, and after caching
 * what it read it takes the entry back if a counter moved. (An eviction that counted before the read noted its
 * counter followed a commit the read's query sees.)
 *
 * <p>{@link #upsert} is group-committed (a bulk sync sends many at once, and one transaction each would cost
 * one log flush each): a {@link GroupCommit} of two writer threads writes the calls queued meanwhile in one
 * transaction per batch ({@link UserBatchWriter}), each caller waiting for its own answer.
 */
final class JooqUserRepository implements UserRepository {

    private static final long CACHE_TTL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int CACHE_MAX = 100_000;
    private static final int STRIPES = 256;
    private static final int IN_CHUNK = 500;
    private static final char LIKE_ESCAPE = '!';

    static final List<Field<?>> COLUMNS = List.of(Users.ID, Users.TENANT_ID, Users.NAME, Users.NICKNAME,
            Users.EMAIL, Users.MOBILE, Users.AVATAR, Users.STATUS, Users.PY_INITIAL, Users.PY_QUANPIN, Users.AREA,
            Users.PASSWORD_HASH);

    private final Database db;
    private final Clock clock;
    private final ConcurrentHashMap<UserId, Cached> byId = new ConcurrentHashMap<>();
    /** Evictions so far, per stripe of ids (see the class comment). */
    private final AtomicLongArray evictions = new AtomicLongArray(STRIPES);
    private final GroupCommit<User, Upsert> upserts;

    private record Cached(User user, long until) {}

    /** Starts the upsert writers. */
    JooqUserRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        // last: the writers use the fields above
        this.upserts = GroupCommit.start("user", GroupCommit.DEFAULT_MAX_BATCH, GroupCommit.DEFAULT_WRITERS,
                this::write, user -> write(List.of(user)).get(0));
    }

    @Override
    public Upsert upsert(User user) {
        try {
            return upserts.submit(user, "upserting user " + user.id());
        } finally {
            forget(user.id()); // after the write is durable, so no reader re-caches the old row
        }
    }

    /** Stops the upsert writers once they have written what was queued; later upserts fail. Idempotent. */
    void close() {
        upserts.close();
    }

    /** Writes {@code users} as one batch on the calling thread, exactly as a writer would (for tests). */
    List<Upsert> upsertAsOneBatch(List<User> users) {
        try {
            return upserts.writeAsOneBatch(users);
        } finally {
            users.forEach(u -> forget(u.id()));
        }
    }

    /** Upserts the users in one transaction, decided again when a concurrent insert of one of their keys wins. */
    private List<Upsert> write(List<User> users) {
        return db.transactionDecidingAgainOnDuplicates(dsl -> UserBatchWriter.write(dsl, users, clock.millis()));
    }

    @Override
    public Optional<User> findById(UserId id) {
        long now = System.nanoTime();
        User cached = cached(id, now);
        if (cached != null) {
            return Optional.of(cached);
        }
        long seen = evictions.get(stripe(id));
        Optional<User> found = db.query(dsl -> dsl.select(COLUMNS).from(Users.TABLE).where(Users.ID.eq(id.value()))
                .fetchOptional(JooqUserRepository::toUser));
        remember(id, found.orElse(null), now, seen);
        return found;
    }

    @Override
    public Map<UserId, User> findByIds(Collection<UserId> ids) {
        long now = System.nanoTime();
        Set<UserId> distinct = new LinkedHashSet<>(ids);
        Map<UserId, User> found = new HashMap<>();
        List<UserId> missing = new ArrayList<>();
        for (UserId id : distinct) {
            User cached = cached(id, now);
            if (cached != null) {
                found.put(id, cached);
            } else {
                missing.add(id);
            }
        }
        long[] seen = new long[missing.size()];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = evictions.get(stripe(missing.get(i)));
        }
        for (List<UserId> chunk : Database.chunks(missing, IN_CHUNK)) {
            List<User> read = db.query(dsl -> dsl.select(COLUMNS).from(Users.TABLE)
                    .where(Users.ID.in(chunk.stream().map(UserId::value).toList()))
                    .fetch(JooqUserRepository::toUser));
            read.forEach(u -> found.put(u.id(), u));
        }
        for (int i = 0; i < seen.length; i++) {
            remember(missing.get(i), found.get(missing.get(i)), now, seen[i]);
        }
        Map<UserId, User> ordered = new LinkedHashMap<>();
        for (UserId id : distinct) {
            User user = found.get(id);
            if (user != null) {
                ordered.put(id, user);
            }
        }
        return ordered;
    }

    /** The cached user of {@code id}, or null when none is cached or it is older than the TTL at {@code now}. */
    private User cached(UserId id, long now) {
        Cached cached = byId.get(id);
        return cached != null && now - cached.until() < 0 ? cached.user() : null;
    }

    /**
     * Caches what a read found for {@code id} ({@code null}: nothing) at {@code now} (nanoTime), unless {@code id}'s
     * stripe counted an eviction since the read noted {@code seen}.
     */
    private void remember(UserId id, User user, long now, long seen) {
        if (user == null) {
            byId.remove(id);
            return;
        }
        if (byId.size() >= CACHE_MAX) {
            byId.clear(); // bounded; a full cache costs one query per user until it refills
        }
        Cached cached = new Cached(user, now + CACHE_TTL_NANOS);
        byId.put(id, cached);
        if (evictions.get(stripe(id)) != seen) {
            byId.remove(id, cached); // evicted while we read: what we read may predate the change
        }
    }

    /** Counts an eviction of {@code id}, then drops its entry (in that order: see the class comment). */
    private void forget(UserId id) {
        evictions.incrementAndGet(stripe(id));
        byId.remove(id);
    }

    private static int stripe(UserId id) {
        return id.hashCode() & (STRIPES - 1);
    }

    @Override
    public void forgetCached(Collection<UserId> users) {
        users.forEach(this::forget);
    }

    @Override
    public void forgetAllCached() {
        for (int i = 0; i < STRIPES; i++) {
            evictions.incrementAndGet(i);
        }
        byId.clear();
    }

    @Override
    public Optional<User> findByLogin(String name) {
        if (name.indexOf('@') < 0) {
            return db.query(dsl -> dsl.select(COLUMNS).from(Users.TABLE).where(Users.NAME.eq(name))
                    .fetchOptional(JooqUserRepository::toUser));
        }
        List<User> byEmail = db.query(dsl -> dsl.select(COLUMNS).from(Users.TABLE).where(Users.EMAIL.eq(name))
                .limit(2).fetch(JooqUserRepository::toUser));
        return byEmail.size() == 1 ? Optional.of(byEmail.get(0)) : Optional.empty();
    }

    @Override
    public void updatePassword(UserId id, PasswordHash password) {
        db.execute(dsl -> dsl.update(Users.TABLE)
                .set(Users.PASSWORD_HASH, password.encoded())
                .set(Users.UPDATED, clock.millis())
                .where(Users.ID.eq(id.value()))
                .execute());
        forget(id);
    }

    @Override
    public void recordDevice(Device device) {
        long lastLogin = device.lastLogin().toEpochMilli();
        db.execute(dsl -> dsl.insertInto(Clients.TABLE)
                .set(Clients.USER_ID, device.user().value())
                .set(Clients.DEVICE_ID, device.deviceId())
                .set(Clients.DEVICE_TYPE, device.deviceType())
                .set(Clients.LATEST_LOGIN, lastLogin)
                .set(Clients.CREATED, clock.millis())
                .onConflict(Clients.USER_ID, Clients.DEVICE_ID)
                .doUpdate()
                .set(Clients.DEVICE_TYPE, device.deviceType())
                .set(Clients.LATEST_LOGIN, lastLogin)
                .execute());
    }

    @Override
    public Page search(TenantId tenant, String key, int offset, int limit) {
        Condition where = Users.TENANT_ID.eq(tenant.value());
        if (!key.isEmpty()) {
            String pattern = "%" + escapeLike(key) + "%";
            where = where.and(Users.NICKNAME.like(pattern, LIKE_ESCAPE)
                    .or(Users.NAME.like(pattern, LIKE_ESCAPE))
                    .or(Users.PY_INITIAL.like(pattern, LIKE_ESCAPE))
                    .or(Users.PY_QUANPIN.like(pattern, LIKE_ESCAPE)));
        }
        Condition matches = where;
        return db.query(dsl -> {
            List<User> page = limit <= 0 ? List.of()
                    : dsl.select(COLUMNS).from(Users.TABLE).where(matches)
                            .orderBy(Users.NICKNAME, Users.ID)
                            .limit(limit).offset(Math.max(offset, 0))
                            .fetch(JooqUserRepository::toUser);
            long total = dsl.fetchCount(Users.TABLE, matches);
            return new Page(page, total);
        });
    }

    @Override
    public List<UserId> idsOfTenant(TenantId tenant, String afterId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.query(dsl -> dsl.select(Users.ID).from(Users.TABLE)
                .where(Users.TENANT_ID.eq(tenant.value()), Users.ID.gt(afterId))
                .orderBy(Users.ID)
                .limit(limit)
                .fetch(r -> new UserId(r.value1())));
    }

    /**
     * Makes {@code text} match itself in a LIKE with {@link #LIKE_ESCAPE}. The escape is '!' rather than the
     * customary backslash, which MySQL/MariaDB string literals would treat as an escape of their own.
     */
    static String escapeLike(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == LIKE_ESCAPE || c == '%' || c == '_') {
                out.append(LIKE_ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }

    static User toUser(Record r) {
        UserProfile profile = new UserProfile(r.get(Users.NAME), r.get(Users.NICKNAME), r.get(Users.EMAIL),
                r.get(Users.MOBILE), r.get(Users.AVATAR), r.get(Users.STATUS), r.get(Users.PY_INITIAL),
                r.get(Users.PY_QUANPIN), r.get(Users.AREA));
        return new User(new UserId(r.get(Users.ID)), new TenantId(r.get(Users.TENANT_ID)), profile,
                new PasswordHash(r.get(Users.PASSWORD_HASH)));
    }
}
