package org.appmsg.adapter.persistence;

/**
 * What makes a committed write safe before it is acknowledged. {@link Database} calls {@link #awaitDurable} after
 * every call that wrote and committed, before it returns; a group-commit batch is one such call, so its requests
 * share one wait.
 */
@FunctionalInterface
interface Durability {

    /**
     * The database's commit is durable by itself: MariaDB/MySQL's InnoDB writes and flushes its redo log before
     * a commit returns (with {@code innodb_flush_log_at_trx_commit=1}, the default; {@link SqlPersistence} warns
     * at start when it is not).
     */
    Durability AT_COMMIT = () -> {};

    /**
     * Returns once every write committed before this call is on disk as the store promises (see the
     * implementations).
     *
     * @throws org.appmsg.application.port.out.StorageUnavailableException when that cannot be done: the writes are
     *     committed but may not survive a crash, and must not be acknowledged
     */
    void awaitDurable();
}
