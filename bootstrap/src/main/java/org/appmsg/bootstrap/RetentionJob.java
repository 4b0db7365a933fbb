package org.appmsg.bootstrap;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.in.PurgeExpiredUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a retention pass ({@link PurgeExpiredUseCase}) every interval on one daemon thread, the first one
 * interval after the start. Logs one INFO line per pass that removed something; a failed pass is logged and
 * the next one tries again.
 */
final class RetentionJob implements AutoCloseable {

    /** Entries (and messages, and status records) per batch: each batch is a few short LIMIT-ed deletes. */
    static final int BATCH = 1000;
    /** The most a pass runs, so a backlog spreads over passes and shutdown never waits long for one. */
    static final Duration MAX_BUDGET = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final PurgeExpiredUseCase purge;
    private final PurgeExpiredUseCase.Command command;
    private final AtomicLong removed = new AtomicLong();
    private PeriodicJob timer;

    private RetentionJob(PurgeExpiredUseCase purge, Duration interval) {
        this.purge = purge;
        this.command = new PurgeExpiredUseCase.Command(BATCH, PeriodicJob.shorter(interval, MAX_BUDGET));
    }

    static RetentionJob start(PurgeExpiredUseCase purge, Duration interval) {
        RetentionJob job = new RetentionJob(purge, interval);
        job.timer = PeriodicJob.start("retention", interval, job::pass, LOG);
        return job;
    }

    /** Rows (entries, messages and status records) removed since the start, for {@code appmsg_retention_removed_total}. */
    long removedTotal() {
        return removed.get();
    }

    /** Lets a running pass end (it is bounded by {@link #MAX_BUDGET}) and starts no other. Idempotent. */
    @Override
    public void close() {
        timer.stop(() -> {}, MAX_BUDGET.multipliedBy(2));
    }

    private void pass() {
        PurgeExpiredUseCase.Result r = purge.purge(command);
        if (r.removedAnything()) {
            removed.addAndGet(r.entries() + r.messages() + r.statuses());
            LOG.info("retention: removed {} expired mailbox entries, {} messages and {} delivery status records in {}"
                    + " batches, {} ms{}", r.entries(), r.messages(), r.statuses(), r.batches(), r.took().toMillis(),
                    r.finished() ? "" : "; more are left for the next pass");
        }
    }
}
