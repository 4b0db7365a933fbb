package org.appmsg.adapter.persistence;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The databases {@link SqlPersistence} runs on, told apart by the JDBC URL prefix, and the one place that holds
 * what differs between them: driver, jOOQ dialect, migration scripts, the driver's timeout properties, the SQL
 * that jOOQ cannot render alike on all of them ({@link #deleteFirst}), and how to tell whether a commit is
 * durable. Everything else (upserts, row locks, LIKE, GREATEST) jOOQ renders for each dialect from one query.
 *
 * <p>H2 (in MySQL mode), MariaDB and MySQL share the scripts of {@value #MYSQL_MIGRATIONS}; PostgreSQL has its own
 * in {@value #POSTGRES_MIGRATIONS}: the same version numbers, tables, columns, keys and indexes in its types, text
 * columns {@code COLLATE "C"} where MariaDB's are {@code utf8mb4_bin} (byte order, case-sensitive).
 */
enum Backend {
    H2("jdbc:h2:", SQLDialect.H2, "org.h2.Driver", Backend.MYSQL_MIGRATIONS),
    MARIADB("jdbc:mariadb:", SQLDialect.MARIADB, "org.mariadb.jdbc.Driver", Backend.MYSQL_MIGRATIONS),
    MYSQL("jdbc:mysql:", SQLDialect.MYSQL, "com.mysql.cj.jdbc.Driver", Backend.MYSQL_MIGRATIONS),
    POSTGRES("jdbc:postgresql:", SQLDialect.POSTGRES, "org.postgresql.Driver", Backend.POSTGRES_MIGRATIONS);

    static final String MYSQL_MIGRATIONS = "classpath:db/migration";
    static final String POSTGRES_MIGRATIONS = "classpath:db/migration-postgres";

    final String prefix;
    final SQLDialect dialect;
    final String driver;
    /** The Flyway location of this database's scripts. */
    final String migrations;

    Backend(String prefix, SQLDialect dialect, String driver, String migrations) {
        this.prefix = prefix;
        this.dialect = dialect;
        this.driver = driver;
        this.migrations = migrations;
    }

    static Backend of(String jdbcUrl) {
        for (Backend b : values()) {
            if (jdbcUrl.startsWith(b.prefix)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unsupported JDBC URL (expected " + prefixes() + "): " + jdbcUrl);
    }

    /** The URL prefixes, for messages: {@code jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:}. */
    static String prefixes() {
        String all = Arrays.stream(values()).map(b -> b.prefix).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }

    /**
     * The driver properties that bound a connection's waits, each unless the URL sets it: none for H2, which runs
     * in this process; {@code connectTimeout} and {@code socketTimeout} for the others, in milliseconds for the
     * MariaDB and MySQL drivers and in whole seconds (rounded up; 0 = none) for the PostgreSQL driver.
     */
    Map<String, String> driverTimeouts(String jdbcUrl, Duration connect, Duration socket) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (this == H2) {
            return properties;
        }
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!url.contains("connecttimeout=")) {
            properties.put("connectTimeout", Long.toString(inDriverUnits(connect)));
        }
        if (!url.contains("sockettimeout=")) {
            properties.put("socketTimeout", Long.toString(inDriverUnits(socket)));
        }
        return properties;
    }

    private long inDriverUnits(Duration d) {
        if (this != POSTGRES) {
            return d.toMillis();
        }
        return (d.toMillis() + 999) / 1000;
    }

    /**
     * Deletes at most {@code limit} rows of {@code table} that match {@code where}, the first ones by
     * {@code orderBy} (a column of an index that {@code where} ranges over); returns how many. MariaDB, MySQL
     * and H2 take {@code DELETE ... ORDER BY ... LIMIT}; PostgreSQL has no such form, so it deletes the rows
     * whose physical ids ({@code ctid}) the same ordered, limited select finds: a read of that index, then a
     * lookup per row by id.
     */
    int deleteFirst(DSLContext dsl, Table<Record> table, Condition where, Field<?> orderBy, int limit) {
        if (this != POSTGRES) {
            return dsl.deleteFrom(table).where(where).orderBy(orderBy).limit(limit).execute();
        }
        Field<Object> ctid = field(DSL.name("ctid"));
        return dsl.deleteFrom(table)
                .where(DSL.condition("{0} = ANY(ARRAY({1}))", ctid,
                        select(ctid).from(table).where(where).orderBy(orderBy).limit(limit)))
                .execute();
    }

    /**
     * Why a commit on {@code connection} may not be durable when it returns, or empty when it is: InnoDB
     * writes and flushes its redo log at commit only with {@code innodb_flush_log_at_trx_commit=1} (the
     * default); PostgreSQL flushes its WAL before a commit returns unless {@code synchronous_commit} is off, and
     * at all only with {@code fsync} on (both the defaults). Otherwise a crash of the database server or its
     * machine can lose writes appmsg has acknowledged. Not asked of H2 (see {@link H2Durability}).
     */
    Optional<String> commitDurabilityProblem(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (this == POSTGRES) {
                try (ResultSet r = s.executeQuery(
                        "SELECT current_setting('synchronous_commit'), current_setting('fsync')")) {
                    r.next();
                    if (r.getString(1).equals("off")) {
                        return Optional.of("synchronous_commit is off: PostgreSQL may lose acknowledged writes "
                                + "when it or its machine crashes; set it to on");
                    }
                    if (r.getString(2).equals("off")) {
                        return Optional.of("fsync is off: PostgreSQL may lose acknowledged writes when its "
                                + "machine crashes; set it to on");
                    }
                    return Optional.empty();
                }
            }
            try (ResultSet r = s.executeQuery("SELECT @@innodb_flush_log_at_trx_commit")) {
                if (r.next() && r.getInt(1) != 1) {
                    return Optional.of("innodb_flush_log_at_trx_commit is " + r.getInt(1) + ", not 1: the database "
                            + "may lose acknowledged writes when it or its machine crashes; set it to 1");
                }
                return Optional.empty();
            }
        }
    }
}
