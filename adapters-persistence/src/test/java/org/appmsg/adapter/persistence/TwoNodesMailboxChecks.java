package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two nodes (two SqlPersistence on one database) writing the same mailboxes, in opposite orders, and racing to
 * store retries of one push; run against each server backend by a subclass.
 */
abstract class TwoNodesMailboxChecks {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    private static final int WRITERS_PER_NODE = 4;
    private static final int MESSAGES_PER_WRITER = 150;

    abstract TestStore store();

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void readers_see_every_message_once_in_mid_order_while_two_nodes_write_the_same_mailboxes() throws Exception {
        Name a = SqlPersistenceChecks.freshUser();
        Name b = SqlPersistenceChecks.freshUser();
        int total = 2 * WRITERS_PER_NODE * MESSAGES_PER_WRITER;
        Set<MessageId> written = ConcurrentHashMap.newKeySet();
        AtomicBoolean writersDone = new AtomicBoolean();
        AtomicLong writersDoneAt = new AtomicLong();
        long started = System.nanoTime();
        try (SqlPersistence second = SqlPersistence.start(store().settings());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<MailboxEntry>> readerA = threads.submit(() -> readUntil(second.mailbox(), a, total, writersDone,
                    writersDoneAt));
            Future<List<MailboxEntry>> readerB = threads.submit(() -> readUntil(store().persistence().mailbox(), b, total,
                    writersDone, writersDoneAt));
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS_PER_NODE; w++) {
                writers.add(threads.submit(() -> write(store().persistence().mailbox(), List.of(a, b), written)));
                writers.add(threads.submit(() -> write(second.mailbox(), List.of(b, a), written)));
            }
            for (Future<?> f : writers) {
                f.get();
            }
            writersDoneAt.set(System.nanoTime());
            writersDone.set(true);
            String took = "writers took " + TimeUnit.NANOSECONDS.toMillis(writersDoneAt.get() - started) + " ms";
            for (Future<List<MailboxEntry>> reader : List.of(readerA, readerB)) {
                List<MailboxEntry> seen = reader.get();
                assertThat(seen).as(took).extracting(MailboxEntry::mid).isSorted().doesNotHaveDuplicates();
                assertThat(seen).as(took + "; a reader that never sees an entry read past it before it was visible")
                        .extracting(MailboxEntry::messageId).containsExactlyInAnyOrderElementsOf(written);
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void retries_of_one_push_sent_to_both_nodes_at_once_are_stored_once_and_all_answered_alike() throws Exception {
        int pushes = 40;
        int attemptsPerNode = 3;
        try (SqlPersistence second = SqlPersistence.start(store().settings());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int p = 0; p < pushes; p++) {
                Name alice = SqlPersistenceChecks.freshUser();
                String key = "u:" + alice + ":retry-" + p;
                List<Future<Mailbox.Once>> attempts = new ArrayList<>();
                for (int i = 0; i < attemptsPerNode; i++) {
                    for (Mailbox node : List.of(store().persistence().mailbox(), second.mailbox())) {
                        Message m = SqlPersistenceChecks.message();
                        attempts.add(threads.submit(() -> node.storeOnce(
                                new Mailbox.Receipt(key, m.id(), T0, T0.plusSeconds(600)),
                                List.of(new Mailbox.Delivery(m, List.of(alice))))));
                    }
                }
                List<Mailbox.Once> answers = new ArrayList<>();
                for (Future<Mailbox.Once> f : attempts) {
                    answers.add(f.get());
                }
                assertThat(answers).filteredOn(Mailbox.Once.Stored.class::isInstance).hasSize(1);
                MessageId stored = answers.stream().filter(Mailbox.Once.Stored.class::isInstance)
                        .map(o -> ((Mailbox.Once.Stored) o).entries().get(0).get(0).messageId()).findFirst()
                        .orElseThrow();
                assertThat(answers).filteredOn(Mailbox.Once.Repeated.class::isInstance)
                        .allSatisfy(r -> assertThat(((Mailbox.Once.Repeated) r).answered()).isEqualTo(stored));
                assertThat(second.mailbox().readAfter(alice, 0, 100, T0)).singleElement()
                        .extracting(MailboxEntry::messageId).isEqualTo(stored);
            }
        }
    }

    private static Void write(Mailbox mailbox, List<Name> recipients, Set<MessageId> written) {
        for (int i = 0; i < MESSAGES_PER_WRITER; i++) {
            Message m = SqlPersistenceChecks.message();
            mailbox.store(m, recipients);
            written.add(m.id());
        }
        return null;
    }

    /** Reads until it has seen {@code count} entries, or 10 s after the writers are done (however slow they were). */
    private static List<MailboxEntry> readUntil(Mailbox mailbox, Name box, int count, AtomicBoolean writersDone,
            AtomicLong writersDoneAt) {
        List<MailboxEntry> seen = new ArrayList<>();
        long last = 0;
        long grace = TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < count && (!writersDone.get() || System.nanoTime() - writersDoneAt.get() < grace)) {
            List<MailboxEntry> page = mailbox.readAfter(box, last, 40, T0);
            seen.addAll(page);
            if (!page.isEmpty()) {
                last = page.get(page.size() - 1).mid();
            }
        }
        return seen;
    }
}
