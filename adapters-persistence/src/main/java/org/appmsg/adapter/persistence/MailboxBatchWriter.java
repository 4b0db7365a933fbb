package org.appmsg.adapter.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.appmsg.adapter.persistence.Tables.Entries;
import org.appmsg.adapter.persistence.Tables.Mailboxes;
import org.appmsg.adapter.persistence.Tables.Messages;
import org.appmsg.adapter.persistence.Tables.PushReceipts;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.MidsExhaustedException;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;

/** The SQL of one {@link JooqMailbox} group-commit batch; {@link #write} runs inside one transaction. */
final class MailboxBatchWriter {

    /** Rows per multi-row statement: keeps bind-variable counts and packet sizes far below server limits. */
    private static final int CHUNK = 500;

    /** A message to store for its recipients, each once (in the order of first appearance). */
    record Item(Message message, List<Name> recipients) {
        Item {
            recipients = List.copyOf(new LinkedHashSet<>(recipients));
        }
    }

    /**
     * One caller's deliveries, stored together, with the receipt that makes them idempotent (null: none), as
     * {@link org.appmsg.application.port.out.Mailbox#storeOnce} defines it.
     */
    record Write(List<Item> items, Mailbox.Receipt receipt, String keyDigest) {
        Write {
            items = List.copyOf(items);
        }

        /** The receipt's key is digested here, once, however often the batch is written again. */
        Write(List<Item> items, Mailbox.Receipt receipt) {
            this(items, receipt, receipt == null ? null : digest(receipt.key()));
        }
    }

    private MailboxBatchWriter() {}

    /**
     * Stores several callers' writes in the current transaction: each write's items as {@link #write} does, unless
     * its receipt's key is recorded (in the table or by an earlier write of this batch) for another message and
     * unexpired: then that write stores nothing and is answered from the record. New receipts are inserted, and
     * those of a later batch of the same message extended, in the same transaction; two transactions that insert
     * one key collide on its primary key, and the loser's caller runs the whole batch again (then it finds the
     * winner's record).
     */
    static List<Mailbox.Once> writeAll(DSLContext dsl, List<Write> writes) {
        Map<String, Recorded> receipts = readReceipts(dsl, writes);
        List<Item> storing = new ArrayList<>();
        // per write: the key it repeats (answered after the stores), or null when it is stored
        List<String> repeats = new ArrayList<>(writes.size());
        for (Write w : writes) {
            String digest = w.keyDigest();
            Recorded before = digest == null ? null : receipts.get(digest);
            if (before != null && before.expiresAt() > w.receipt().at().toEpochMilli()
                    && before.messageId() != w.receipt().answers().value()) {
                repeats.add(digest);
                continue;
            }
            repeats.add(null);
            storing.addAll(w.items());
            if (digest != null) {
                boolean extending = before != null && before.messageId() == w.receipt().answers().value()
                        && before.expiresAt() > w.receipt().at().toEpochMilli();
                receipts.put(digest, new Recorded(w.receipt().answers().value(),
                        extending ? before.entries() : new ArrayList<>(), w.receipt().expiresAt().toEpochMilli(),
                        before != null && before.inTable(), true));
            }
        }
        List<List<MailboxEntry>> stored = storing.isEmpty() ? List.of() : write(dsl, storing);
        List<Mailbox.Once> results = new ArrayList<>(writes.size());
        int next = 0;
        for (int i = 0; i < writes.size(); i++) {
            Write w = writes.get(i);
            if (repeats.get(i) != null) {
                results.add(null); // answered below, once every stored write has added its entries
                continue;
            }
            List<List<MailboxEntry>> mine = List.copyOf(stored.subList(next, next + w.items().size()));
            next += w.items().size();
            if (w.receipt() != null) {
                Recorded r = receipts.get(w.keyDigest());
                for (int j = 0; j < mine.size(); j++) {
                    if (w.items().get(j).message().id().equals(w.receipt().answers())) {
                        mine.get(j).forEach(e -> r.entries().add(new Mailbox.Receipt.Entry(e.mailbox(), e.mid())));
                    }
                }
            }
            results.add(new Mailbox.Once.Stored(mine));
        }
        for (int i = 0; i < writes.size(); i++) {
            if (repeats.get(i) != null) {
                Recorded r = receipts.get(repeats.get(i));
                results.set(i, new Mailbox.Once.Repeated(new MessageId(r.messageId()), r.entries()));
            }
        }
        saveReceipts(dsl, receipts);
        return results;
    }

