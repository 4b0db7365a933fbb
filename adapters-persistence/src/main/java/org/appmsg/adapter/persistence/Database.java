package org.appmsg.adapter.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.jooq.impl.DSL;

/** jOOQ access for the repositories; the one place where jOOQ/JDBC failures become port exceptions. */
final class Database {

    private static final int DEADLOCK_ATTEMPTS = 3;
    private static final int DUPLICATE_ATTEMPTS = 3;
    private static final long DUPLICATE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final DSLContext dsl;

    Database(DataSource dataSource, SQLDialect dialect) {
        this.dsl = DSL.using(dataSource, dialect, new Settings().withExecuteLogging(false));
    }

    /** Runs {@code work} in auto-commit mode. */
    <T> T query(Function<DSLContext, T> work) {
        try {
            return work.apply(dsl);
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    void execute(Consumer<DSLContext> work) {
        query(dsl -> {
            work.accept(dsl);
            return null;
        });
    }

    /**
     * Runs {@code work} in one transaction. A deadlock victim was rolled back completely, so it is run again
     * (a few times); {@code work} must therefore read what it decides on inside the transaction.
     */
    <T> T transaction(Function<DSLContext, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
            } catch (DataAccessException e) {
                if (attempt >= DEADLOCK_ATTEMPTS || e.sqlStateClass() != SQLStateClass.C40_TRANSACTION_ROLLBACK) {
                    throw translate(e);
                }
            }
        }
    }

    /**
     * {@link #transaction}, run again (up to {@value #DUPLICATE_ATTEMPTS} times in all) when it fails with a
     * duplicate key: a concurrent transaction inserted a row after {@code work} read that it was missing, and
     * nothing was written; the next attempt reads it and decides again. A short random pause comes first, to
     * let the other transaction commit (H2 reports an uncommitted duplicate at once, without waiting).
     */
    <T> T transactionDecidingAgainOnDuplicates(Function<DSLContext, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction(work);
            } catch (StorageUnavailableException e) {
                if (!isDuplicateKey(e) || attempt >= DUPLICATE_ATTEMPTS) {
                    throw e;
                }
            }
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(DUPLICATE_PAUSE_NANOS * attempt));
        }
    }

    /**
     * Runs an insert that does nothing on a key conflict ({@code ON CONFLICT DO NOTHING}); true when it
     * inserted the row. H2 reports a concurrent insert of the same key as a duplicate instead: also false.
     */
    boolean insertIfAbsent(Function<DSLContext, Integer> insert) {
        try {
            return query(insert) == 1;
        } catch (StorageUnavailableException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the failed call broke a primary-key or unique constraint (and so took no effect). */
    static boolean isDuplicateKey(StorageUnavailableException e) {
        return e.getCause() instanceof DataAccessException d && isDuplicateKey(d);
    }

    /** The same, for a failure inside {@link #transaction}'s work, before it is translated. */
    static boolean isDuplicateKey(DataAccessException e) {
        return e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION;
    }

    /**
     * Whether the failed call lost a race with another transaction and took no effect: a duplicate key, or a
     * deadlock (or serialization failure) that outlasted {@link #transaction}'s own attempts.
     */
    static boolean isConflict(StorageUnavailableException e) {
        return isDuplicateKey(e) || e.getCause() instanceof DataAccessException d
                && d.sqlStateClass() == SQLStateClass.C40_TRANSACTION_ROLLBACK;
    }

    private static StorageUnavailableException translate(DataAccessException e) {
        return new StorageUnavailableException("database call failed: " + e.getMessage(), e);
    }

    /** {@code all} in consecutive pieces of at most {@code size}, for statements with a bounded parameter count. */
    static <T> List<List<T>> chunks(Collection<T> all, int size) {
        List<T> list = List.copyOf(all);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < list.size(); from += size) {
            chunks.add(list.subList(from, Math.min(list.size(), from + size)));
        }
        return chunks;
    }
}
