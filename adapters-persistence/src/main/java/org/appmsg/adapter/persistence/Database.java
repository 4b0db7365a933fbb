package org.appmsg.adapter.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.jooq.impl.DefaultConfiguration;

/**
 * jOOQ access for the repositories; the one place where jOOQ/JDBC failures become port exceptions, and the one
 * place that makes writes durable and fails fast while the database is down.
 *
 * <p>Every call ({@link #query}, {@link #execute}, {@link #transaction} and those built on them) first fails at once
 * while {@link StorageAvailability} knows the database to be down, and marks it down when it loses its own
 * connection (SQLState class 08). A call in which any statement other than a query ran (jOOQ's execute type is
 * not {@code READ}) returns only after {@link Durability#awaitDurable}: so whatever the repositories answer after
 * a write is durable, and a group-commit batch, being one call, waits once for all its requests.
 */
final class Database {

    private static final int DEADLOCK_ATTEMPTS = 3;
    private static final int DUPLICATE_ATTEMPTS = 3;
    private static final long DUPLICATE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Backend backend;
    private final DSLContext dsl;
    private final Durability durability;
    private final StorageAvailability availability;
    /** Set on the calling thread when a statement that may write runs; each call resets and reads it. */
    private final ThreadLocal<boolean[]> wrote = ThreadLocal.withInitial(() -> new boolean[1]);

    Database(DataSource dataSource, Backend backend, Durability durability, StorageAvailability availability) {
        this.backend = backend;
        this.durability = durability;
        this.availability = availability;
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(dataSource).set(backend.dialect).set(new Settings().withExecuteLogging(false));
        if (durability != Durability.AT_COMMIT) {
            configuration.set(new ExecuteListener() {
                @Override
                public void executeStart(ExecuteContext ctx) {
                    if (ctx.type() != ExecuteType.READ) {
                        wrote.get()[0] = true;
                    }
                }
            });
        }
        this.dsl = configuration.dsl();
    }

    /** Runs {@code work} in auto-commit mode. */
    <T> T query(Function<DSLContext, T> work) {
        return durably(() -> {
            try {
                return work.apply(dsl);
            } catch (DataAccessException e) {
                throw translate(e);
            }
        });
    }

    void execute(Consumer<DSLContext> work) {
        query(dsl -> {
            work.accept(dsl);
            return null;
        });
    }

    /**
     * Deletes at most {@code limit} rows of {@code table} matching {@code where}, the first by {@code orderBy},
     * in one auto-commit statement ({@link Backend#deleteFirst}); returns how many.
     */
    int deleteFirst(Table<Record> table, Condition where, Field<?> orderBy, int limit) {
        return query(dsl -> backend.deleteFirst(dsl, table, where, orderBy, limit));
    }

    /**
     * Runs {@code work} in one transaction. A deadlock victim was rolled back completely, so it is run again
     * (a few times); {@code work} must therefore read what it decides on inside the transaction.
     */
    <T> T transaction(Function<DSLContext, T> work) {
        return durably(() -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
                } catch (DataAccessException e) {
                    if (attempt >= DEADLOCK_ATTEMPTS || e.sqlStateClass() != SQLStateClass.C40_TRANSACTION_ROLLBACK) {
                        throw translate(e);
                    }
                }
            }
        });
    }

    /**
     * Runs {@code call} after the availability check, and when it wrote and returned normally, waits until its
     * writes are durable. A call that throws wrote nothing that was committed (a transaction rolled back; an
     * auto-commit statement failed), or it is not acknowledged anyway.
     */
    private <T> T durably(Supplier<T> call) {
        availability.check();
        if (durability == Durability.AT_COMMIT) {
            return call.get();
        }
        boolean[] flag = wrote.get();
        boolean outer = flag[0]; // a call made inside another call's work (none today) leaves the outer one's flag set
        flag[0] = false;
        try {
            T result = call.get();
            if (flag[0]) {
                durability.awaitDurable();
            }
            return result;
        } finally {
            flag[0] |= outer;
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

    private StorageUnavailableException translate(DataAccessException e) {
        if (e.sqlStateClass() == SQLStateClass.C08_CONNECTION_EXCEPTION) {
            availability.markDown(e.getMessage()); // this call lost its connection or could not get one
        }
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