    /**
     * A receipt as read or as this batch leaves it: {@code inTable} whether a row exists (to update rather than
     * insert), {@code changed} whether this batch stored under it.
     */
    private record Recorded(long messageId, List<Mailbox.Receipt.Entry> entries, long expiresAt, boolean inTable,
            boolean changed) {}

    private static Map<String, Recorded> readReceipts(DSLContext dsl, List<Write> writes) {
        SortedSet<String> digests = new TreeSet<>();
        writes.stream().filter(w -> w.receipt() != null).forEach(w -> digests.add(w.keyDigest()));
        Map<String, Recorded> found = new HashMap<>();
        if (digests.isEmpty()) {
            return found;
        }
        dsl.select(PushReceipts.KEY_DIGEST, PushReceipts.MESSAGE_ID, PushReceipts.ENTRIES, PushReceipts.EXPIRES_AT)
                .from(PushReceipts.TABLE)
                .where(PushReceipts.KEY_DIGEST.in(digests))
                .fetch()
                .forEach(r -> found.put(r.value1(), new Recorded(r.value2(), decode(r.value3()), r.value4(), true,
                        false)));
        return found;
    }

    private static void saveReceipts(DSLContext dsl, Map<String, Recorded> receipts) {
        receipts.forEach((digest, r) -> {
            if (!r.changed()) {
                return;
            }
            if (r.inTable()) {
                dsl.update(PushReceipts.TABLE)
                        .set(PushReceipts.MESSAGE_ID, r.messageId())
                        .set(PushReceipts.ENTRIES, encode(r.entries()))
                        .set(PushReceipts.EXPIRES_AT, r.expiresAt())
                        .where(PushReceipts.KEY_DIGEST.eq(digest))
                        .execute();
            } else {
                dsl.insertInto(PushReceipts.TABLE, PushReceipts.KEY_DIGEST, PushReceipts.MESSAGE_ID,
                        PushReceipts.ENTRIES, PushReceipts.EXPIRES_AT)
                        .values(digest, r.messageId(), encode(r.entries()), r.expiresAt())
                        .execute();
            }
        });
    }

    /** Lines {@code mid:owner}: an owner name holds no line break, and the mid before the first colon is digits. */
    private static String encode(List<Mailbox.Receipt.Entry> entries) {
        StringBuilder text = new StringBuilder(entries.size() * 24);
        for (Mailbox.Receipt.Entry e : entries) {
            text.append(e.mid()).append(':').append(e.mailbox()).append('\n');
        }
        return text.toString();
    }

