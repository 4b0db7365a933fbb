package org.appmsg.bootstrap;

import java.time.Duration;
import org.appmsg.application.port.in.SyncUsageUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's {@link SyncUsageUseCase} in step with the database: flushes the counts every {@link #FLUSH} (so a
 * {@code kill -9} loses at most about that much counting) and re-reads the quota rows every {@link #REFRESH} (so a
 * change made on another node applies here within 5 s). Closing stops both and flushes one last time.
 */
final class QuotaJob implements AutoCloseable {

    static final Duration FLUSH = Duration.ofSeconds(1);
    static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(QuotaJob.class);

    private final SyncUsageUseCase meter;
    private final PeriodicJob flush;
    private final PeriodicJob refresh;

    private QuotaJob(SyncUsageUseCase meter) {
        this.meter = meter;
        this.flush = PeriodicJob.start("quota-flush", FLUSH, meter::flush, LOG);
        this.refresh = PeriodicJob.start("quota-refresh", REFRESH, meter::refresh, LOG);
    }

    /** Loads the quota rows once (a failure fails the start), then starts both schedules. */
    static QuotaJob start(SyncUsageUseCase meter) {
        meter.refresh();
        return new QuotaJob(meter);
    }

    @Override
    public void close() {
        refresh.stop(() -> {}, Duration.ofSeconds(5));
        flush.stop(() -> {}, Duration.ofSeconds(5));
        try {
            meter.flush();
        } catch (RuntimeException e) {
            LOG.warn("last quota flush failed: the counts of the last second are lost", e);
        }
    }
}
