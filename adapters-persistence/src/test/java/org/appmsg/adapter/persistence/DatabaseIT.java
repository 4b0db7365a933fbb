package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Database}'s two cross-cutting duties, on an in-memory H2 database: a call that wrote returns only after
 * {@link Durability#awaitDurable} (once per call, after the commit; never for reads or failed calls), and while
 * the database is known to be down every call fails at once, without asking the pool.
 */
class DatabaseIT {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final List<String> awaited = new ArrayList<>(); // what another connection saw at each wait
    private String url;
    private Database db;
    private StorageAvailability availability;

    @BeforeEach
    void createTable() throws SQLException {
        url = "jdbc:h2:mem:database-it-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        availability = new StorageAvailability(Clock.systemUTC(), up -> {});
        db = new Database(h2, Backend.H2, () -> awaited.add("rows=" + countOutside()), availability);
    }

    @Test
    void reads_do_not_wait() {
        db.query(dsl -> dsl.fetchCount(DSL.table("t")));
        db.query(dsl -> dsl.selectFrom(DSL.table("t")).forUpdate().fetch());
        db.transaction(dsl -> dsl.fetchCount(DSL.table("t")));

        assertThat(awaited).isEmpty();
    }

    @Test
    void an_autocommit_write_waits_once_after_it_is_committed() {
        db.execute(dsl -> insert(dsl, 1));
        db.query(dsl -> dsl.deleteFrom(DSL.table("t")).where(DSL.field("id").eq(99)).execute()); // deletes nothing

        assertThat(awaited).containsExactly("rows=1", "rows=1");
    }

    @Test
    void a_transaction_waits_once_after_its_commit_however_many_statements_it_ran() {
        db.transaction(dsl -> {
            for (int i = 1; i <= 5; i++) {
                insert(dsl, i);
            }
            return dsl.batch(dsl.insertInto(DSL.table("t"), DSL.field("id", SQLDataType.INTEGER),
                    DSL.field("v", SQLDataType.VARCHAR)).values(0, "")).bind(6, "x").bind(7, "y").execute();
        });

        assertThat(awaited).as("one wait, after the commit made all seven rows visible").containsExactly("rows=7");
    }

    @Test
    void a_failed_call_does_not_wait() {
        db.execute(dsl -> insert(dsl, 1));
        awaited.clear();

        assertThatThrownBy(() -> db.transaction(dsl -> {
            insert(dsl, 2);
            return insert(dsl, 1); // duplicate key: rolled back
        })).isInstanceOf(StorageUnavailableException.class);
        assertThat(awaited).isEmpty();
        assertThat(countOutside()).isEqualTo(1);
    }

    @Test
    void a_failed_wait_fails_the_call() {
        Database failing = new Database(dataSource(url), Backend.H2, () -> {
            throw new StorageUnavailableException("flush failed", null);
        }, availability);

        assertThatThrownBy(() -> failing.execute(dsl -> insert(dsl, 1)))
                .isInstanceOf(StorageUnavailableException.class).hasMessage("flush failed");
    }

    @Test
    void a_lost_connection_marks_the_database_down_and_later_calls_fail_without_asking_the_pool() {
        AtomicInteger asked = new AtomicInteger();
        DataSource refusing = new UnusableDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                asked.incrementAndGet();
                throw new SQLNonTransientConnectionException("Connection refused", "08000");
            }
        };
        Database down = new Database(refusing, Backend.MARIADB, Durability.AT_COMMIT, availability);

        assertThatThrownBy(() -> down.query(dsl -> dsl.fetchCount(DSL.table("t"))))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(availability.reachable()).isFalse();
        assertThatThrownBy(() -> down.query(dsl -> dsl.fetchCount(DSL.table("t"))))
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("unreachable since");
        assertThatThrownBy(() -> db.execute(dsl -> insert(dsl, 1))).as("every call of this store")
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(asked).as("only the first call reached the pool").hasValue(1);

        availability.markUp();
        db.execute(dsl -> insert(dsl, 1));
        assertThat(countOutside()).isEqualTo(1);
    }

    @Test
    void other_failures_leave_the_database_up() {
        assertThatThrownBy(() -> db.execute(dsl -> dsl.execute("SELECT * FROM no_such_table")))
                .isInstanceOf(StorageUnavailableException.class);

        assertThat(availability.reachable()).isTrue();
    }

    private static int insert(org.jooq.DSLContext dsl, int id) {
        return dsl.insertInto(DSL.table("t"), DSL.field("id"), DSL.field("v")).values(id, "v" + id).execute();
    }

    private long countOutside() {
        try (Connection c = DriverManager.getConnection(url); var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataSource dataSource(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        return h2;
    }

    /** A data source whose every method but the ones a test overrides is unused. */
    private abstract static class UnusableDataSource implements DataSource {
        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