    private static List<Mailbox.Receipt.Entry> decode(String text) {
        List<Mailbox.Receipt.Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                int colon = line.indexOf(':');
                entries.add(new Mailbox.Receipt.Entry(Name.parse(line.substring(colon + 1)),
                        Long.parseLong(line, 0, colon, 10)));
            }
        }
        return entries;
    }

    /** The stored form of a key: fixed length, and compared byte for byte whatever the column's collation. */
    static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Some owners' sequence rows do not exist; the transaction that found out is rolled back. */
    static final class MissingMailboxes extends RuntimeException {
        private final transient SortedSet<String> owners;

        MissingMailboxes(SortedSet<String> owners) {
            super("mailbox rows missing for " + owners.size() + " owners", null, false, false);
            this.owners = owners;
        }

        SortedSet<String> owners() {
            return owners;
        }
    }

    /** Stores the items' messages and entries; returns each item's entries in the order of its recipients. */
    static List<List<MailboxEntry>> write(DSLContext dsl, List<Item> items) {
        insertMessages(dsl, items);
        SortedSet<String> owners = new TreeSet<>();
        items.forEach(item -> item.recipients().forEach(n -> owners.add(n.toString())));
        Map<String, Long> lastMids = lock(dsl, owners);
        if (lastMids.size() < owners.size()) {
            // the writer's cache of existing rows was stale: roll back, let the caller create them outside
            // any transaction (where a race with another writer is harmless) and write the batch again
            owners.removeAll(lastMids.keySet());
            throw new MissingMailboxes(owners);
        }
        Map<String, Long> locked = new HashMap<>(lastMids);
        List<List<MailboxEntry>> results = new ArrayList<>(items.size());
        for (Item item : items) {
            List<MailboxEntry> entries = new ArrayList<>(item.recipients().size());
            for (Name owner : item.recipients()) {
                long mid = lastMids.merge(owner.toString(), 1L, Long::sum);
                if (mid > MailboxEntry.MAX_MID) {
                    throw new MidsExhaustedException(owner); // before any update: the transaction stored nothing
                }
                entries.add(new MailboxEntry(owner, mid, item.message().id(), item.message().json()));
            }
            results.add(List.copyOf(entries));
        }
        updateLastMids(dsl, locked, lastMids);
        insertEntries(dsl, items, results);
        return results;
    }

    /**
     * Creates the sequence rows of {@code firstMids}' owners that do not exist, each with the last mid one below
     * the first mid it was given; a row that exists is left as it is (its sequence goes on).
     */
    static void insertMissingMailboxes(DSLContext dsl, SortedMap<String, Long> firstMids) {
        for (List<String> chunk : Database.chunks(firstMids.keySet(), CHUNK)) {
            var insert = dsl.insertInto(Mailboxes.TABLE, Mailboxes.OWNER, Mailboxes.LAST_MID);
            for (String owner : chunk) {
                insert = insert.values(owner, firstMids.get(owner) - 1);
            }
            insert.onConflict(Mailboxes.OWNER).doNothing().execute();
        }
    }

    private static void insertMessages(DSLContext dsl, List<Item> items) {
        // a JDBC batch rather than one multi-row statement: bodies can be large, and the driver splits batches
        BatchBindStep batch = dsl.batch(dsl.insertInto(Messages.TABLE, Messages.ID, Messages.FROM_NAME,
                Messages.TO_NAME, Messages.BODY, Messages.CREATED, Messages.EXPIRES_AT)
                .values(0L, "", "", "", 0L, 0L)
                .onConflict(Messages.ID).doNothing()); // a large fan-out stores one message in several batches: keep the first row
        for (Item item : items) {
            Message m = item.message();
            batch = batch.bind(m.id().value(), m.from().toString(), m.to().toString(), m.json(),
                    m.created().toEpochMilli(), m.expiresAt().toEpochMilli());
        }
        batch.execute();
    }

    /**
     * Locks the owners' sequence rows in sorted order (the primary-key order, so every writer on every node
     * takes them in the same order and none can deadlock another); the locks last until commit, which is
     * what makes entries of one mailbox visible in mid order.
     */
    private static Map<String, Long> lock(DSLContext dsl, SortedSet<String> owners) {
        Map<String, Long> lastMids = new HashMap<>();
        for (List<String> chunk : Database.chunks(owners, CHUNK)) {
            dsl.select(Mailboxes.OWNER, Mailboxes.LAST_MID)
                    .from(Mailboxes.TABLE)
                    .where(Mailboxes.OWNER.in(chunk))
                    .orderBy(Mailboxes.OWNER)
                    .forUpdate()
                    .fetch()
                    .forEach(r -> lastMids.put(r.value1(), r.value2()));
        }
        return lastMids;
    }

    /**
     * Advances the locked sequence rows by how many entries each got: owners that got the same number share
     * one {@code UPDATE … SET last_mid = last_mid + n WHERE owner IN (…)} per chunk (a fan-out's whole
     * batch is usually one or two statements), instead of one statement per owner. The rows are locked
     * (FOR UPDATE), so adding to them is the same as setting the new values.
     */
    private static void updateLastMids(DSLContext dsl, Map<String, Long> locked, Map<String, Long> lastMids) {
        Map<Long, SortedSet<String>> byIncrement = new TreeMap<>();
        lastMids.forEach((owner, mid) -> byIncrement.computeIfAbsent(mid - locked.get(owner), k -> new TreeSet<>())
                .add(owner));
        byIncrement.forEach((increment, owners) -> {
            for (List<String> chunk : Database.chunks(owners, CHUNK)) {
                dsl.update(Mailboxes.TABLE)
                        .set(Mailboxes.LAST_MID, Mailboxes.LAST_MID.plus(increment))
                        .where(Mailboxes.OWNER.in(chunk))
                        .execute();
            }
        });
    }

    /**
     * One prepared statement bound once per entry and sent as a JDBC batch (MariaDB Connector/J sends a batch of
     * inserts as one bulk command): rendering a 500-row multi-row insert with jOOQ cost more CPU than the
     * database spent storing it (issue #5 group fan-out profile).
     */
    private static void insertEntries(DSLContext dsl, List<Item> items, List<List<MailboxEntry>> results) {
        BatchBindStep batch = dsl.batch(dsl.insertInto(Entries.TABLE, Entries.OWNER, Entries.MID, Entries.MESSAGE_ID,
                Entries.EXPIRES_AT).values("", 0L, 0L, 0L));
        for (int i = 0; i < items.size(); i++) {
            long expiresAt = items.get(i).message().expiresAt().toEpochMilli();
            for (MailboxEntry e : results.get(i)) {
                batch = batch.bind(e.mailbox().toString(), e.mid(), e.messageId().value(), expiresAt);
            }
        }
        batch.execute();
    }
}
