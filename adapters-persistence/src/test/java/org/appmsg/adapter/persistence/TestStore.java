package org.appmsg.adapter.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.appmsg.domain.message.FirstMid;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A fresh database per test class, migrated and opened as {@link SqlPersistence}: an H2 file database in a temp
 * directory, or an {@code appmsg_t_*} database on the MariaDB or the PostgreSQL server (dropped afterwards).
 */
final class TestStore implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    enum Kind { H2, MARIADB, POSTGRES }

    private final Kind kind;
    private Path h2Directory;
    private MariaDbServer.Database mariaDb;
    private PostgresServer.Database postgres;
    private SqlPersistence.Settings settings;
    private SqlPersistence persistence;
    private SqlPersistence clockStarted;
    private TestAbortedException unavailable;

    private TestStore(Kind kind) {
        this.kind = kind;
    }

    static TestStore h2() {
        return new TestStore(Kind.H2);
    }

    static TestStore mariaDb() {
        return new TestStore(Kind.MARIADB);
    }

    static TestStore postgres() {
        return new TestStore(Kind.POSTGRES);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        try {
            settings = createDatabase();
        } catch (TestAbortedException e) {
            unavailable = e; // skipped test by test below, so that each one shows up as skipped with the reason
            return;
        }
        persistence = SqlPersistence.start(settings);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (unavailable != null) {
            throw unavailable;
        }
    }

    /** Creates the empty database (no schema) and returns how to reach it; called by beforeAll. */
    SqlPersistence.Settings createDatabase() throws IOException {
        if (kind == Kind.H2) {
            h2Directory = Files.createTempDirectory("appmsg-h2-");
            return new SqlPersistence.Settings("jdbc:h2:file:" + h2Directory.resolve("appmsg")
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "", "", 8);
        }
        if (kind == Kind.POSTGRES) {
            postgres = PostgresServer.freshDatabase();
            return new SqlPersistence.Settings(postgres.url(), "", "", 8);
        }
        mariaDb = MariaDbServer.freshDatabase();
        return new SqlPersistence.Settings(mariaDb.url(), "", "", 8);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (clockStarted != null) {
            clockStarted.close();
        }
        if (persistence != null) {
            persistence.close();
        }
        if (mariaDb != null) {
            mariaDb.drop();
        }
        if (postgres != null) {
            postgres.drop();
        }
        if (h2Directory != null) {
            try (Stream<Path> files = Files.walk(h2Directory)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    SqlPersistence persistence() {
        return persistence;
    }

    /**
     * A second store over the same database whose new mailboxes start their mids at the clock (as a node set to
     * {@code APPMSG_MAILBOX_FIRST_MID=clock}); opened on first use, closed with the first.
     */
    synchronized SqlPersistence clockStarted() {
        if (clockStarted == null) {
            clockStarted = SqlPersistence.start(settings.withFirstMid(FirstMid.CLOCK));
        }
        return clockStarted;
    }

    SqlPersistence.Settings settings() {
        return settings;
    }

    /** Runs SQL outside the adapter (test set-up and checks); returns the update count or the first column. */
    long sql(String sql) {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl()); Statement s = c.createStatement()) {
            if (s.execute(sql)) {
                var rs = s.getResultSet();
                rs.next();
                return rs.getLong(1);
            }
            return s.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
