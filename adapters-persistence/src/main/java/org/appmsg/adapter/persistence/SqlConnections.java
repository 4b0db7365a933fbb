package org.appmsg.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.appmsg.adapter.persistence.SqlPersistence.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link SqlPersistence} connects: the pool, the connections of the schema migrations and of the probe, each
 * with the configured credentials and timeouts (HikariCP and the JDBC drivers).
 */
final class SqlConnections {

    private static final Logger log = LoggerFactory.getLogger(SqlConnections.class);

    private SqlConnections() {}

    /** The pool of {@code settings.poolSize()} connections; fails fast when the first one cannot be made. */
    static HikariDataSource pool(Settings settings, Backend backend) {
        return new HikariDataSource(poolConfig("appmsg-sql", settings, backend, settings.poolSize(),
                settings.socketTimeout()));
    }

    /**
     * While the database is down the pool keeps no idle connections. Otherwise HikariCP keeps trying to refill its
     * minimum of idle connections during the outage, on its single connection-creating thread, sleeping twice as
     * long after each failure (up to 5 s); after the outage it would then hand out no connection for up to 5 s, and
     * requests would time out although the database answers. With no minimum it stops trying once no request
     * waits, and the first request after the outage starts it afresh.
     */
    static void keepIdleConnections(HikariDataSource pool, Settings settings, boolean databaseUp) {
        pool.setMinimumIdle(databaseUp ? settings.poolSize() : 0);
    }

    /**
     * Schema migrations run on connections of their own without the socket timeout: an index build on a large
     * table may take long. Flyway uses two at once (its history table and the migration).
     */
    static void migrate(Settings settings, Backend backend) {
        try (HikariDataSource migrations = new HikariDataSource(poolConfig("appmsg-migrations", settings, backend, 2,
                Duration.ZERO))) {
            Migrations.apply(migrations, backend);
        }
    }

    private static HikariConfig poolConfig(String name, Settings settings, Backend backend, int size,
            Duration socketTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDriverClassName(backend.driver);
        config.setJdbcUrl(settings.jdbcUrl());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(size);
        // a request waits this long at most for a connection; while the database is known to be down, not at all
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(settings.connectTimeout().toMillis());
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED"); // fewer gap locks on InnoDB; H2's and PostgreSQL's default
        driverTimeouts(settings, backend, socketTimeout).forEach(config::addDataSourceProperty);
        return config;
    }

    /** The driver properties that bound a connection's waits: see {@link Backend#driverTimeouts}. */
    static Map<String, String> driverTimeouts(Settings settings, Backend backend, Duration socketTimeout) {
        return backend.driverTimeouts(settings.jdbcUrl(), settings.connectTimeout(), socketTimeout);
    }

    /** A connection outside the pool (for the probe), with the pool's credentials and timeouts. */
    static Connection open(Settings settings, Backend backend) throws SQLException {
        Properties properties = new Properties();
        if (!settings.user().isEmpty()) {
            properties.setProperty("user", settings.user());
        }
        if (!settings.password().isEmpty()) {
            properties.setProperty("password", settings.password());
        }
        driverTimeouts(settings, backend, settings.socketTimeout()).forEach(properties::setProperty);
        try {
            Class.forName(backend.driver); // registers it with DriverManager, whatever the class loader did
        } catch (ClassNotFoundException e) {
            throw new SQLException("JDBC driver " + backend.driver + " missing", e);
        }
        return DriverManager.getConnection(settings.jdbcUrl(), properties);
    }

    /** Logs a warning when the database's settings let an acknowledged commit be lost (see {@link Backend}). */
    static void warnUnlessCommitsAreDurable(HikariDataSource pool, Backend backend) {
        try (Connection c = pool.getConnection()) {
            backend.commitDurabilityProblem(c).ifPresent(log::warn);
        } catch (SQLException e) {
            log.warn("could not read the database's durability settings: {}", e.getMessage());
        }
    }
}
