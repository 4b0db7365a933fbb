package org.appmsg.adapter.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.appmsg.adapter.persistence.Tables.Entries;
import org.appmsg.adapter.persistence.Tables.Mailboxes;
import org.appmsg.adapter.persistence.Tables.Messages;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
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

    private MailboxBatchWriter() {}

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
                entries.add(new MailboxEntry(owner, mid, item.message().id(), item.message().json()));
            }
            results.add(List.copyOf(entries));
        }
        updateLastMids(dsl, locked, lastMids);
        insertEntries(dsl, items, results);
        return results;
    }

    static void insertMissingMailboxes(DSLContext dsl, SortedSet<String> owners) {
        for (List<String> chunk : Database.chunks(owners, CHUNK)) {
            var insert = dsl.insertInto(Mailboxes.TABLE, Mailboxes.OWNER, Mailboxes.LAST_MID);
            for (String owner : chunk) {
                insert = insert.values(owner, 0L);
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
