package dev.tollgate.payments.application;

import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** {@link ReconcileBookkeepingClaims} on an in-memory H2 database. */
class ReconcileBookkeepingOnH2Test extends ReconcileBookkeepingClaims {

    private JdbcDataSource database;

    @Override
    DataSource createDatabase() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return database;
    }

    @Override
    void dropDatabase() throws SQLException {
        try (var connection = database.getConnection(); var sql = connection.createStatement()) {
            sql.execute("drop all objects delete files");
        }
    }
}
