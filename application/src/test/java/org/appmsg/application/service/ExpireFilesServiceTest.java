package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.appmsg.application.fake.InMemoryFileLinks;
import org.appmsg.application.fake.ScriptedFileStorage;
import org.appmsg.application.port.in.ExpireFilesUseCase.Command;
import org.appmsg.application.port.in.ExpireFilesUseCase.Result;
import org.appmsg.application.port.out.FileStorage.Deletion;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.shared.RetrySchedule;
import org.appmsg.domain.name.Name;
import org.junit.jupiter.api.Test;

class ExpireFilesServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Name ALICE = Name.parse("alice@user");
    private static final Name BOB = Name.parse("bob@user");
    private static final FileUpload SHARED = file("3,shared");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new SuppliedClock(now::get);
    private final InMemoryFileLinks links = new InMemoryFileLinks();
    private final ScriptedFileStorage store = new ScriptedFileStorage();
    private final ExpireFilesService service = new ExpireFilesService(links, store, clock);

    @Test
    void a_shared_file_stays_while_one_senders_link_is_fresh() {
        links.touch(SHARED, ALICE, T0);
        links.touch(SHARED, BOB, T0.plus(Duration.ofDays(3)));

        now.set(T0.plus(WEEK).plusSeconds(1)); // alice's link is stale, bob's is not
        Result result = pass();

        assertThat(store.calls()).isEmpty();
        assertThat(result.didAnything()).isFalse();
        assertThat(result.finished()).isTrue();
    }

    @Test
    void a_shared_file_is_deleted_once_when_every_link_is_stale_and_then_forgotten() {
        links.touch(SHARED, ALICE, T0);
        links.touch(SHARED, BOB, T0.plus(Duration.ofDays(3)));

        now.set(T0.plus(Duration.ofDays(10)).plusSeconds(1));
        Result result = pass();
        pass();

        assertThat(store.calls()).containsExactly(SHARED.fid());
        assertThat(result.deleted()).isEqualTo(1);
        assertThat(links.lastUse(SHARED.fid())).isEmpty();
    }

    @Test
    void a_file_the_store_no_longer_has_counts_as_done() {
        links.touch(SHARED, ALICE, T0);
        store.answer(SHARED.fid(), new Deletion.Gone());

        now.set(T0.plus(WEEK).plusSeconds(1));
        Result result = pass();

        assertThat(result.gone()).isEqualTo(1);
        assertThat(links.lastUse(SHARED.fid())).isEmpty();
    }

    @Test
    void a_failed_deletion_is_retried_later_with_growing_waits_and_never_dropped() {
        links.touch(SHARED, ALICE, T0);
        store.answer(SHARED.fid(), new Deletion.Failed("HTTP 500"), new Deletion.Failed("HTTP 500"),
                new Deletion.Failed("HTTP 500"));
        Instant due = T0.plus(WEEK).plusSeconds(1);

        now.set(due);
        assertThat(pass().failed()).isEqualTo(1);
        now.set(due.plusSeconds(59));
        assertThat(pass().didAnything()).as("not before the first wait of a minute").isFalse();
        now.set(due.plusSeconds(60));
        assertThat(pass().failed()).isEqualTo(1); // attempt 2, next wait two minutes
        now.set(due.plusSeconds(60 + 119));
        assertThat(pass().didAnything()).isFalse();
        now.set(due.plusSeconds(60 + 120));
        assertThat(pass().failed()).isEqualTo(1); // attempt 3, next wait four minutes
        now.set(due.plus(Duration.ofDays(30)));
        assertThat(pass().deleted()).isEqualTo(1);

        assertThat(store.calls()).hasSize(4);
        assertThat(links.lastUse(SHARED.fid())).isEmpty();
    }

    @Test
    void using_the_file_again_cancels_a_failed_deletion() {
        links.touch(SHARED, ALICE, T0);
        store.answer(SHARED.fid(), new Deletion.Failed("timeout"));
        now.set(T0.plus(WEEK).plusSeconds(1));
        pass();

        links.touch(SHARED, BOB, now.get());
        now.set(now.get().plus(Duration.ofDays(1)));
        pass();

        assertThat(store.calls()).hasSize(1);
        assertThat(links.due(now.get().minus(WEEK), now.get(), 10)).isEmpty();
    }

    @Test
    void a_file_used_after_it_was_picked_is_skipped() {
        FileUpload other = file("3,other");
        links.touch(SHARED, ALICE, T0);
        links.touch(other, ALICE, T0.plusSeconds(1));
        now.set(T0.plus(WEEK).plusSeconds(2));
        // the store call for the first file takes the moment in which someone uses the second one again
        ExpireFilesService racing = new ExpireFilesService(links, (fileId, url) -> {
            links.touch(other, BOB, now.get());
            return new Deletion.Deleted();
        }, clock);

        Result result = racing.expire(command(100));

        assertThat(result.deleted()).isEqualTo(1);
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(links.lastUse(other.fid())).contains(now.get());
    }

    @Test
    void many_files_go_in_batches_until_none_is_due() {
        for (int i = 0; i < 25; i++) {
            links.touch(file("f" + i), ALICE, T0.plusSeconds(i));
        }
        now.set(T0.plus(WEEK).plusSeconds(60));

        Result result = service.expire(command(10));

        assertThat(result.deleted()).isEqualTo(25);
        assertThat(result.finished()).isTrue();
        assertThat(store.calls()).hasSize(25).startsWith("f0", "f1");
    }

    @Test
    void a_pass_stops_after_too_many_failures_in_a_row_and_leaves_the_rest_due() {
        for (int i = 0; i < 5; i++) {
            FileUpload f = file("f" + i);
            links.touch(f, ALICE, T0.plusSeconds(i));
            store.answer(f.fid(), new Deletion.Failed("connection refused"));
        }
        now.set(T0.plus(WEEK).plusSeconds(60));

        Result result = service.expire(new Command(WEEK, RetrySchedule.DEFAULT, 100, Duration.ofMinutes(1), 3));

        assertThat(result.failed()).isEqualTo(3);
        assertThat(result.finished()).isFalse();
        assertThat(links.due(T0.plus(Duration.ofSeconds(10)), now.get(), 10)).hasSize(2);
    }

    private Result pass() {
        return service.expire(command(100));
    }

    private static Command command(int batchSize) {
        return new Command(WEEK, RetrySchedule.DEFAULT, batchSize, Duration.ofMinutes(1), 10);
    }

    private static FileUpload file(String fid) {
        return new FileUpload(fid, fid + ".png", "127.0.0.1:8080/" + fid, 1);
    }
}
