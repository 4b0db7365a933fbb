package org.appmsg.bootstrap;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * One pass every interval on one daemon thread, the first one interval after the start; what the background
 * jobs ({@link RetentionJob}, {@link FileExpiryJob}) share. A pass that throws is logged and the next one tries
 * again (a thrown task would silently stop the schedule).
 */
final class PeriodicJob {

    private final ScheduledThreadPoolExecutor timer;
    private final Logger log;
    private final String name;

    private PeriodicJob(String name, Logger log) {
        this.name = name;
        this.log = log;
        this.timer = new ScheduledThreadPoolExecutor(1,
                r -> Thread.ofPlatform().name("appmsg-" + name).daemon(true).unstarted(r));
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code pass} every {@code interval} on thread {@code appmsg-{name}}; failures go to {@code log}. */
    static PeriodicJob start(String name, Duration interval, Runnable pass, Logger log) {
        PeriodicJob job = new PeriodicJob(name, log);
        long millis = interval.toMillis();
        job.timer.scheduleWithFixedDelay(() -> {
            try {
                pass.run();
            } catch (RuntimeException e) {
                log.warn("{} pass failed; the next one tries again", name, e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return job;
    }

    /** The shorter of two durations: a pass's budget is never longer than the interval between passes. */
    static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    /**
     * Starts no other pass, runs {@code abort} (to cut a pass's slow call short; may do nothing) and waits up to
     * {@code wait} for a running pass to end. Idempotent.
     */
    void stop(Runnable abort, Duration wait) {
        timer.shutdown();
        try {
            abort.run();
            if (!timer.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} pass still running at shutdown", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
