package dev.tollgate.payments.infrastructure.tomcat;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The persistence unit's data source on Tomcat. Inside a {@link LocalTransactions} transaction it hands the
 * provider that transaction's connection, so entities and plain statements share one database transaction;
 * outside one (the provider reading the database's metadata at start) it lends a connection of the pool.
 *
 * <p>Ours because Jakarta Persistence has no way to hand an EntityManager a connection: the provider asks its
 * unit's data source. Hibernate's own API can ({@code SessionBuilder.connection}), but payments-ejb speaks only
 * Jakarta Persistence, so that the full servers' providers (EclipseLink on Payara) run the same repositories. A
 * pool lends a new connection on every call, and the library data source that lends the running transaction's
 * instead (Spring's {@code TransactionAwareDataSourceProxy}) knows only Spring's transactions.
 */
final class TransactionConnectionDataSource implements DataSource {

    private final DataSource pool;
    private final LocalTransactions transactions;

    TransactionConnectionDataSource(DataSource pool, LocalTransactions transactions) {
        this.pool = pool;
        this.transactions = transactions;
    }

    @Override
    public Connection getConnection() throws SQLException {
        LocalTransaction running = transactions.runningOrNull();
        return running != null ? running.connectionForProvider() : pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("Tollgate's persistence unit uses the pool's own credentials");
    }

    @Override public PrintWriter getLogWriter() throws SQLException { return pool.getLogWriter(); }
    @Override public void setLogWriter(PrintWriter out) throws SQLException { pool.setLogWriter(out); }
    @Override public void setLoginTimeout(int seconds) throws SQLException { pool.setLoginTimeout(seconds); }
    @Override public int getLoginTimeout() throws SQLException { return pool.getLoginTimeout(); }
    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { return pool.getParentLogger(); }
    @Override public <T> T unwrap(Class<T> type) throws SQLException { return pool.unwrap(type); }
    @Override public boolean isWrapperFor(Class<?> type) throws SQLException { return pool.isWrapperFor(type); }
}
