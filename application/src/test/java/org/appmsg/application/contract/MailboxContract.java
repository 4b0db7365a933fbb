package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.MidsExhaustedException;
import org.appmsg.domain.message.FirstMid;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every {@link Mailbox} does, whatever stores it. */
public abstract class MailboxContract {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    private static final Instant PAST = Instant.parse("2001-01-01T00:00:00Z");
    private static final Instant PURGE_WINDOW_END = Instant.parse("2010-01-01T00:00:00Z");
    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

    private Mailbox mailbox;

    /**
     * The mailbox under test, asked for once before each test. It may be shared between tests (each test
     * uses mailbox names and message ids of its own) and by the concurrent test's threads.
     */
    protected abstract Mailbox mailbox();

    /**
     * The same mailboxes as {@link #mailbox()} (what one stores the other reads), except that the mailboxes it
     * creates start their mids at the clock ({@link FirstMid#CLOCK}): a node set for clients that move from the
     * legacy server.
     */
    protected abstract Mailbox clockStarted();

    @BeforeEach
    void setUpMailbox() {
        mailbox = mailbox();
    }

    @Test
    void a_mailbox_created_at_the_clock_starts_at_its_first_message_time_in_microseconds_then_counts_by_one() {
        Mailbox clock = clockStarted();
        Name alice = freshUser();
        Message first = message("first");
        long start = micros(first.created());

        assertThat(clock.store(first, List.of(alice))).singleElement().extracting(MailboxEntry::mid).isEqualTo(start);
        assertThat(clock.store(message("second"), List.of(alice))).singleElement().extracting(MailboxEntry::mid)
                .isEqualTo(start + 1);

        assertThat(clock.lastMid(alice)).isEqualTo(start + 1);
        long legacyCursor = start - 3_000_000; // a legacy mid given out 3 s before the mailbox was created here
        assertThat(clock.readAfter(alice, legacyCursor, 10, T0)).extracting(MailboxEntry::json)
                .containsExactly("first", "second");
        assertThat(clock.readAfter(alice, start, 10, T0)).extracting(MailboxEntry::json).containsExactly("second");
    }

    @Test
    void a_mailbox_that_exists_keeps_its_sequence_when_new_ones_start_at_the_clock() {
        Name alice = freshUser();
        Name bob = freshUser();
        mailbox.store(message("before the switch"), List.of(alice));
        Message after = message("after the switch");

        List<MailboxEntry> both = clockStarted().store(after, List.of(alice, bob));
        List<MailboxEntry> again = mailbox.store(message("a node still at 1"), List.of(bob));

        assertThat(both).extracting(MailboxEntry::mailbox, MailboxEntry::mid)
                .containsExactly(tuple(alice, 2L), tuple(bob, micros(after.created())));
        assertThat(again).singleElement().extracting(MailboxEntry::mid).isEqualTo(micros(after.created()) + 1);
    }

