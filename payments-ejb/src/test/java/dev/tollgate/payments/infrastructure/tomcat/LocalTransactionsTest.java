package dev.tollgate.payments.infrastructure.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.config.SettingSource;
import jakarta.persistence.TransactionRequiredException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tomcat's transaction boundaries, as {@code ResourceLocalTransactionInterceptor} applies them to a
 * {@code @Transactional} service, on a real H2 pool: the EJB container's rules, and every connection back in the
 * pool afterwards.
 */
class LocalTransactionsTest {

    private JdbcConnectionPool pool;
    private final LocalTransactions transactions = new LocalTransactions();

    @BeforeEach
    void database() throws SQLException {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        try (Connection connection = pool.getConnection()) {
            connection.createStatement().execute("create table item (id int primary key)");
        }
        PaymentsConfig config = PaymentsConfig.load(new SettingSource(Map.of(
                "STRIPE_SECRET_KEY", "sk_test_51Example", "STRIPE_WEBHOOK_SECRET", "whsec_example123",
                "PAYMENTS_APP_URL", "http://localhost/payments", "PAYMENTS_PLANS", "pro=price_pro")::get,
                name -> null));
        transactions.runtime = new PaymentsRuntime();
        transactions.runtime.install(config, pool, "test");
    }

    @AfterEach
    void close() {
        pool.dispose();
    }

    @Test
    void workThatReturnsIsCommitted() throws Exception {
        transactions.required(() -> insert(1));
        assertEquals(List.of(1), committedItems());
        assertEquals(0, pool.getActiveConnections());
    }

    @Test
    void aRuntimeExceptionRollsEverythingBack() {
        IllegalStateException failure = new IllegalStateException("handler failed");
        assertSame(failure, assertThrows(IllegalStateException.class, () -> transactions.required(() -> {
            insert(1);
            throw failure;
        })));
        assertEquals(List.of(), committedItems());
        assertEquals(0, pool.getActiveConnections());
    }

    @Test
    void aCheckedExceptionIsAnAnswerAndCommitsAsUnderEjb() {
        assertThrows(IOException.class, () -> transactions.required(() -> {
            insert(1);
            throw new IOException("a declared outcome, not a failure");
        }));
        assertEquals(List.of(1), committedItems());
        assertEquals(0, pool.getActiveConnections());
    }

    @Test
    void aNestedCallJoinsTheOuterTransactionAndFailsWithIt() {
        assertThrows(IllegalStateException.class, () -> transactions.required(() -> {
            transactions.required(() -> insert(1));
            assertEquals(1, pool.getActiveConnections(), "one connection for both calls");
            assertEquals(List.of(), committedItems(), "the inner call did not commit on its own");
            throw new IllegalStateException("the outer call fails after the inner one returned");
        }));
        assertEquals(List.of(), committedItems());
        assertEquals(0, pool.getActiveConnections());
    }

    @Test
    void statementsOutsideATransactionAreRefused() {
        assertThrows(TransactionRequiredException.class, () -> insert(1));
        assertEquals(0, pool.getActiveConnections());
    }

    @Test
    void theConnectionGoesBackWithAutoCommitOn() throws Exception {
        transactions.required(() -> insert(1));
        try (Connection connection = pool.getConnection()) {
            assertTrue(connection.getAutoCommit());
        }
    }

    private int insert(int id) {
        return transactions.withHandle(handle -> handle.createUpdate("insert into item (id) values (:id)")
                .bind("id", id).execute());
    }

    /** What another connection sees: only committed rows. */
    private List<Integer> committedItems() {
        try (Connection connection = pool.getConnection()) {
            ResultSet rows = connection.createStatement().executeQuery("select id from item order by id");
            List<Integer> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
            return ids;
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
