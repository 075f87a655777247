package io.segursdk.outbox;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A data source that can be cut off, as if its process died: after {@link #kill()} no connection can be had, so the
 * worker using it can neither record an outcome nor renew its leases.
 */
final class KillableDataSource implements DataSource {

    private final DataSource target;
    private volatile boolean dead;

    KillableDataSource(DataSource target) {
        this.target = target;
    }

    void kill() {
        dead = true;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (dead) {
            throw new SQLException("process is dead", "08006");
        }
        return target.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
