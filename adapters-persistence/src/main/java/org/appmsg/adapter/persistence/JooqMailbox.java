package org.appmsg.adapter.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.appmsg.adapter.persistence.Tables.Entries;
import org.appmsg.adapter.persistence.Tables.Mailboxes;
import org.appmsg.adapter.persistence.Tables.Messages;
import org.appmsg.adapter.persistence.Tables.PushReceipts;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.MidsExhaustedException;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.message.FirstMid;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The {@link Mailbox} port on jOOQ: a {@link GroupCommit} of a few writer threads group-commits the stores of
 * concurrent callers. Two writers overlap one batch's database round trips with the next batch's; they never
 * deadlock each other because every batch locks mailbox rows in the same (sorted) order, and batches that
 * share a mailbox simply take turns on its row.
 */
final class JooqMailbox implements Mailbox {

    private static final int KNOWN_OWNERS_CAPACITY = 100_000;
    private static final int CLEAR_STEP = 10_000;

    private final Database db;
    private final Set<String> knownOwners = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > KNOWN_OWNERS_CAPACITY;
                }
            }));
    private final GroupCommit<MailboxBatchWriter.Write, Once> stores;

    private final FirstMid firstMid;

    private JooqMailbox(Database db, int maxBatch, int writerCount, FirstMid firstMid) {
        this.db = db;
        this.firstMid = Objects.requireNonNull(firstMid, "firstMid");
        // last: the writers use the fields above
        this.stores = GroupCommit.start("mailbox", maxBatch, writerCount, this::writeBatch);
    }

    /**
     * Starts {@link GroupCommit#DEFAULT_WRITERS} writers that take up to {@code maxBatch} stores each time; the
     * mailboxes they create start their mids where {@code firstMid} says.
     */
    static JooqMailbox start(Database db, int maxBatch, FirstMid firstMid) {
        return new JooqMailbox(db, maxBatch, GroupCommit.DEFAULT_WRITERS, firstMid);
    }

    /** The deliveries with recipients are one group-commit request, so they share one transaction. */
    @Override
    public List<List<MailboxEntry>> storeAll(List<Delivery> deliveries) {
        return ((Once.Stored) submit(deliveries, null)).entries();
    }

    /** As {@link #storeAll}, with the receipt checked and recorded in the same transaction. */
    @Override
    public Once storeOnce(Receipt receipt, List<Delivery> deliveries) {
        return submit(deliveries, Objects.requireNonNull(receipt, "receipt"));
    }

    private Once submit(List<Delivery> deliveries, Receipt receipt) {
        List<MailboxBatchWriter.Item> items = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries) {
            if (!d.recipients().isEmpty()) { // no mailbox could ever show a message without recipients: not stored
                items.add(new MailboxBatchWriter.Item(d.message(), d.recipients()));
            }
        }
        if (items.isEmpty()) {
            return new Once.Stored(deliveries.stream().map(d -> List.<MailboxEntry>of()).toList());
        }
        Once once = stores.submit(new MailboxBatchWriter.Write(items, receipt),
                "storing message " + items.get(0).message().id());
        if (!(once instanceof Once.Stored stored)) {
            return once;
        }
        Iterator<List<MailboxEntry>> entries = stored.entries().iterator();
        return new Once.Stored(deliveries.stream()
                .map(d -> d.recipients().isEmpty() ? List.<MailboxEntry>of() : entries.next()).toList());
    }

    @Override
    public List<MailboxEntry> readAfter(Name mailbox, long afterMid, int limit, Instant now) {
        if (limit <= 0) {
            return List.of();
        }
        return db.query(dsl -> dsl.select(Entries.MID, Entries.MESSAGE_ID, Messages.BODY)
                .from(Entries.TABLE)
                .join(Messages.TABLE).on(Messages.ID.eq(Entries.MESSAGE_ID))
                .where(Entries.OWNER.eq(mailbox.toString()))
                .and(Entries.MID.gt(afterMid))
                .and(Entries.EXPIRES_AT.gt(now.toEpochMilli()))
                .orderBy(Entries.MID)
                .limit(limit)
                .fetch(r -> new MailboxEntry(mailbox, r.value1(), new MessageId(r.value2()), r.value3())));
    }

    /**
     * The mailbox row's counter, which a store raises in the same transaction that inserts its entries: a
     * committed value covers exactly the committed entries.
     */
    @Override
    public long lastMid(Name mailbox) {
        Long last = db.query(dsl -> dsl.select(Mailboxes.LAST_MID).from(Mailboxes.TABLE)
                .where(Mailboxes.OWNER.eq(mailbox.toString()))
                .fetchOne(Mailboxes.LAST_MID));
        return last == null ? 0 : last;
    }

    /**
     * Deletes in autocommit statements of {@link #CLEAR_STEP} entries each, along the primary key
     * ({@code owner, mid}), so a large mailbox never holds one long transaction. The {@code mailbox} row and its
     * counter stay: mids go on from where they were.
     */
    @Override
    public int clear(Name mailbox) {
        String owner = mailbox.toString();
        int total = 0;
        int step;
        do {
            step = db.query(dsl -> dsl.deleteFrom(Entries.TABLE)
                    .where(Entries.OWNER.eq(owner))
                    .orderBy(Entries.MID)
                    .limit(CLEAR_STEP)
                    .execute());
            total += step;
        } while (step == CLEAR_STEP);
        return total;
    }

    /**
     * Three autocommit statements (entries, messages, expired receipts), each a LIMIT-ed delete on an expiry
     * index: short, and under READ COMMITTED they lock only the rows they delete (which no writer touches
     * again), so stores never wait for them. An
     * entry always carries its message's {@code expires_at} ({@link MailboxBatchWriter} writes both from one
     * message), so the entries that may still point at an expired message are found through
     * {@code ix_mailbox_entry_expires} by that same value, without an index on {@code message_id}.
     */
    @Override
    public Purged purgeExpired(Instant now, int maxEntries) {
        if (maxEntries <= 0) {
            return Purged.NOTHING;
        }
        long cutoff = now.toEpochMilli();
        int entries = db.deleteFirst(Entries.TABLE, Entries.EXPIRES_AT.le(cutoff), Entries.EXPIRES_AT, maxEntries);
        int messages = db.deleteFirst(Messages.TABLE, Messages.EXPIRES_AT.le(cutoff)
                        .andNotExists(DSL.selectOne().from(Entries.TABLE)
                                .where(Entries.EXPIRES_AT.eq(Messages.EXPIRES_AT))
                                .and(Entries.MESSAGE_ID.eq(Messages.ID))),
                Messages.EXPIRES_AT, maxEntries);
        db.deleteFirst(PushReceipts.TABLE, PushReceipts.EXPIRES_AT.le(cutoff), PushReceipts.EXPIRES_AT, maxEntries);
        return new Purged(entries, messages);
    }

    /** Writes what was queued before this call, then stops the writers; later stores fail. Idempotent. */
    void close() {
        stores.close();
    }

    /**
     * Writes the batch in one transaction. A write that would pass the largest mid fails the transaction; then
     * each write is done alone, so only the one that passes it fails.
     */
    private void writeBatch(List<GroupCommit.Request<MailboxBatchWriter.Write, Once>> batch) {
        List<MailboxBatchWriter.Write> writes = batch.stream().map(GroupCommit.Request::item).toList();
        List<Once> results;
        try {
            results = writeTogether(writes);
        } catch (MidsExhaustedException e) {
            if (batch.size() == 1) {
                throw e;
            }
            for (GroupCommit.Request<MailboxBatchWriter.Write, Once> request : batch) {
                try {
                    request.complete(writeTogether(List.of(request.item())).get(0));
                } catch (RuntimeException alone) {
                    request.fail(alone);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(results.get(i));
        }
    }

    private List<Once> writeTogether(List<MailboxBatchWriter.Write> writes) {
        List<MailboxBatchWriter.Item> items = writes.stream().flatMap(w -> w.items().stream()).toList();
        List<Once> results;
        for (int attempt = 1; ; attempt++) {
            try {
                results = transactionWith(items, dsl -> MailboxBatchWriter.writeAll(dsl, writes));
                break;
            } catch (StorageUnavailableException e) {
                // another transaction recorded one of these receipts' keys first: the next attempt reads its
                // record and answers that write as a repeat (nothing of this attempt was stored)
                if (!Database.isDuplicateKey(e) || attempt == 3) {
                    throw e;
                }
            }
        }
        return results;
    }

    /**
     * Runs {@code work}, which calls {@link MailboxBatchWriter#write} for {@code items} (and may write more, e.g.
     * a group change whose notices these are), in one transaction. The mailbox rows of the items' recipients
     * are created beforehand, outside it ({@link #ensureMailboxes}); if the cache of existing rows was stale,
     * the transaction is rolled back and {@code work} runs once more in a new one, so it must decide on what
     * it reads inside the transaction.
     */
    <T> T transactionWith(List<MailboxBatchWriter.Item> items, Function<DSLContext, T> work) {
        ensureMailboxes(items);
        try {
            return db.transaction(work);
        } catch (MailboxBatchWriter.MissingMailboxes missing) {
            knownOwners.removeAll(missing.owners()); // evicted from the cache, or deleted: create them again
            ensureMailboxes(items);
            return db.transaction(work);
        }
    }

    /**
     * Creates missing mailbox rows in their own short statements, before the batch transaction: inserting
     * inside it would take shared locks that the later FOR UPDATE upgrades, a classic deadlock between nodes.
     */
    private void ensureMailboxes(List<MailboxBatchWriter.Item> items) {
        SortedMap<String, Long> unknown = new TreeMap<>(); // owner → its first mid, by the first message naming it
        for (MailboxBatchWriter.Item r : items) {
            for (Name n : r.recipients()) {
                if (!knownOwners.contains(n.toString())) {
                    unknown.putIfAbsent(n.toString(), firstMid.of(r.message().created()));
                }
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                db.execute(dsl -> MailboxBatchWriter.insertMissingMailboxes(dsl, unknown));
                break;
            } catch (StorageUnavailableException e) {
                // another writer created some of these rows between our check and our insert (H2 reports
                // that race as a duplicate key even for insert-if-absent); the next attempt finds them
                if (!Database.isDuplicateKey(e) || attempt == 3) {
                    throw e;
                }
            }
        }
        knownOwners.addAll(unknown.keySet());
    }
}
