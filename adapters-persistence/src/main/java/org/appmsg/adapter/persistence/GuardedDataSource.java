package org.appmsg.adapter.persistence;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool as {@link Database} sees it: while {@link StorageAvailability} knows the database to be down, asking for
 * a connection fails at once instead of waiting out the pool's timeout. {@link Database} checks the state before
 * each call already; this also covers the connections jOOQ asks for inside a call, e.g. to roll back a transaction
 * whose connection died during the commit (which otherwise waited a second time).
 */
final class GuardedDataSource implements DataSource {

    private final DataSource pool;
    private final StorageAvailability availability;

    GuardedDataSource(DataSource pool, StorageAvailability availability) {
        this.pool = pool;
        this.availability = availability;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileDown();
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhileDown();
        return pool.getConnection(username, password);
    }

    private void refuseWhileDown() throws SQLException {
        if (!availability.reachable()) {
            throw new SQLTransientConnectionException("the database is known to be down", "08001");
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
