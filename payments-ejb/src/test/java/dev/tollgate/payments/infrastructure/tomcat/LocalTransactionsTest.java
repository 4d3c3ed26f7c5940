package dev.tollgate.payments.infrastructure.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.persistence.TransactionRequiredException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tomcat's transaction itself, on a real H2 pool with Hibernate: plain statements and entities in one database
 * transaction on one connection, nothing outside a transaction, and the connection back in the pool as it was lent.
 * The rules of its boundaries, as a service meets them, are {@link ResourceLocalTransactionInterceptorTest}'s.
 */
class LocalTransactionsTest {

    @RegisterExtension
    final TransactionsOnH2 db = new TransactionsOnH2();

    @Test
    void statementsOutsideATransactionAreRefused() {
        assertThrows(TransactionRequiredException.class, () -> db.insertItem(1));
        assertThrows(TransactionRequiredException.class, () -> db.transactions.current());
    }

    @Test
    void workWithoutATransactionCommitsEachStatementOnOneConnection() throws Exception {
        db.transactions.notSupported(() -> {
            db.insertItem(1);
            assertEquals(List.of(1), db.committedItems(), "committed by its own statement");
            db.insertItem(2);
            assertEquals(1, db.lentConnections(), "one connection for the whole work");
            return null;
        });
        assertThrows(IllegalStateException.class, () -> db.transactions.notSupported(() -> {
            db.insertItem(3);
            throw new IllegalStateException("fails after the insert");
        }));
        assertEquals(List.of(1, 2, 3), db.committedItems(), "nothing to roll back: each statement was its own");
        assertEquals(0, db.lentConnections());
    }

    @Test
    void workWithoutATransactionHasNoEntitiesAndHoldsNothing() {
        assertThrows(TransactionRequiredException.class,
                () -> db.transactions.notSupported(() -> db.transactions.current()));
        assertThrows(TransactionRequiredException.class,
                () -> db.transactions.notSupported(() -> db.transactions.noteInCurrentTransaction("lock")));
    }

    @Test
    void aTransactionSuspendedForWorkWithoutOneGoesOnAfterIt() throws Exception {
        assertThrows(IllegalStateException.class, () -> db.transactions.required(() -> {
            db.insertItem(1);
            db.transactions.notSupported(() -> {
                db.insertItem(2);
                // a transaction begun inside the work is its own, committed before the work goes on
                db.transactions.required(() -> db.insertItem(3));
                assertEquals(List.of(2, 3), db.committedItems());
                return null;
            });
            db.insertItem(4);
            assertEquals(List.of(2, 3), db.committedItems(), "the suspended transaction's inserts are still its own");
            throw new IllegalStateException("and it rolls back");
        }));
        assertEquals(List.of(2, 3), db.committedItems());
    }

    @Test
    void theConnectionGoesBackWithAutoCommitOn() throws Exception {
        db.transactions.required(() -> db.insertItem(1));
        try (Connection connection = db.pool.getConnection()) {
            assertTrue(connection.getAutoCommit());
        }
    }

    @Test
    void entitiesAndStatementsCommitTogetherOnOneConnection() throws Exception {
        db.transactions.required(() -> {
            db.insertItem(1);
            db.persistCredit("cs_1");
            db.transactions.current().flush();
            assertEquals(1, db.lentConnections(), "the EntityManager runs on the transaction's connection");
            assertEquals(List.of(), db.committedCredits(), "flushed, not committed");
            return db.insertItem(2);
        });
        assertEquals(List.of(1, 2), db.committedItems());
        assertEquals(List.of("cs_1"), db.committedCredits());
    }

    /** The plain statements' connection is the transaction's own: they commit and roll back with the rest. */
    @Test
    void plainStatementsOnTheConnectionAreTheTransactions() throws Exception {
        db.transactions.required(() -> db.insertItem(1) + insertOnTheConnection(2));
        assertThrows(IllegalStateException.class, () -> db.transactions.required(() -> {
            insertOnTheConnection(3);
            throw new IllegalStateException("fails after the insert");
        }));
        assertEquals(List.of(1, 2), db.committedItems());
        assertThrows(TransactionRequiredException.class, () -> insertOnTheConnection(4));
    }

    private int insertOnTheConnection(int id) {
        return db.transactions.withConnection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into item (id) values (?)")) {
                insert.setInt(1, id);
                return insert.executeUpdate();
            } catch (SQLException failure) {
                throw new IllegalStateException(failure);
            }
        });
    }

    @Test
    void entitiesAndStatementsRollBackTogether() {
        assertThrows(IllegalStateException.class, () -> db.transactions.required(() -> {
            db.persistCredit("cs_1");
            db.transactions.current().flush();
            db.insertItem(1);
            throw new IllegalStateException("fails after both were written");
        }));
        assertEquals(List.of(), db.committedItems());
        assertEquals(List.of(), db.committedCredits());
    }

    @Test
    void eachTransactionHasItsOwnEntityManager() throws Exception {
        var first = db.transactions.required(() -> {
            assertTrue(db.transactions.current() == db.transactions.current(), "one per transaction");
            return db.transactions.current();
        });
        assertFalse(first.isOpen(), "closed when its transaction ended");
        db.transactions.required(() -> {
            assertTrue(db.transactions.current() != first);
            return null;
        });
    }

    @Test
    void aCommitThatFailsOnTheConnectionSurfacesAndNothingIsCommitted() {
        db.refuseCommits();
        PersistenceException failed = assertThrows(PersistenceException.class,
                () -> db.transactions.required(() -> db.insertItem(1)));
        assertEquals("08006", ((SQLException) failed.getCause()).getSQLState());
        assertEquals(List.of(), db.committedItems());
    }

    @Test
    void aNoteLastsForItsTransaction() throws Exception {
        db.transactions.required(() -> {
            assertTrue(db.transactions.noteInCurrentTransaction("account alice locked"));
            assertFalse(db.transactions.noteInCurrentTransaction("account alice locked"), "noted before");
            return null;
        });
        assertTrue(db.transactions.required(() -> db.transactions.noteInCurrentTransaction("account alice locked")),
                "a new transaction holds no lock yet");
    }
}
