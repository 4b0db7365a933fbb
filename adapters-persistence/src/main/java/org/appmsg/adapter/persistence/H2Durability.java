package org.appmsg.adapter.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Durability} of the embedded H2 store: {@link #awaitDurable} returns once every commit made before the
 * call is written to the database file and forced to disk (fsync), so it survives a {@code kill -9} of the
 * process, an operating-system crash and a power loss (on a disk that honours flushes). Concurrent callers share
 * flushes ({@link GroupFlush}).
 *
 * <p>Why this is needed (H2 2.3, MVStore): a commit changes the in-memory maps only. A background thread writes
 * them to the file as a new chunk every {@code WRITE_DELAY} ms (500 by default), handing the write to two further
 * threads without waiting for it, and nothing calls fsync except a close and {@code CHECKPOINT SYNC}. So a
 * {@code kill -9} loses the last half second or so of acknowledged writes, and because the mailbox row holding
 * the last mid is lost along with the entries, those mids are handed out again after the restart.
 * {@code WRITE_DELAY=0} would write a chunk inside every commit, but without fsync, and it also stops the
 * background thread that compacts the file. {@code CHECKPOINT SYNC} alone can return before the background
 * thread's pending write of the same changes has reached the file.
 *
 * <p>A flush: {@link MVStore#commit()} writes every change committed so far as a chunk and waits until it is
 * written (or finds nothing new when the background thread has just taken it); then
 * {@link MVStore#executeFilestoreOperation} waits, under the store lock, until every write handed to the
 * background threads before it is done, and forces the file to disk. The background writer and its compaction
 * keep running as usual.
 *
 * <p>Two costs are bounded here. Each flush writes a chunk (the changed B-tree pages up to their roots), so
 * under concurrent writes flushes start at most every {@value #MIN_FLUSH_INTERVAL_MILLIS} ms, each covering every
 * write before it: on a disk with a very fast fsync that keeps the number of chunks, and so the bytes written per
 * acknowledged write, bounded, for at most that much extra latency (a lone writer is not held back). And H2
 * reuses the space of dead chunks only {@code RETENTION_TIME} after they were written (45 s by default: "it is
 * assumed that a file system and hard disk will flush all write buffers within this time"), so that many small
 * chunks make the file several times larger under a steady load. Here every chunk reaches the disk within
 * {@value #BACKGROUND_SYNC_MILLIS} ms (the flushes, plus one every {@value #BACKGROUND_SYNC_MILLIS} ms for what
 * H2's own background writer and compaction wrote), so the retention time is lowered to {@value #RETENTION_MILLIS}
 * ms, still five times that.
 *
 * <p>The store is reached through H2's own classes (the JDBC connection's session and its database), on a
 * connection of its own that also keeps the database open until {@link #close}.
 */
final class H2Durability implements Durability, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(H2Durability.class);
    static final long MIN_FLUSH_INTERVAL_MILLIS = 5;
    static final long BACKGROUND_SYNC_MILLIS = 1_000;
    static final int RETENTION_MILLIS = 5_000;

    private final Connection connection;
    private final MVStore store;
    private final GroupFlush flushes;
    private final Thread backgroundSync;
    private volatile boolean closed;

    private H2Durability(Connection connection, MVStore store) {
        this.connection = connection;
        this.store = store;
        this.flushes = new GroupFlush(this::flush, Duration.ofMillis(MIN_FLUSH_INTERVAL_MILLIS));
        this.backgroundSync = Thread.ofPlatform().name("appmsg-h2-sync").daemon(true).unstarted(this::syncEverySecond);
    }

    /**
     * Opens its connection to the embedded H2 database at {@code jdbcUrl} (a file URL), lowers its retention time
     * and starts the background sync.
     *
     * @throws StorageUnavailableException when the database cannot be opened or is not an embedded one
     */
    static H2Durability open(String jdbcUrl, String user, String password) {
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
            try (Statement s = connection.createStatement()) {
                if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                    throw new SQLException("not an embedded H2 database (H2's TCP server is not supported): "
                            + jdbcUrl);
                }
                s.execute("SET RETENTION_TIME " + RETENTION_MILLIS);
                H2Durability durability = new H2Durability(connection, session.getDatabase().getStore().getMvStore());
                durability.backgroundSync.start();
                return durability;
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot open the embedded H2 store: " + e.getMessage(), e);
        }
    }

    @Override
    public void awaitDurable() {
        flushes.awaitDurable();
    }

    /** Stops the background sync after a last flush, then closes the connection (the last one closes the database). */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(backgroundSync);
        try {
            backgroundSync.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // closing our own session of an embedded database; closing the pool's sessions closed the rest
        }
    }

    /** One flush round: every commit so far into the file, every pending write done, the file forced to disk. */
    private void flush() {
        try {
            store.commit();
            store.executeFilestoreOperation(store::sync);
        } catch (RuntimeException e) { // MVStoreException: the store panicked (disk full, I/O error) or is closed
            throw new StorageUnavailableException("writing the embedded H2 store to disk failed: " + e.getMessage(), e);
        }
    }

    /**
     * What H2 writes by itself (its background writer, compaction) is synced within a second even when no write
     * asks for it; never interrupted, since an interrupt would close H2's file.
     */
    private void syncEverySecond() {
        while (!closed) {
            LockSupport.parkNanos(Duration.ofMillis(BACKGROUND_SYNC_MILLIS).toNanos());
            try {
                flushes.awaitDurable();
            } catch (StorageUnavailableException e) {
                if (!closed) {
                    log.warn("background sync of the embedded H2 store failed", e);
                }
            }
        }
    }
}
