package org.appmsg.adapter.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link StorageAvailability} current: a background thread runs {@code SELECT 1} on a connection of its own
 * (never one of the pool's, so a busy pool does not look like a dead database) every {@code upInterval} while the
 * database is up, within {@value #TICK_MILLIS} ms of a call finding it down, and every {@code downInterval} while it
 * is down, until it answers. A failed check closes the connection; the next check opens a new one. Every check is
 * bounded by the driver's connect and socket timeouts the opener sets. The thread is never interrupted (an
 * interrupt would close an embedded H2 database's file): it looks at the state and its stop flag every tick.
 */
final class StorageProbe implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorageProbe.class);
    private static final long TICK_MILLIS = 50;

    /** Opens a connection to the database, bounded by the configured timeouts. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final StorageAvailability availability;
    private final Duration upInterval;
    private final Duration downInterval;
    private final Thread thread;
    private volatile boolean closed;
    private Connection connection; // only the probe thread touches it

    private StorageProbe(Opener opener, StorageAvailability availability, Duration upInterval, Duration downInterval) {
        this.opener = opener;
        this.availability = availability;
        this.upInterval = upInterval;
        this.downInterval = downInterval;
        this.thread = Thread.ofPlatform().name("appmsg-storage-probe").daemon(true).unstarted(this::run);
    }

    static StorageProbe start(Opener opener, StorageAvailability availability, Duration upInterval,
            Duration downInterval) {
        StorageProbe probe = new StorageProbe(opener, availability, upInterval, downInterval);
        probe.thread.start();
        return probe;
    }

    /** Stops the thread after its check in progress (bounded by the timeouts) and closes its connection. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            long lastCheck = System.nanoTime();
            boolean wasUp = true;
            while (!closed) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
                boolean up = availability.reachable();
                long since = System.nanoTime() - lastCheck;
                if (!closed && (wasUp && !up || since >= (up ? upInterval : downInterval).toNanos())) {
                    check();
                    lastCheck = System.nanoTime();
                    wasUp = availability.reachable();
                }
            }
        } finally {
            closeConnection();
        }
    }

    private void check() {
        try {
            if (connection == null) {
                connection = opener.open();
            }
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT 1");
            }
            availability.markUp();
        } catch (SQLException | RuntimeException e) {
            log.debug("storage probe failed", e);
            closeConnection();
            availability.markDown("the probe failed: " + e.getMessage());
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // a broken connection; it is dropped either way
            }
            connection = null;
        }
    }
}
