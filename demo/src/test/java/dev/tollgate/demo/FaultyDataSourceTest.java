package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultyDataSourceTest {

    private JdbcDataSource database;
    private FaultyDataSource faulty;

    @BeforeEach
    void freshDatabase() throws SQLException {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:faulty-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table t (n int)");
        }
        faulty = new FaultyDataSource(database, 42);
    }

    @Test
    void passesEverythingThroughUntilAShareIsSet() throws SQLException {
        for (int i = 0; i < 200; i++) {
            insertAndCommit(i);
        }
        assertEquals(200, rows());
        assertEquals(0, faulty.injected());
    }

    @Test
    void aFailedExecutionOrCommitAppliesNothingAndSaysTheConnectionFailed() throws SQLException {
        faulty.failShare(1);
        try (Connection connection = faulty.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into t values (1)")) {
                SQLException failed = assertThrows(SQLException.class, insert::executeUpdate);
                assertEquals(FaultyDataSource.CONNECTION_FAILURE, failed.getSQLState());
            }
            faulty.failShare(0);
            try (PreparedStatement insert = connection.prepareStatement("insert into t values (2)")) {
                insert.executeUpdate();
            }
            faulty.failShare(1);
            assertThrows(SQLException.class, connection::commit);
            connection.rollback();
        }
        assertEquals(0, rows(), "neither the failed insert nor the uncommitted one is there");
        assertEquals(2, faulty.injected());
    }

    @Test
    void failsAboutTheShareItIsGiven() throws SQLException {
        faulty.failShare(0.05);
        int failed = 0;
        for (int i = 0; i < 2_000; i++) {
            try {
                insertAndCommit(i);
            } catch (SQLException injected) {
                failed++;
            }
        }
        // two chances per insert (execution, commit): about 10 % of 2,000
        assertTrue(failed > 120 && failed < 280, failed + " of 2,000 failed");
        assertEquals(failed, faulty.injected());
    }

    @Test
    void aConnectionTakenWithoutFaultsIsThePoolsOwn() throws SQLException {
        try (Connection plain = faulty.getConnection()) {
            assertFalse(java.lang.reflect.Proxy.isProxyClass(plain.getClass()), plain.getClass().getName());
        }
        faulty.failShare(0.5);
        try (Connection failing = faulty.getConnection()) {
            assertTrue(java.lang.reflect.Proxy.isProxyClass(failing.getClass()), failing.getClass().getName());
        }
    }

    @Test
    void aConnectionIsEqualOnlyToItself() throws SQLException {
        faulty.failShare(0.01);
        try (Connection one = faulty.getConnection(); Connection other = faulty.getConnection()) {
            assertEquals(one, one);
            assertEquals(one.hashCode(), one.hashCode());
            assertNotEquals(one, other);
        }
    }

    @Test
    void refusesAShareOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> faulty.failShare(1.5));
        assertThrows(IllegalArgumentException.class, () -> faulty.failShare(Double.NaN));
    }

    private void insertAndCommit(int n) throws SQLException {
        try (Connection connection = faulty.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into t values (?)")) {
                insert.setInt(1, n);
                insert.executeUpdate();
            }
            try {
                connection.commit();
            } catch (SQLException failed) {
                connection.rollback();
                throw failed;
            }
        }
    }

    private long rows() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from t")) {
            count.next();
            return count.getLong(1);
        }
    }
}
