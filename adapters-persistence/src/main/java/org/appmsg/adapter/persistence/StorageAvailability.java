package org.appmsg.adapter.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;
import org.appmsg.application.port.out.StorageHealth;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database is known to be down, so that calls fail at once instead of each waiting out its
 * connection timeout. It is marked down by {@link Database} when a call loses its connection and by the
 * {@link StorageProbe}, and up only by the probe, which keeps checking on a connection of its own; a call
 * never waits for a check. Also the {@link StorageHealth} port: {@code /ready} reads the state and answers at
 * once. Each change is logged once and reported to the listener given at construction.
 */
final class StorageAvailability implements StorageHealth {

    private static final Logger log = LoggerFactory.getLogger(StorageAvailability.class);

    private final Clock clock;
    private final Consumer<Boolean> listener;
    private final Object transitions = new Object(); // each transition is logged once
    private volatile Instant downSince; // null while up
    private volatile boolean closed;

    /** {@code listener} is told {@code false} when the database turns down and {@code true} when it is back. */
    StorageAvailability(Clock clock, Consumer<Boolean> listener) {
        this.clock = clock;
        this.listener = listener;
    }

    /** True until something finds the database down; then false until the probe reaches it again. */
    @Override
    public boolean reachable() {
        return downSince == null;
    }

    /**
     * Throws at once while the database is known to be down, or the store is closed.
     *
     * @throws StorageUnavailableException saying which, and since when
     */
    void check() {
        Instant since = downSince;
        if (since != null) {
            throw StorageUnavailableException.refusedAtOnce(closed ? "the store is closed"
                    : "the database has been unreachable since " + since + "; calls fail at once until it answers again");
        }
    }

    /** The database did not answer ({@code why} says how); the probe then checks at once and watches for its return. */
    void markDown(String why) {
        synchronized (transitions) {
            if (downSince == null) {
                downSince = clock.instant();
                log.warn("database unreachable ({}): calls fail at once until it answers again", why);
                listener.accept(false);
            }
        }
    }

    /** The probe reached the database. */
    void markUp() {
        synchronized (transitions) {
            Instant since = downSince;
            if (since != null && !closed) {
                downSince = null;
                log.info("database reachable again after {} ms", clock.millis() - since.toEpochMilli());
                listener.accept(true);
            }
        }
    }

    /** The store is closed: from now on calls fail at once and the store counts as unreachable, for good. */
    void markClosed() {
        synchronized (transitions) {
            closed = true;
            if (downSince == null) {
                downSince = clock.instant();
            }
        }
    }
}