    @Test
    void no_mid_above_2_to_the_53rd_minus_1_is_given_out_and_the_store_that_would_pass_it_stores_nothing() {
        Mailbox clock = clockStarted();
        Name alice = freshUser();
        Name bob = freshUser();
        Instant nearTheEnd = Instant.EPOCH.plus(MailboxEntry.MAX_MID - 1, ChronoUnit.MICROS);
        Instant expires = nearTheEnd.plus(Duration.ofDays(1));
        clock.store(message("next to last", nearTheEnd, expires), List.of(alice));
        clock.store(message("last", nearTheEnd, expires), List.of(alice));

        assertThatThrownBy(() -> clock.store(message("one too many", nearTheEnd, expires), List.of(bob, alice)))
                .isInstanceOf(MidsExhaustedException.class).hasMessageContaining(alice.toString());

        assertThat(clock.readAfter(alice, 0, 10, nearTheEnd)).extracting(MailboxEntry::mid, MailboxEntry::json)
                .containsExactly(tuple(MailboxEntry.MAX_MID - 1, "next to last"), tuple(MailboxEntry.MAX_MID, "last"));
        assertThat(clock.lastMid(alice)).isEqualTo(9_007_199_254_740_991L);
        assertThat(clock.readAfter(bob, 0, 10, nearTheEnd)).isEmpty();
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    @Test
    void mids_of_a_new_mailbox_start_at_1_and_increase_by_one() {
        Name alice = freshUser();
        for (int i = 1; i <= 3; i++) {
            assertThat(mailbox.store(message("m" + i), List.of(alice))).singleElement()
                    .extracting(MailboxEntry::mid).isEqualTo((long) i);
        }
        assertThat(mailbox.readAfter(alice, 0, 10, T0)).extracting(MailboxEntry::mid).containsExactly(1L, 2L, 3L);
    }

    @Test
    void several_messages_stored_together_get_their_own_entries_in_delivery_order() {
        Name alice = freshUser();
        Name bob = freshUser();
        Name carol = freshUser();
        Message group = message("{\"content\":\"to the group\"}");
        Message own = message("{\"content\":\"alice's own copy\"}");
        mailbox.store(message("earlier"), List.of(bob));

        List<List<MailboxEntry>> stored = mailbox.storeAll(List.of(new Mailbox.Delivery(group, List.of(bob, carol, bob)),
                new Mailbox.Delivery(message("nobody"), List.of()), new Mailbox.Delivery(own, List.of(alice, bob))));

        assertThat(stored).hasSize(3);
        assertThat(stored.get(0)).extracting(MailboxEntry::mailbox, MailboxEntry::mid, MailboxEntry::messageId)
                .containsExactly(tuple(bob, 2L, group.id()), tuple(carol, 1L, group.id()));
        assertThat(stored.get(1)).isEmpty();
        assertThat(stored.get(2)).extracting(MailboxEntry::mailbox, MailboxEntry::mid, MailboxEntry::messageId)
                .containsExactly(tuple(alice, 1L, own.id()), tuple(bob, 3L, own.id()));
        assertThat(mailbox.readAfter(bob, 0, 10, T0)).extracting(MailboxEntry::json)
                .containsExactly("earlier", group.json(), own.json());
        assertThat(mailbox.readAfter(alice, 0, 10, T0)).extracting(MailboxEntry::json).containsExactly(own.json());
    }

    @Test
    void storing_only_deliveries_without_recipients_stores_nothing() {
        assertThat(mailbox.storeAll(List.of(new Mailbox.Delivery(message("nobody"), List.of())))).containsExactly(List.of());
        assertThat(mailbox.store(message("nobody either"), List.of())).isEmpty();
    }

    @Test
    void each_mailbox_counts_its_own_mids() {
        Name alice = freshUser();
        Name bob = freshUser();
        mailbox.store(message("to alice"), List.of(alice));
        mailbox.store(message("to alice again"), List.of(alice));
        List<MailboxEntry> both = mailbox.store(message("to both"), List.of(alice, bob));
        assertThat(both).extracting(MailboxEntry::mailbox, MailboxEntry::mid)
                .containsExactly(tuple(alice, 3L), tuple(bob, 1L));
    }

    @Test
    void one_message_to_two_recipients_is_stored_once_and_appears_in_both_mailboxes() {
        Name alice = freshUser();
        Name bob = freshUser();
        Message m = message("{\"text\":\"hello both\"}");
        mailbox.store(m, List.of(alice, bob));

        MailboxEntry inAlice = mailbox.readAfter(alice, 0, 10, T0).get(0);
        MailboxEntry inBob = mailbox.readAfter(bob, 0, 10, T0).get(0);
        assertThat(inAlice.messageId()).isEqualTo(m.id()).isEqualTo(inBob.messageId());
        assertThat(inAlice.json()).isEqualTo(m.json()).isEqualTo(inBob.json());
    }

    @Test
    void storing_a_message_again_for_more_recipients_appends_entries_to_the_one_stored_message() {
        Name alice = freshUser();
        Name bob = freshUser();
        Message m = message("{\"text\":\"batched\"}");
        assertThat(mailbox.store(m, List.of(alice))).extracting(MailboxEntry::mid).containsExactly(1L);
        assertThat(mailbox.store(m, List.of(bob))).extracting(MailboxEntry::mid).containsExactly(1L);

        assertThat(mailbox.readAfter(alice, 0, 10, T0)).singleElement()
                .satisfies(e -> assertThat(e.messageId()).isEqualTo(m.id()));
        assertThat(mailbox.readAfter(bob, 0, 10, T0)).singleElement()
                .satisfies(e -> assertThat(e.json()).isEqualTo(m.json()));
    }

    @Test
    void store_returns_one_entry_per_recipient_in_recipient_order() {
        Name first = freshUser();
        Name second = freshUser();
        Name group = new Name(first.id(), Kind.QUN);
        List<MailboxEntry> stored = mailbox.store(message("hi"), List.of(second, group, first));
        assertThat(stored).extracting(MailboxEntry::mailbox).containsExactly(second, group, first);
        assertThat(stored).allSatisfy(e -> assertThat(e.mid()).isEqualTo(1L));
    }

    @Test
    void duplicate_recipients_are_appended_once() {
        Name alice = freshUser();
        Name bob = freshUser();
        List<MailboxEntry> stored = mailbox.store(message("once"), List.of(alice, bob, alice, alice));
        assertThat(stored).extracting(MailboxEntry::mailbox).containsExactly(alice, bob);
        assertThat(mailbox.readAfter(alice, 0, 10, T0)).hasSize(1);
    }

    @Test
    void read_after_pages_in_mid_order_with_limit() {
        Name alice = freshUser();
        for (int i = 1; i <= 7; i++) {
            mailbox.store(message("n" + i), List.of(alice));
        }
        assertThat(mailbox.readAfter(alice, 0, 3, T0)).extracting(MailboxEntry::mid).containsExactly(1L, 2L, 3L);
        assertThat(mailbox.readAfter(alice, 3, 3, T0)).extracting(MailboxEntry::mid).containsExactly(4L, 5L, 6L);
        assertThat(mailbox.readAfter(alice, 6, 3, T0)).extracting(MailboxEntry::mid).containsExactly(7L);
        assertThat(mailbox.readAfter(alice, 7, 3, T0)).isEmpty();
    }

    @Test
    void mailbox_names_that_differ_only_in_case_are_different_mailboxes() {
        Name upper = new Name("CASE-" + RUN + "-" + SEQ.incrementAndGet(), Kind.USER);
        Name lower = new Name(upper.id().toLowerCase(Locale.ROOT), Kind.USER);
        mailbox.store(message("upper"), List.of(upper));
        assertThat(mailbox.store(message("lower"), List.of(lower))).singleElement()
                .extracting(MailboxEntry::mid).isEqualTo(1L);
        assertThat(mailbox.readAfter(upper, 0, 10, T0)).singleElement()
                .extracting(MailboxEntry::json).isEqualTo("upper");
    }

    @Test
    void an_unknown_mailbox_reads_empty() {
        assertThat(mailbox.readAfter(freshUser(), 0, 10, T0)).isEmpty();
    }

    @Test
    void the_last_mid_is_0_for_an_unknown_mailbox_then_the_highest_mid_given_out() {
        Name alice = freshUser();
        Name bob = freshUser();
        assertThat(mailbox.lastMid(alice)).isZero();

        mailbox.store(message("one"), List.of(alice, bob));
        mailbox.store(message("two"), List.of(alice));

        assertThat(mailbox.lastMid(alice)).isEqualTo(2);
        assertThat(mailbox.lastMid(bob)).isEqualTo(1);
    }

    @Test
    void expired_messages_are_not_returned() {
        Name alice = freshUser();
        Message shortLived = message("short", T0, T0.plusSeconds(60));
        Message longLived = message("long", T0, T0.plus(Duration.ofDays(7)));
        mailbox.store(shortLived, List.of(alice));
        mailbox.store(longLived, List.of(alice));

        assertThat(mailbox.readAfter(alice, 0, 10, T0.plusSeconds(59))).hasSize(2);
        assertThat(mailbox.readAfter(alice, 0, 10, T0.plusSeconds(60)))
                .extracting(MailboxEntry::messageId).containsExactly(longLived.id());
    }

    @Test
    void the_message_json_comes_back_unchanged() {
        Name alice = freshUser();
        String json = "{\"content\":\"你好 👋 \\\"quoted\\\" \\\\ back\",\"big\":\"" + "x".repeat(100_000) + "\"}";
        mailbox.store(message(json), List.of(alice));
        assertThat(mailbox.readAfter(alice, 0, 1, T0).get(0).json()).isEqualTo(json);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_reader_paging_during_concurrent_writes_sees_every_message_once_in_mid_order() throws Exception {
        Name busy = freshUser();
        int writers = 8;
        int perWriter = 200;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<List<MailboxEntry>> reader = pool.submit(() -> readUntil(busy, writers * perWriter));
            List<Future<List<MessageId>>> written = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                written.add(pool.submit(() -> {
                    List<MessageId> ids = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        Message m = message("burst " + i);
                        mailbox.store(m, List.of(busy, freshUser()));
                        ids.add(m.id());
                    }
                    return ids;
                }));
            }
            Set<MessageId> expected = new HashSet<>();
            for (Future<List<MessageId>> f : written) {
                expected.addAll(f.get());
            }
            List<MailboxEntry> seen = reader.get();
            assertThat(seen).extracting(MailboxEntry::mid).isSorted().doesNotHaveDuplicates();
            assertThat(seen).extracting(MailboxEntry::messageId).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Pages through {@code box} until {@code count} entries were seen (or a skipped one made that impossible). */
    private List<MailboxEntry> readUntil(Name box, int count) {
        List<MailboxEntry> seen = new ArrayList<>();
        long last = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (seen.size() < count && System.nanoTime() < deadline) {
            List<MailboxEntry> page = mailbox.readAfter(box, last, 50, T0);
            seen.addAll(page);
            if (!page.isEmpty()) {
                last = page.get(page.size() - 1).mid();
            }
        }
        return seen;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrent_first_messages_to_the_same_new_mailboxes_all_succeed() throws Exception {
        List<Name> fresh = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fresh.add(freshUser());
        }
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    for (Name owner : fresh) {
                        mailbox.store(message("first"), List.of(owner));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (Name owner : fresh) {
            assertThat(mailbox.readAfter(owner, 0, 100, T0)).extracting(MailboxEntry::mid)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        }
    }

    // Retention. Purge tests live in 2001 (T0's messages expire in 2025 and later), and each first purges
    // everything that expired before 2010, so the counts it sees are its own even on a shared database.

    @Test
    void purge_removes_expired_entries_and_messages_and_nothing_else() {
        clearPurgeWindow();
        Name alice = freshUser();
        Name bob = freshUser();
        Message shortLived = message("short", PAST.minusSeconds(5), PAST.plusSeconds(60));
        Message longLived = message("long", PAST.minusSeconds(5), PAST.plus(Duration.ofDays(1)));
        mailbox.store(shortLived, List.of(alice, bob));
        mailbox.store(longLived, List.of(alice));

        assertThat(purgeAll(PAST.plusSeconds(59), 100)).isEqualTo(Mailbox.Purged.NOTHING);
        assertThat(purgeAll(PAST.plusSeconds(60), 100)).isEqualTo(new Mailbox.Purged(2, 1));

        // read "before" the expiry: the short-lived entries are gone, not merely hidden
        assertThat(mailbox.readAfter(alice, 0, 10, PAST)).extracting(MailboxEntry::messageId, MailboxEntry::mid)
                .containsExactly(tuple(longLived.id(), 2L));
        assertThat(mailbox.readAfter(bob, 0, 10, PAST)).isEmpty();
        assertThat(mailbox.purgeExpired(PAST.plusSeconds(60), 100)).isEqualTo(Mailbox.Purged.NOTHING);
    }

    @Test
    void a_message_stays_while_any_of_its_entries_is_left() {
        clearPurgeWindow();
        List<Name> three = List.of(freshUser(), freshUser(), freshUser());
        Message shared = message("{\"shared\":true}", PAST.minusSeconds(5), PAST.plusSeconds(60));
        mailbox.store(shared, three);
        Instant later = PAST.plusSeconds(61);

        assertThat(mailbox.purgeExpired(later, 1)).isEqualTo(new Mailbox.Purged(1, 0));
        assertThat(mailbox.purgeExpired(later, 1)).isEqualTo(new Mailbox.Purged(1, 0));
        List<MailboxEntry> left = three.stream().flatMap(n -> mailbox.readAfter(n, 0, 10, PAST).stream()).toList();
        assertThat(left).singleElement().satisfies(e -> assertThat(e.json()).isEqualTo(shared.json()));
        assertThat(mailbox.purgeExpired(later, 1)).isEqualTo(new Mailbox.Purged(1, 1));
        assertThat(mailbox.purgeExpired(later, 1)).isEqualTo(Mailbox.Purged.NOTHING);
    }

    @Test
    void each_purge_step_removes_at_most_max_entries_and_max_messages() {
        clearPurgeWindow();
        Name alice = freshUser();
        for (int i = 0; i < 5; i++) {
            mailbox.store(message("old " + i, PAST.minusSeconds(5), PAST.plusSeconds(60)), List.of(alice));
        }
        Instant later = PAST.plusSeconds(61);
        assertThat(mailbox.purgeExpired(later, 2)).isEqualTo(new Mailbox.Purged(2, 2));
        assertThat(mailbox.purgeExpired(later, 2)).isEqualTo(new Mailbox.Purged(2, 2));
        assertThat(mailbox.purgeExpired(later, 2)).isEqualTo(new Mailbox.Purged(1, 1));
        assertThat(mailbox.purgeExpired(later, 2)).isEqualTo(Mailbox.Purged.NOTHING);
    }

    @Test
    void mids_are_never_given_out_again_after_a_purge_empties_a_mailbox() {
        clearPurgeWindow();
        Name alice = freshUser();
        mailbox.store(message("one", PAST.minusSeconds(5), PAST.plusSeconds(60)), List.of(alice));
        mailbox.store(message("two", PAST.minusSeconds(5), PAST.plusSeconds(60)), List.of(alice));
        purgeAll(PAST.plusSeconds(60), 10);

        assertThat(mailbox.lastMid(alice)).as("a purge does not lower it").isEqualTo(2);
        assertThat(mailbox.store(message("three", PAST, PAST.plus(Duration.ofDays(1))), List.of(alice)))
                .singleElement().extracting(MailboxEntry::mid).isEqualTo(3L);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void purging_while_storing_loses_nothing_that_has_not_expired() throws Exception {
        clearPurgeWindow();
        Name busy = freshUser();
        Instant purgeAt = PAST.plusSeconds(61);
        for (int i = 0; i < 100; i++) {
            mailbox.store(message("old " + i, PAST.minusSeconds(5), PAST.plusSeconds(60)), List.of(busy, freshUser()));
        }
        int writers = 4;
        int perWriter = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<List<MessageId>>> written = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                written.add(pool.submit(() -> {
                    List<MessageId> ids = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        Message m = message("new " + i, PAST, PAST.plus(Duration.ofDays(1)));
                        mailbox.store(m, List.of(busy, freshUser()));
                        ids.add(m.id());
                    }
                    return ids;
                }));
            }
            Future<Mailbox.Purged> purger = pool.submit(() -> {
                Mailbox.Purged total = Mailbox.Purged.NOTHING;
                Mailbox.Purged step;
                do {
                    step = mailbox.purgeExpired(purgeAt, 7);
                    total = total.plus(step);
                } while (!step.nothing() || written.stream().anyMatch(f -> !f.isDone()));
                return total;
            });
            Set<MessageId> expected = new HashSet<>();
            for (Future<List<MessageId>> f : written) {
                expected.addAll(f.get());
            }
            assertThat(purger.get()).isEqualTo(new Mailbox.Purged(200, 100));
            List<MailboxEntry> left = mailbox.readAfter(busy, 0, 10_000, PAST);
            assertThat(left).extracting(MailboxEntry::mid).isSorted().doesNotHaveDuplicates()
                    .allSatisfy(mid -> assertThat(mid).isGreaterThan(100L));
            assertThat(left).extracting(MailboxEntry::messageId).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_push_stored_under_a_receipt_is_stored_once_and_a_retry_gets_the_first_answer() {
        Name alice = freshUser();
        Name bob = freshUser();
        String key = freshKey();
        Message first = message("first");
        Message retry = message("retry");

        Mailbox.Once stored = mailbox.storeOnce(receipt(key, first, T0), List.of(new Mailbox.Delivery(first,
                List.of(bob, alice))));
        Mailbox.Once repeated = mailbox.storeOnce(receipt(key, retry, T0.plusSeconds(60)),
                List.of(new Mailbox.Delivery(retry, List.of(bob, alice))));

        assertThat(stored).isInstanceOfSatisfying(Mailbox.Once.Stored.class, s -> assertThat(s.entries())
                .singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(MailboxEntry.class))
                .extracting(MailboxEntry::mailbox, MailboxEntry::mid).containsExactly(tuple(bob, 1L), tuple(alice, 1L)));
        assertThat(repeated).isInstanceOfSatisfying(Mailbox.Once.Repeated.class, r -> {
            assertThat(r.answered()).isEqualTo(first.id());
            assertThat(r.entries()).containsExactly(new Mailbox.Receipt.Entry(bob, 1L),
                    new Mailbox.Receipt.Entry(alice, 1L));
            assertThat(r.midIn(alice)).isEqualTo(1L);
        });
        assertThat(mailbox.readAfter(bob, 0, 10, T0)).extracting(MailboxEntry::json).containsExactly("first");
        assertThat(mailbox.lastMid(alice)).isEqualTo(1L);
    }

    @Test
    void a_receipt_records_only_the_answered_message_of_several_stored_together() {
        Name alice = freshUser();
        Name bob = freshUser();
        String key = freshKey();
        Message group = message("group copy");
        Message own = message("own copy");
        mailbox.storeOnce(receipt(key, own, T0), List.of(new Mailbox.Delivery(group, List.of(bob)),
                new Mailbox.Delivery(own, List.of(alice))));

        Mailbox.Once again = mailbox.storeOnce(receipt(key, message("x"), T0.plusSeconds(1)),
                List.of(new Mailbox.Delivery(message("group again"), List.of(bob))));

        assertThat(again).isInstanceOfSatisfying(Mailbox.Once.Repeated.class, r -> {
            assertThat(r.answered()).isEqualTo(own.id());
            assertThat(r.entries()).containsExactly(new Mailbox.Receipt.Entry(alice, 1L));
        });
        assertThat(mailbox.readAfter(bob, 0, 10, T0)).extracting(MailboxEntry::json).containsExactly("group copy");
    }

    @Test
    void later_batches_of_one_push_extend_its_receipt_instead_of_repeating() {
        Name alice = freshUser();
        Name bob = freshUser();
        Name carol = freshUser();
        String key = freshKey();
        Message push = message("to many");
        mailbox.storeOnce(receipt(key, push, T0), List.of(new Mailbox.Delivery(push, List.of(alice, bob))));

        Mailbox.Once second = mailbox.storeOnce(receipt(key, push, T0), List.of(new Mailbox.Delivery(push,
                List.of(carol))));
        Mailbox.Once retry = mailbox.storeOnce(receipt(key, message("retry"), T0.plusSeconds(5)),
                List.of(new Mailbox.Delivery(message("retry"), List.of(alice))));

        assertThat(second).isInstanceOf(Mailbox.Once.Stored.class);
        assertThat(retry).isInstanceOfSatisfying(Mailbox.Once.Repeated.class, r -> assertThat(r.entries())
                .containsExactly(new Mailbox.Receipt.Entry(alice, 1L), new Mailbox.Receipt.Entry(bob, 1L),
                        new Mailbox.Receipt.Entry(carol, 1L)));
        assertThat(mailbox.lastMid(alice)).isEqualTo(1L);
    }

    @Test
    void an_expired_receipt_no_longer_holds_its_key_and_keys_differ_by_case() {
        Name alice = freshUser();
        String key = freshKey();
        Message first = message("first");
        mailbox.storeOnce(new Mailbox.Receipt(key, first.id(), T0, T0.plusSeconds(600)),
                List.of(new Mailbox.Delivery(first, List.of(alice))));

        Mailbox.Once otherCase = mailbox.storeOnce(receipt(key.toUpperCase(Locale.ROOT), message("upper"), T0),
                List.of(new Mailbox.Delivery(message("upper"), List.of(alice))));
        Mailbox.Once afterExpiry = mailbox.storeOnce(receipt(key, message("later"), T0.plusSeconds(600)),
                List.of(new Mailbox.Delivery(message("later"), List.of(alice))));

        assertThat(otherCase).isInstanceOf(Mailbox.Once.Stored.class);
        assertThat(afterExpiry).isInstanceOfSatisfying(Mailbox.Once.Stored.class, s -> assertThat(s.entries().get(0))
                .extracting(MailboxEntry::mid).containsExactly(3L));
    }

    @Test
    @Timeout(60)
    void concurrent_attempts_with_one_key_store_exactly_once_and_all_get_the_same_answer() throws Exception {
        Name alice = freshUser();
        String key = freshKey();
        int attempts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Future<Mailbox.Once>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Message m = message("attempt " + i);
                answers.add(pool.submit(() -> mailbox.storeOnce(receipt(key, m, T0),
                        List.of(new Mailbox.Delivery(m, List.of(alice))))));
            }
            List<Mailbox.Once> once = new ArrayList<>();
            for (Future<Mailbox.Once> f : answers) {
                once.add(f.get(50, TimeUnit.SECONDS));
            }
            assertThat(once).filteredOn(Mailbox.Once.Stored.class::isInstance).hasSize(1);
            Mailbox.Once.Stored winner = (Mailbox.Once.Stored) once.stream()
                    .filter(Mailbox.Once.Stored.class::isInstance).findFirst().orElseThrow();
            MessageId stored = winner.entries().get(0).get(0).messageId();
            assertThat(once).filteredOn(Mailbox.Once.Repeated.class::isInstance).hasSize(attempts - 1)
                    .allSatisfy(r -> assertThat(((Mailbox.Once.Repeated) r).answered()).isEqualTo(stored));
            assertThat(mailbox.readAfter(alice, 0, 100, T0)).singleElement().extracting(MailboxEntry::messageId)
                    .isEqualTo(stored);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Mailbox.Receipt receipt(String key, Message answers, Instant at) {
        return new Mailbox.Receipt(key, answers.id(), at, at.plusSeconds(600));
    }

    private static String freshKey() {
        return "u:mb-" + RUN + "-" + SEQ.incrementAndGet() + ":client-id-x";
    }

    private Mailbox.Purged purgeAll(Instant now, int step) {
        Mailbox.Purged total = Mailbox.Purged.NOTHING;
        for (Mailbox.Purged p = mailbox.purgeExpired(now, step); !p.nothing(); p = mailbox.purgeExpired(now, step)) {
            total = total.plus(p);
        }
        return total;
    }

    @Test
    void clearing_a_mailbox_removes_its_entries_only_and_its_mids_are_never_given_out_again() {
        Name alice = freshUser();
        Name bob = freshUser();
        Message both = message("{\"text\":\"to both\"}");
        mailbox.store(message("one"), List.of(alice));
        mailbox.store(both, List.of(alice, bob));
        mailbox.store(message("three"), List.of(alice));

        assertThat(mailbox.clear(alice)).isEqualTo(3);

        assertThat(mailbox.readAfter(alice, 0, 10, T0)).isEmpty();
        assertThat(mailbox.lastMid(alice)).isEqualTo(3);
        assertThat(mailbox.readAfter(bob, 0, 10, T0)).extracting(MailboxEntry::json).containsExactly(both.json());
        assertThat(mailbox.store(message("after the clear"), List.of(alice))).singleElement()
                .extracting(MailboxEntry::mid).isEqualTo(4L);
        assertThat(mailbox.readAfter(alice, 0, 10, T0)).extracting(MailboxEntry::mid, MailboxEntry::json)
                .containsExactly(tuple(4L, "after the clear"));
        assertThat(mailbox.clear(alice)).isEqualTo(1);
        assertThat(mailbox.clear(alice)).isZero();
    }

    @Test
    void clearing_a_mailbox_that_never_had_an_entry_removes_nothing_and_it_starts_at_mid_1() {
        Name carol = freshUser();
        assertThat(mailbox.clear(carol)).isZero();
        assertThat(mailbox.lastMid(carol)).isZero();
        assertThat(mailbox.store(message("first"), List.of(carol))).singleElement()
                .extracting(MailboxEntry::mid).isEqualTo(1L);
    }

    private void clearPurgeWindow() {
        purgeAll(PURGE_WINDOW_END, 1000);
    }

    private static Name freshUser() {
        return new Name("mb-" + RUN + "-" + SEQ.incrementAndGet(), Kind.USER);
    }

    private static Message message(String json) {
        return message(json, T0.minusSeconds(5), T0.plus(Duration.ofDays(1)));
    }

    private static Message message(String json, Instant created, Instant expiresAt) {
        MessageId id = new MessageId(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        return new Message(id, new Name("sender", Kind.USER), new Name("to", Kind.USER), json, created, expiresAt);
    }
}
