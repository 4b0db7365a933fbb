package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.FileLinks;
import org.appmsg.application.port.out.FileLinks.DueFile;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.name.Name;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FileLinks} does, whatever stores it. The store may be shared by the tests: each uses file
 * ids of its own and a time window older than every earlier test's, so {@code due} sees only its own files.
 */
public abstract class FileLinksContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final AtomicLong WINDOW = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final Name ALICE = Name.parse("alice@user");
    private static final Name BOB = Name.parse("bob@user");
    private static final Name APP = Name.parse("app1@app");

    private FileLinks links;
    private Instant t0;

    /** The links under test, asked for before each test. */
    protected abstract FileLinks links();

    @BeforeEach
    void setUpLinks() {
        links = links();
        t0 = Instant.parse("2200-01-01T00:00:00Z").minus(Duration.ofDays(30 * WINDOW.incrementAndGet()));
    }

    @Test
    void a_file_is_due_once_its_last_use_is_before_the_cut_off() {
        FileUpload file = file();
        links.touch(file, ALICE, at(10));

        assertThat(links.lastUse(file.fid())).contains(at(10));
        assertThat(links.due(at(10), at(100), 10)).isEmpty();
        assertThat(links.due(at(11), at(100), 10)).containsExactly(new DueFile(file.fid(), file.fileUrl(), at(10), 0));
    }

    @Test
    void the_newest_link_of_any_sender_keeps_a_shared_file_live() {
        FileUpload file = file();
        links.touch(file, ALICE, at(10));
        links.touch(file, BOB, at(50));
        links.touch(file, APP, at(20));

        assertThat(links.lastUse(file.fid())).contains(at(50));
        assertThat(links.due(at(40), at(100), 10)).isEmpty();
        assertThat(links.due(at(51), at(100), 10)).extracting(DueFile::fileId).containsExactly(file.fid());
    }

    @Test
    void a_touch_never_moves_the_last_use_back_and_the_newest_url_wins() {
        FileUpload file = file();
        links.touch(file, ALICE, at(50));
        FileUpload moved = new FileUpload(file.fid(), "b.png", "http://other:8080/" + file.fid(), 9);
        links.touch(moved, ALICE, at(10));

        assertThat(links.lastUse(file.fid())).contains(at(50));
        assertThat(links.due(at(51), at(100), 10)).extracting(DueFile::fileUrl).containsExactly(moved.fileUrl());
    }

    @Test
    void due_files_come_least_recently_used_first_and_at_most_the_limit() {
        FileUpload a = file();
        FileUpload b = file();
        FileUpload c = file();
        links.touch(c, ALICE, at(30));
        links.touch(a, BOB, at(10));
        links.touch(b, ALICE, at(20));

        assertThat(links.due(at(100), at(100), 2)).extracting(DueFile::fileId).containsExactly(a.fid(), b.fid());
    }

    @Test
    void a_failed_file_is_due_again_at_its_retry_time_with_its_attempts() {
        FileUpload file = file();
        links.touch(file, ALICE, at(10));
        links.markFailed(file.fid(), 2, at(200));

        assertThat(links.due(at(100), at(199), 10)).isEmpty();
        assertThat(links.due(at(100), at(200), 10)).containsExactly(new DueFile(file.fid(), file.fileUrl(), at(10), 2));
    }

    @Test
    void a_new_use_cancels_a_failed_deletion_and_its_retry_schedule() {
        FileUpload file = file();
        links.touch(file, ALICE, at(10));
        links.markFailed(file.fid(), 3, at(200));
        links.touch(file, BOB, at(150));

        assertThat(links.due(at(100), at(300), 10)).isEmpty();
        assertThat(links.due(at(151), at(151), 10)).containsExactly(new DueFile(file.fid(), file.fileUrl(), at(150), 0));
    }

    @Test
    void a_deleted_file_is_forgotten() {
        FileUpload file = file();
        links.touch(file, ALICE, at(10));
        links.touch(file, BOB, at(20));

        assertThat(links.markDeleted(file.fid(), at(30))).isTrue();
        assertThat(links.lastUse(file.fid())).isEmpty();
        assertThat(links.due(at(100), at(100), 10)).isEmpty();
        links.markFailed(file.fid(), 1, at(40)); // nothing to schedule any more
        assertThat(links.lastUse(file.fid())).isEmpty();
    }

    @Test
    void a_file_used_again_before_it_is_marked_deleted_stays_with_its_new_use() {
        FileUpload file = file();
        links.touch(file, ALICE, at(10));
        links.touch(file, BOB, at(40));

        assertThat(links.markDeleted(file.fid(), at(30))).isFalse();
        assertThat(links.lastUse(file.fid())).contains(at(40));
        assertThat(links.due(at(41), at(41), 10)).extracting(DueFile::fileId).containsExactly(file.fid());
    }

    @Test
    void the_longest_ids_names_and_urls_are_kept() {
        String fid = RUN + "-" + "f".repeat(FileUpload.MAX_NAME - RUN.length() - 1);
        String url = "http://files.example.org/" + "p".repeat(FileUpload.MAX_URL - 25);
        FileUpload file = new FileUpload(fid, "名".repeat(FileUpload.MAX_NAME), url, Long.MAX_VALUE);
        links.touch(file, ALICE, at(10));

        assertThat(links.due(at(11), at(11), 10)).containsExactly(new DueFile(fid, url, at(10), 0));
    }

    @Test
    void nothing_is_known_of_a_file_never_touched() {
        assertThat(links.lastUse(file().fid())).isEmpty();
        assertThat(links.markDeleted(file().fid(), at(10))).isTrue();
    }

    private Instant at(long seconds) {
        return t0.plusSeconds(seconds);
    }

    private static FileUpload file() {
        String fid = "3," + RUN + SEQ.incrementAndGet();
        return new FileUpload(fid, "a.png", "127.0.0.1:8080/" + fid, 1234);
    }
}
