package org.appmsg.adapter.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.appmsg.adapter.persistence.Tables.Users;
import org.appmsg.application.port.out.UserRepository.Upsert;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;

/**
 * The SQL of one group-commit batch of {@link JooqUserRepository#upsert} calls; {@link #write} runs inside one
 * transaction and answers the calls as if they had run one after another in the given order.
 *
 * <p>It locks the rows the batch touches (by id, then by login name, each in sorted order, so concurrent
 * batches take shared rows in the same order), decides every call on those rows as the earlier calls of the
 * batch left them, then writes each touched user's final row: one batched UPDATE per existing user, then one
 * multi-row INSERT for the new ones. A new row that a concurrent transaction inserted after the locking read
 * (locking reads under READ COMMITTED take no gap locks) fails the batch with a duplicate key; so does a batch
 * whose renames only work one by one (two users swapping names through a third). Nothing is written then, and
 * the caller runs the batch again or each call alone.
 */
final class UserBatchWriter {

    /** Rows per multi-row statement: keeps bind-variable counts and packet sizes far below server limits. */
    private static final int CHUNK = 500;

    /** Written on update: everything but id, tenant and created. */
    private static final List<Field<?>> UPDATED_COLUMNS = List.of(Users.NAME, Users.NICKNAME, Users.EMAIL,
            Users.MOBILE, Users.AVATAR, Users.STATUS, Users.PY_INITIAL, Users.PY_QUANPIN, Users.AREA,
            Users.PASSWORD_HASH, Users.UPDATED);

    private static final List<Field<?>> INSERTED_COLUMNS = List.of(Users.ID, Users.TENANT_ID, Users.NAME,
            Users.NICKNAME, Users.EMAIL, Users.MOBILE, Users.AVATAR, Users.STATUS, Users.PY_INITIAL,
            Users.PY_QUANPIN, Users.AREA, Users.PASSWORD_HASH, Users.CREATED, Users.UPDATED);

    /** A user as the batch has it so far; {@code stored} when its row existed before the batch. */
    private record Row(User user, boolean stored) {}

    private UserBatchWriter() {}

    /** Upserts the users in order (an id may come more than once); returns each call's outcome, in order. */
    static List<Upsert> write(DSLContext dsl, List<User> users, long now) {
        Map<String, Row> rows = lock(dsl, users);
        Map<String, String> holders = new HashMap<>(); // login name -> id
        rows.values().forEach(r -> holders.put(r.user().profile().name(), r.user().id().value()));

        List<Upsert> outcomes = new ArrayList<>(users.size());
        Map<String, User> inserts = new LinkedHashMap<>(); // by first call
        Map<String, User> updates = new LinkedHashMap<>(); // by last call (see updateAll)
        for (User user : users) {
            String id = user.id().value();
            String name = user.profile().name();
            String holder = holders.get(name);
            Row row = rows.get(id);
            if (holder != null && !holder.equals(id)) {
                outcomes.add(Upsert.NAME_TAKEN);
                continue;
            }
            if (row != null && !row.user().tenant().equals(user.tenant())) {
                outcomes.add(Upsert.OTHER_TENANT);
                continue;
            }
            User written = user;
            if (row != null && !user.password().isSet()) {
                written = user.withPassword(row.user().password()); // none keeps the stored password
            }
            if (row != null) {
                holders.remove(row.user().profile().name());
            }
            holders.put(name, id);
            boolean stored = row != null && row.stored();
            rows.put(id, new Row(written, stored));
            if (stored) {
                updates.remove(id);
                updates.put(id, written);
            } else {
                inserts.put(id, written);
            }
            outcomes.add(row == null ? Upsert.INSERTED : Upsert.UPDATED);
        }
        updateAll(dsl, updates.values(), now);
        insertAll(dsl, inserts.values(), now);
        return outcomes;
    }

    /**
     * Locks, and returns by id, the stored rows of the users' ids and of their login names: first by id, then
     * by name, each in sorted order (the index order), so that two batches wait for each other on a shared row
     * instead of deadlocking. A row another transaction has inserted but not committed is waited for too.
     */
    private static Map<String, Row> lock(DSLContext dsl, List<User> users) {
        SortedSet<String> ids = new TreeSet<>();
        SortedSet<String> names = new TreeSet<>();
        for (User u : users) {
            ids.add(u.id().value());
            names.add(u.profile().name());
        }
        Map<String, Row> rows = new HashMap<>();
        for (List<String> chunk : Database.chunks(ids, CHUNK)) {
            dsl.select(JooqUserRepository.COLUMNS).from(Users.TABLE)
                    .where(Users.ID.in(chunk))
                    .orderBy(Users.ID)
                    .forUpdate()
                    .fetch()
                    .forEach(r -> rows.put(r.get(Users.ID), new Row(JooqUserRepository.toUser(r), true)));
        }
        for (List<String> chunk : Database.chunks(names, CHUNK)) {
            dsl.select(JooqUserRepository.COLUMNS).from(Users.TABLE)
                    .where(Users.NAME.in(chunk))
                    .orderBy(Users.NAME)
                    .forUpdate()
                    .fetch()
                    .forEach(r -> rows.putIfAbsent(r.get(Users.ID), new Row(JooqUserRepository.toUser(r), true)));
        }
        return rows;
    }

    /**
     * One JDBC batch of single-row UPDATEs, ordered by each user's last call: a rename into a name that an
     * earlier call of the batch freed then runs after the rename that freed it.
     */
    private static void updateAll(DSLContext dsl, Collection<User> users, long now) {
        if (users.isEmpty()) {
            return;
        }
        Map<Field<?>, Object> placeholders = new LinkedHashMap<>();
        for (Field<?> column : UPDATED_COLUMNS) {
            placeholders.put(column, column == Users.UPDATED ? (Object) 0L : "");
        }
        BatchBindStep batch = dsl.batch(dsl.update(Users.TABLE).set(placeholders).where(Users.ID.eq("")));
        for (User user : users) {
            UserProfile p = user.profile();
            batch = batch.bind(p.name(), p.nickname(), p.email(), p.mobile(), p.avatar(), p.status(),
                    p.pyInitial(), p.pyQuanPin(), p.area(), user.password().encoded(), now, user.id().value());
        }
        batch.execute();
    }

    private static void insertAll(DSLContext dsl, Collection<User> users, long now) {
        for (List<User> chunk : Database.chunks(users, CHUNK)) {
            InsertValuesStepN<Record> insert = dsl.insertInto(Users.TABLE, INSERTED_COLUMNS);
            for (User user : chunk) {
                UserProfile p = user.profile();
                insert = insert.values(user.id().value(), user.tenant().value(), p.name(), p.nickname(), p.email(),
                        p.mobile(), p.avatar(), p.status(), p.pyInitial(), p.pyQuanPin(), p.area(),
                        user.password().encoded(), now, now); // empty for none
            }
            insert.execute();
        }
    }
}
