package dev.tollgate.payments.infrastructure.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * One open transaction on a new in-memory H2 database with the schema Flyway's migrations build, lent to
 * repositories as {@code LocalTransactions} lends its connection; counts the statements sent. {@link #close} rolls
 * it back.
 */
final class OneConnection implements TransactionalJdbc, AutoCloseable {

    private final Connection connection;
    private final Jdbi jdbi;
    private final Set<Object> notes = new HashSet<>();
    int statements;

    private OneConnection(Connection connection) {
        this.connection = connection;
        jdbi = TollgateJdbi.configure(Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return connection;
            }

            @Override
            public void closeConnection(Connection lent) {
                // rolled back and closed by close()
            }
        }));
    }

    /** A transaction begun on a database of its own, migrated to the current schema. */
    static OneConnection onNewSchema() throws SQLException {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SchemaMigration.migrate(database);
        Connection connection = database.getConnection();
        connection.setAutoCommit(false);
        return new OneConnection(connection);
    }

    @Override
    public <T> T withHandle(HandleCallback<T, RuntimeException> work) {
        statements++;
        return jdbi.withHandle(work);
    }

    @Override
    public boolean noteInCurrentTransaction(Object key) {
        return notes.add(key);
    }

    @Override
    public void close() throws SQLException {
        connection.rollback();
        connection.close();
    }
}
