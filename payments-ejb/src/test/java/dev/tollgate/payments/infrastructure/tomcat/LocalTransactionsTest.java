package dev.tollgate.payments.infrastructure.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.persistence.TransactionRequiredException;
import java.sql.Connection;
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
