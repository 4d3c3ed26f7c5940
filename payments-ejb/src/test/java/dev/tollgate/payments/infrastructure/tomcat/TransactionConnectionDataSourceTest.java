package dev.tollgate.payments.infrastructure.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the persistence provider gets on Tomcat when it asks its data source for a connection, on a real H2 pool:
 * inside a transaction always that transaction's connection, which its {@code close()} cannot hand back to the
 * pool; outside one, a connection of the pool. Whatever the provider did with its handle, the pool has the
 * connection back when the transaction ends.
 */
class TransactionConnectionDataSourceTest {

    @RegisterExtension
    final TransactionsOnH2 db = new TransactionsOnH2();
    private TransactionConnectionDataSource dataSource;

    @BeforeEach
    void wire() {
        dataSource = new TransactionConnectionDataSource(db.pool, db.transactions);
    }

    @Test
    void insideATransactionEveryConnectionIsTheTransactions() throws Exception {
        db.transactions.required(() -> {
            db.insertItem(1);
            Connection first = dataSource.getConnection();
            assertSame(first, dataSource.getConnection());
            assertEquals(1, count(first, "select count(*) from item"), "it sees the transaction's own write");
            assertEquals(1, db.lentConnections());
            return null;
        });
    }

    @Test
    void closingTheProvidersHandleNeitherClosesNorReturnsTheConnection() throws Exception {
        db.transactions.required(() -> {
            Connection handle = dataSource.getConnection();
            handle.close();
            handle.close();
            assertFalse(handle.isClosed());
            assertEquals(1, db.lentConnections());
            try (Statement statement = handle.createStatement()) {
                statement.executeUpdate("insert into item (id) values (1)");
            }
            return db.insertItem(2);
        });
        assertEquals(List.of(1, 2), db.committedItems(), "both writes committed as one transaction");
    }

    @Test
    void outsideATransactionItLendsAPlainConnectionOfThePool() throws Exception {
        try (Connection lent = dataSource.getConnection()) {
            assertEquals(1, db.lentConnections());
            assertTrue(lent.getAutoCommit());
            try (Connection second = dataSource.getConnection()) {
                assertEquals(2, db.lentConnections(), "a second call, a second connection");
            }
        }
    }

    @Test
    void afterACommitOrARollbackThePoolHasTheConnectionBackAndTheHandleIsDead() throws Exception {
        AtomicReference<Connection> committed = new AtomicReference<>();
        db.transactions.required(() -> {
            committed.set(dataSource.getConnection());
            return db.insertItem(1);
        });
        assertEquals(0, db.lentConnections(), "back after the commit");
        assertThrows(SQLException.class, () -> committed.get().createStatement(),
                "a handle kept past its transaction reaches no connection another transaction may hold");

        AtomicReference<Connection> rolledBack = new AtomicReference<>();
        assertThrows(IllegalStateException.class, () -> db.transactions.required(() -> {
            rolledBack.set(dataSource.getConnection());
            throw new IllegalStateException("rolls back");
        }));
        assertEquals(0, db.lentConnections(), "back after the rollback");
        assertThrows(SQLException.class, () -> rolledBack.get().createStatement());
    }

    @Test
    void theHandleIsEqualOnlyToItself() throws Exception {
        db.transactions.required(() -> {
            Connection handle = dataSource.getConnection();
            assertEquals(handle, handle);
            assertEquals(handle.hashCode(), dataSource.getConnection().hashCode());
            try (Connection other = db.pool.getConnection()) {
                assertNotEquals(handle, other);
            }
            assertTrue(handle.toString().contains("transaction"), handle.toString());
            return null;
        });
    }

    @Test
    void aFailureOfTheConnectionReachesTheProviderAsItsSqlException() throws Exception {
        db.transactions.required(() -> {
            SQLException failure = assertThrows(SQLException.class,
                    () -> dataSource.getConnection().prepareStatement("select * from no_such_table"));
            assertEquals("42S02", failure.getSQLState());
            return null;
        });
    }

    @Test
    void otherCredentialsAreRefused() {
        assertThrows(SQLFeatureNotSupportedException.class, () -> dataSource.getConnection("sa", ""));
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
