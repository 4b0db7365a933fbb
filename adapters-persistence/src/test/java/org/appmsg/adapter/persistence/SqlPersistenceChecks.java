package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.junit.jupiter.api.Test;

/** What SqlPersistence does beyond the port contracts; run against each backend by a subclass. */
abstract class SqlPersistenceChecks {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");

    abstract TestStore store();

    @Test
    void a_message_to_three_recipients_is_one_message_row_and_three_entry_rows() {
        Message m = message();
        store().persistence().mailbox().store(m, List.of(freshUser(), freshUser(), freshUser()));
        assertThat(store().sql("SELECT COUNT(*) FROM message WHERE id = " + m.id().value())).isEqualTo(1);
        assertThat(store().sql("SELECT COUNT(*) FROM mailbox_entry WHERE message_id = " + m.id().value()))
                .isEqualTo(3);
    }

    @Test
    void a_failed_batch_leaves_nothing_visible_and_takes_no_mid() {
        var mailbox = store().persistence().mailbox();
        Message first = message();
        mailbox.store(first, List.of(freshUser()));
        Name victim = freshUser();
        Message sameId = new Message(first.id(), first.from(), first.to(), "{}", T0, T0.plusSeconds(3600));

        assertThatThrownBy(() -> mailbox.store(sameId, List.of(victim)))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(mailbox.readAfter(victim, 0, 10, T0)).isEmpty();
        assertThat(mailbox.store(message(), List.of(victim))).extracting(MailboxEntry::mid).containsExactly(1L);
    }

    @Test
    void a_mailbox_row_the_writer_believes_exists_is_created_again_and_the_store_succeeds() {
        var mailbox = store().persistence().mailbox();
        Name box = freshUser();
        mailbox.store(message(), List.of(box));
        // the writer now remembers the row; take it away behind its back (as a cache eviction would look)
        store().sql("DELETE FROM mailbox_entry WHERE owner = '" + box + "'");
        store().sql("DELETE FROM mailbox WHERE owner = '" + box + "'");

        assertThat(mailbox.store(message(), List.of(box, freshUser()))).extracting(MailboxEntry::mid)
                .containsExactly(1L, 1L);
        assertThat(mailbox.readAfter(box, 0, 10, T0)).hasSize(1);
    }

    @Test
    void close_writes_what_was_accepted_and_later_stores_fail() throws Exception {
        SqlPersistence node = SqlPersistence.start(store().settings());
        Name box = freshUser();
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<List<MailboxEntry>>> stores = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            stores.add(callers.submit(() -> node.mailbox().store(message(), List.of(box))));
        }
        Thread.sleep(20);
        node.close();
        int stored = 0;
        for (Future<List<MailboxEntry>> f : stores) {
            try {
                f.get();
                stored++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(StorageUnavailableException.class);
            }
        }
        callers.close();
        assertThat(store().persistence().mailbox().readAfter(box, 0, 100, T0)).hasSize(stored);
        assertThatThrownBy(() -> node.mailbox().store(message(), List.of(box)))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(node.health().reachable()).isFalse();
    }

    @Test
    void the_store_reports_itself_reachable_and_names_its_dialect() {
        assertThat(store().persistence().health().reachable()).isTrue();
        assertThat(store().persistence().dialect()).isIn("H2", "MARIADB", "MYSQL");
    }

    static Name freshUser() {
        return new Name("sp-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 50), 36), Kind.USER);
    }

    static Message message() {
        return new Message(new MessageId(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)),
                new Name("s", Kind.USER), new Name("r", Kind.USER), "{\"n\":1}", T0, T0.plusSeconds(3600));
    }
}
