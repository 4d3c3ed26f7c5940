package dev.tollgate.payments.infrastructure.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.config.SettingSource;
import dev.tollgate.payments.domain.model.CreditEntry;
import dev.tollgate.payments.infrastructure.persistence.SchemaMigration;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link LocalTransactions} as the Tomcat WAR runs it, on a real pool of a fresh in-memory H2 database per test with
 * Tollgate's schema, and Hibernate (the provider the WAR bundles) for the entities. Besides the schema, a table
 * {@code item} for plain statements. Every check reads through another pooled connection: what it sees is
 * committed. After each test every connection must be back in the pool, whatever the test did.
 */
final class TransactionsOnH2 implements BeforeEachCallback, AfterEachCallback {

    JdbcConnectionPool pool;
    final LocalTransactions transactions = new LocalTransactions();
    private PaymentsConfig config;

    @Override
    public void beforeEach(ExtensionContext test) throws SQLException {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        SchemaMigration.migrate(pool);
        try (Connection connection = pool.getConnection()) {
            connection.createStatement().execute("create table item (id int primary key)");
        }
        config = PaymentsConfig.load(new SettingSource(Map.of(
                "STRIPE_SECRET_KEY", "sk_test_51Example", "STRIPE_WEBHOOK_SECRET", "whsec_example123",
                "PAYMENTS_APP_URL", "http://localhost/payments", "PAYMENTS_PLANS", "pro=price_pro")::get,
                name -> null));
        transactions.runtime = new PaymentsRuntime();
        transactions.runtime.install(config, pool, "test");
    }

    @Override
    public void afterEach(ExtensionContext test) {
        try {
            assertEquals(0, lentConnections(), "connections lent and not given back");
        } finally {
            transactions.close();
            pool.dispose();
        }
    }

    /**
     * From now on every commit of a transaction's connection fails, as when the database goes away at that moment;
     * everything else, rolling back included, still reaches the pool's connection.
     */
    void refuseCommits() {
        DataSource refusing = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> method.getName().equals("getConnection")
                        ? refusingCommits(pool.getConnection()) : method.invoke(pool, args));
        transactions.runtime.install(config, refusing, "test");
    }

    private static Connection refusingCommits(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        throw new SQLException("the database went away before the commit", "08006");
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException failure) {
                        throw failure.getCause();
                    }
                });
    }

    /** A plain statement on the running transaction's connection, as the Jdbi repositories run theirs. */
    int insertItem(int id) {
        return transactions.withHandle(handle -> handle.createUpdate("insert into item (id) values (:id)")
                .bind("id", id).execute());
    }

    /** An entity persisted on the running transaction's EntityManager, flushed at commit. */
    void persistCredit(String sourceKey) {
        transactions.current().persist(new CreditEntry("alice", sourceKey, 100, "checkout", Instant.now()));
    }

    /** The committed items, by id. */
    List<Integer> committedItems() {
        return committed("select id from item order by id");
    }

    /** The committed ledger entries' source keys, in key order. */
    List<String> committedCredits() {
        return committed("select source_key from credit_ledger order by source_key");
    }

    /** Connections lent by the pool and not yet given back. */
    int lentConnections() {
        return pool.getActiveConnections();
    }

    private <T> List<T> committed(String query) {
        try (Connection connection = pool.getConnection()) {
            ResultSet rows = connection.createStatement().executeQuery(query);
            List<T> values = new ArrayList<>();
            while (rows.next()) {
                @SuppressWarnings("unchecked")
                T value = (T) rows.getObject(1);
                values.add(value);
            }
            return values;
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
