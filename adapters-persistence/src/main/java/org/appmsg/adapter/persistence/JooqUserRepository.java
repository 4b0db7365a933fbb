package org.appmsg.adapter.persistence;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.appmsg.adapter.persistence.Tables.Clients;
import org.appmsg.adapter.persistence.Tables.Users;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.Device;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * The {@link UserRepository} port on jOOQ (tables app_user and client). {@link #findById} answers from a
 * short-lived cache: every push looks its recipient up, and that must not cost a query each time. This
 * node's writes clear the entry at once; another node's changes show within {@link #CACHE_TTL_NANOS}.
 */
final class JooqUserRepository implements UserRepository {

    private static final long CACHE_TTL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int CACHE_MAX = 100_000;
    private static final char LIKE_ESCAPE = '!';

    static final List<Field<?>> COLUMNS = List.of(Users.ID, Users.TENANT_ID, Users.NAME, Users.NICKNAME,
            Users.EMAIL, Users.MOBILE, Users.AVATAR, Users.STATUS, Users.PY_INITIAL, Users.PY_QUANPIN, Users.AREA,
            Users.PASSWORD_HASH);

    private final Database db;
    private final Clock clock;
    private final ConcurrentHashMap<UserId, Cached> byId = new ConcurrentHashMap<>();

    private record Cached(User user, long until) {}

    JooqUserRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Upsert upsert(User user) {
        try {
            return write(user);
        } finally {
            byId.remove(user.id()); // after the write, so no reader re-caches the old row
        }
    }

    private Upsert write(User user) {
        try {
            return db.transaction(dsl -> upsert(dsl, user));
        } catch (StorageUnavailableException e) {
            if (!Database.isDuplicateKey(e)) {
                throw e;
            }
        }
        // a concurrent writer got in between our check and our write: decide again on what is there now
        try {
            return db.transaction(dsl -> upsert(dsl, user));
        } catch (StorageUnavailableException e) {
            if (Database.isDuplicateKey(e)) {
                return Upsert.NAME_TAKEN;
            }
            throw e;
        }
    }

    private Upsert upsert(DSLContext dsl, User user) {
        String id = user.id().value();
        if (dsl.fetchExists(Users.TABLE, Users.NAME.eq(user.profile().name()).and(Users.ID.ne(id)))) {
            return Upsert.NAME_TAKEN;
        }
        long now = clock.millis();
        if (dsl.fetchExists(Users.TABLE, Users.ID.eq(id))) {
            dsl.update(Users.TABLE).set(values(user)).set(Users.UPDATED, now).where(Users.ID.eq(id)).execute();
            return Upsert.UPDATED;
        }
        dsl.insertInto(Users.TABLE).set(values(user)).set(Users.CREATED, now).set(Users.UPDATED, now).execute();
        return Upsert.INSERTED;
    }

    @Override
    public Optional<User> findById(UserId id) {
        long now = System.nanoTime();
        Cached cached = byId.get(id);
        if (cached != null && now - cached.until() < 0) {
            return Optional.of(cached.user());
        }
        Optional<User> found = db.query(dsl -> dsl.select(COLUMNS).from(Users.TABLE).where(Users.ID.eq(id.value()))
                .fetchOptional(JooqUserRepository::toUser));
        if (found.isPresent()) {
            if (byId.size() >= CACHE_MAX) {
                byId.clear(); // bounded; a full cache costs one query per user until it refills
            }
            byId.put(id, new Cached(found.get(), now + CACHE_TTL_NANOS));
        } else {
            byId.remove(id);
        }
        return found;
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
        byId.remove(id);
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

    private static Map<Field<?>, Object> values(User user) {
        UserProfile p = user.profile();
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(Users.ID, user.id().value());
        values.put(Users.TENANT_ID, user.tenant().value());
        values.put(Users.NAME, p.name());
        values.put(Users.NICKNAME, p.nickname());
        values.put(Users.EMAIL, p.email());
        values.put(Users.MOBILE, p.mobile());
        values.put(Users.AVATAR, p.avatar());
        values.put(Users.STATUS, p.status());
        values.put(Users.PY_INITIAL, p.pyInitial());
        values.put(Users.PY_QUANPIN, p.pyQuanPin());
        values.put(Users.AREA, p.area());
        values.put(Users.PASSWORD_HASH, user.password().encoded());
        return values;
    }

    static User toUser(Record r) {
        UserProfile profile = new UserProfile(r.get(Users.NAME), r.get(Users.NICKNAME), r.get(Users.EMAIL),
                r.get(Users.MOBILE), r.get(Users.AVATAR), r.get(Users.STATUS), r.get(Users.PY_INITIAL),
                r.get(Users.PY_QUANPIN), r.get(Users.AREA));
        return new User(new UserId(r.get(Users.ID)), new TenantId(r.get(Users.TENANT_ID)), profile,
                new PasswordHash(r.get(Users.PASSWORD_HASH)));
    }
}
