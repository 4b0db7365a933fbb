package org.appmsg.adapter.persistence;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.appmsg.application.port.out.StorageHealth;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link StorageHealth} port: {@code SELECT 1} through the pool, bounded by a timeout. */
final class JooqStorageHealth implements StorageHealth {

    private static final Logger log = LoggerFactory.getLogger(JooqStorageHealth.class);

    private final Database db;
    private final Duration timeout;

    JooqStorageHealth(Database db, Duration timeout) {
        this.db = db;
        this.timeout = timeout;
    }

    @Override
    public boolean reachable() {
        // the pool may wait for a connection longer than a probe should: run it aside and stop waiting
        CompletableFuture<Boolean> probe = new CompletableFuture<>();
        Thread.ofVirtual().name("appmsg-storage-probe").start(() -> {
            try {
                probe.complete(db.query(this::selectOne));
            } catch (RuntimeException e) {
                probe.completeExceptionally(e);
            }
        });
        try {
            return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.debug("storage probe failed", e);
            return false;
        }
    }

    private boolean selectOne(DSLContext dsl) {
        return dsl.selectOne().queryTimeout((int) Math.max(1, timeout.toSeconds())).fetchOne() != null;
    }
}
