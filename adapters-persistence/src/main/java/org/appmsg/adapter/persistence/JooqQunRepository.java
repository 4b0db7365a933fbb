package org.appmsg.adapter.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.appmsg.adapter.persistence.Tables.QunUsers;
import org.appmsg.adapter.persistence.Tables.Quns;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.qun.Changes;
import org.appmsg.domain.qun.Member;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.qun.Role;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep6;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The {@link QunRepository} port on jOOQ (V5__qun.sql). {@link #apply} is one transaction: the optimistic
 * {@code UPDATE qun ... WHERE version = ?} (or the insert of a new group) comes first, so a stale change
 * writes nothing and a winning one holds the group's row lock until commit; then the member rows; then the
 * notices through {@link MailboxBatchWriter}, whose mailbox rows {@link JooqMailbox#transactionWith} creates
 * beforehand outside the transaction. Locks are always taken in the order group row, then mailbox rows in
 * sorted order, the same order the mailbox writers use for the latter, so no two writers deadlock.
 *
 * <p>{@code created} and {@code updated} are epoch milliseconds of the clock; a change sets {@code updated} to
 * {@code GREATEST(updated + 1, now)}, so it moves forward even when this node's clock is not ahead of it.
 */
final class JooqQunRepository implements QunRepository {

    /** Member rows per multi-row statement: far below every server's bind-variable limit. */
    private static final int CHUNK = 500;

    private final Database db;
    private final JooqMailbox mailbox;
    private final Clock clock;

    JooqQunRepository(Database db, JooqMailbox mailbox, Clock clock) {
        this.db = db;
        this.mailbox = mailbox;
        this.clock = clock;
    }

    /** One statement, so the group row and its members come from one committed state. */
    @Override
    public Optional<Versioned> find(QunId id) {
        List<? extends Record> rows = db.query(dsl -> dsl.select(Quns.TENANT_ID, Quns.TOPIC, Quns.MAX_MEMBERS,
                        Quns.OWNER_ONLY_INVITE, Quns.VERSION, Quns.CREATED, Quns.UPDATED, QunUsers.USER_ID,
                        QunUsers.NICKNAME, QunUsers.ROLE, QunUsers.JOIN_SEQ)
                .from(Quns.TABLE)
                .leftJoin(QunUsers.TABLE).on(QunUsers.QUN_ID.eq(Quns.ID))
                .where(Quns.ID.eq(id.value()))
                .and(Quns.DISSOLVED.isFalse())
                .orderBy(QunUsers.JOIN_SEQ, QunUsers.USER_ID)
                .fetch());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Member> members = new ArrayList<>();
        for (Record r : rows) {
            if (r.get(QunUsers.USER_ID) != null) {
                members.add(new Member(new UserId(r.get(QunUsers.USER_ID)), r.get(QunUsers.NICKNAME),
                        Role.ofCode(r.get(QunUsers.ROLE)), r.get(QunUsers.JOIN_SEQ)));
            }
        }
        if (members.isEmpty()) {
            return Optional.empty(); // not written by apply (a group without members is dissolved), but never a Qun
        }
        Record first = rows.get(0);
        Qun qun = new Qun(id, new TenantId(first.get(Quns.TENANT_ID)), first.get(Quns.TOPIC),
                first.get(Quns.MAX_MEMBERS), first.get(Quns.OWNER_ONLY_INVITE), members);
        return Optional.of(new Versioned(qun, first.get(Quns.VERSION), Instant.ofEpochMilli(first.get(Quns.CREATED)),
                Instant.ofEpochMilli(first.get(Quns.UPDATED))));
    }

    /** One primary-key read of the group row. */
    @Override
    public OptionalLong version(QunId id) {
        Optional<Long> version = db.query(dsl -> dsl.select(Quns.VERSION)
                .from(Quns.TABLE)
                .where(Quns.ID.eq(id.value()))
                .and(Quns.DISSOLVED.isFalse())
                .fetchOptional(Quns.VERSION));
        return version.map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    @Override
    public List<QunId> qunsOf(UserId user) {
        return db.query(dsl -> dsl.select(QunUsers.QUN_ID)
                .from(QunUsers.TABLE)
                .where(QunUsers.USER_ID.eq(user.value()))
                .orderBy(QunUsers.QUN_ID)
                .fetch(r -> new QunId(r.value1())));
    }

    @Override
    public Applied apply(Qun after, long expectedVersion, Changes changes, List<NoticeDelivery> notices) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(changes, "changes");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be 0 or more: " + expectedVersion);
        }
        List<MailboxBatchWriter.Item> items = new ArrayList<>();
        for (NoticeDelivery n : notices) {
            if (!n.recipients().isEmpty()) { // stores nothing, so adds no entries
                items.add(new MailboxBatchWriter.Item(n.message(), n.recipients()));
            }
        }
        long version = expectedVersion + 1;
        try {
            long[] updated = new long[1];
            List<List<MailboxEntry>> written = mailbox.transactionWith(items, dsl -> {
                updated[0] = writeGroup(dsl, after, expectedVersion, changes);
                return items.isEmpty() ? List.<List<MailboxEntry>>of() : MailboxBatchWriter.write(dsl, items);
            });
            List<MailboxEntry> entries = written.stream().flatMap(List::stream).toList();
            return new Applied.Done(version, Instant.ofEpochMilli(updated[0]), entries);
        } catch (StaleVersion stale) {
            return new Applied.Conflict();
        }
    }

    /**
     * The group's own rows; returns the group's new {@code updated}. Throws {@link StaleVersion} (rolling back)
     * before writing anything on a conflict.
     */
    private long writeGroup(DSLContext dsl, Qun after, long expectedVersion, Changes changes) {
        long now = clock.millis();
        long updatedAt = now;
        String id = after.id().value();
        if (expectedVersion == 0) {
            int inserted;
            try {
                inserted = dsl.insertInto(Quns.TABLE, Quns.ID, Quns.TENANT_ID, Quns.TOPIC, Quns.MAX_MEMBERS,
                                Quns.OWNER_ONLY_INVITE, Quns.DISSOLVED, Quns.VERSION, Quns.CREATED, Quns.UPDATED)
                        .values(id, after.tenant().value(), after.topic(), after.maxMembers(), after.ownerOnlyInvite(),
                                after.isDissolved(), 1L, now, now)
                        .onConflict(Quns.ID).doNothing()
                        .execute();
            } catch (DataAccessException e) {
                // H2 reports a concurrent insert of the same id as a duplicate rather than doing nothing
                if (Database.isDuplicateKey(e)) {
                    throw new StaleVersion();
                }
                throw e;
            }
            if (inserted == 0) {
                throw new StaleVersion();
            }
        } else {
            int updated = dsl.update(Quns.TABLE)
                    .set(Quns.TOPIC, after.topic())
                    .set(Quns.MAX_MEMBERS, after.maxMembers())
                    .set(Quns.OWNER_ONLY_INVITE, after.ownerOnlyInvite())
                    .set(Quns.DISSOLVED, changes.qunDissolved() || after.isDissolved())
                    .set(Quns.VERSION, Quns.VERSION.plus(1L))
                    .set(Quns.UPDATED, DSL.greatest(Quns.UPDATED.plus(1L), DSL.val(now)))
                    .where(Quns.ID.eq(id))
                    .and(Quns.VERSION.eq(expectedVersion))
                    .and(Quns.DISSOLVED.isFalse())
                    .execute();
            if (updated == 0) {
                throw new StaleVersion();
            }
            // our own write, under the row lock we now hold
            updatedAt = dsl.select(Quns.UPDATED).from(Quns.TABLE).where(Quns.ID.eq(id)).fetchSingle(Quns.UPDATED);
        }
        for (List<UserId> chunk : Database.chunks(changes.removed(), CHUNK)) {
            dsl.deleteFrom(QunUsers.TABLE)
                    .where(QunUsers.QUN_ID.eq(id))
                    .and(QunUsers.USER_ID.in(chunk.stream().map(UserId::value).toList()))
                    .execute();
        }
        for (List<Member> chunk : Database.chunks(changes.added(), CHUNK)) {
            InsertValuesStep6<Record, String, String, String, Integer, Long, Long> insert = dsl.insertInto(
                    QunUsers.TABLE, QunUsers.QUN_ID, QunUsers.USER_ID, QunUsers.NICKNAME, QunUsers.ROLE,
                    QunUsers.JOIN_SEQ, QunUsers.CREATED);
            for (Member m : chunk) {
                insert = insert.values(id, m.user().value(), m.nickname(), m.role().code(), m.joinSeq(), now);
            }
            insert.execute();
        }
        if (!changes.roleChanged().isEmpty()) { // one JDBC batch, applied in order
            BatchBindStep roles = dsl.batch(dsl.update(QunUsers.TABLE)
                    .set(QunUsers.ROLE, 0)
                    .where(QunUsers.QUN_ID.eq(""))
                    .and(QunUsers.USER_ID.eq("")));
            for (Member m : changes.roleChanged()) {
                roles = roles.bind(m.role().code(), id, m.user().value());
            }
            roles.execute();
        }
        return updatedAt;
    }

    /** The group is no longer at the expected version (or the new id is taken); rolls the transaction back. */
    private static final class StaleVersion extends RuntimeException {
        StaleVersion() {
            super("stale qun version", null, false, false);
        }
    }
}
