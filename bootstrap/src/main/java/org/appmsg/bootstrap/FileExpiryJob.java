package org.appmsg.bootstrap;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.in.ExpireFilesUseCase;
import org.appmsg.domain.shared.RetrySchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a file expiry pass ({@link ExpireFilesUseCase}, R20) every interval on one daemon thread, the first one
 * interval after the start, like {@link RetentionJob}. Off (no thread) when no delete URL is configured. Logs
 * one INFO line per pass that did something; a failed pass is logged and the next one tries again.
 */
final class FileExpiryJob implements AutoCloseable {

    /** Files per query. */
    static final int BATCH = 100;
    /** The most a pass goes on starting deletions (each is one HTTP call of at most 15 s). */
    static final Duration MAX_BUDGET = Duration.ofSeconds(10);
    /** A pass ends after this many failed deletions in a row: the store looks down, the next pass tries again. */
    static final int MAX_FAILURES_IN_A_ROW = 5;
    /** The first retry of a failed deletion comes after this (or one interval, when that is shorter). */
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration MAX_RETRY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(FileExpiryJob.class);

    private final ExpireFilesUseCase expire;
    private final ExpireFilesUseCase.Command command;
    private final Runnable stopStorage;
    private PeriodicJob timer; // null when off
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private FileExpiryJob(ExpireFilesUseCase expire, ExpireFilesUseCase.Command command, Runnable stopStorage) {
        this.expire = expire;
        this.command = command;
        this.stopStorage = stopStorage;
    }

    /**
     * Starts the job; {@code stopStorage} (closing the file store adapter) is run when it closes.
     *
     * @param unusedFor how long after its last use a file is deleted
     */
    static FileExpiryJob start(ExpireFilesUseCase expire, Runnable stopStorage, Duration unusedFor, Duration interval) {
        var command = new ExpireFilesUseCase.Command(unusedFor,
                new RetrySchedule(PeriodicJob.shorter(interval, FIRST_RETRY), MAX_RETRY), BATCH,
                PeriodicJob.shorter(interval, MAX_BUDGET), MAX_FAILURES_IN_A_ROW);
        FileExpiryJob job = new FileExpiryJob(expire, command, stopStorage);
        job.timer = PeriodicJob.start("file-expiry", interval, job::pass, LOG);
        return job;
    }

    /** No delete URL: files are never deleted (their links are still recorded). */
    static FileExpiryJob off() {
        return new FileExpiryJob(null, null, () -> {});
    }

    /** Files deleted (or found gone) since the start, for {@code appmsg_files_deleted_total}. */
    long deletedTotal() {
        return deleted.get();
    }

    /** Failed deletion attempts since the start, for {@code appmsg_file_deletions_failed_total}. */
    long failedTotal() {
        return failed.get();
    }

    /**
     * Starts no other pass and aborts a file store call in flight (that file is tried again after the next
     * start); waits briefly for the pass to end. Idempotent.
     */
    @Override
    public void close() {
        if (timer != null) {
            timer.stop(stopStorage, Duration.ofSeconds(5));
        }
    }

    private void pass() {
        ExpireFilesUseCase.Result r = expire.expire(command);
        deleted.addAndGet(r.deleted() + r.gone());
        failed.addAndGet(r.failed());
        if (r.didAnything()) {
            LOG.info("file expiry: deleted {} files, {} were gone already, {} deletions failed (retried later),"
                    + " {} skipped as used again, {} ms{}", r.deleted(), r.gone(), r.failed(), r.skipped(),
                    r.took().toMillis(), r.finished() ? "" : "; more are left for the next pass");
        }
    }
}
