package dev.tollgate.gate.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** An H2 database in this JVM's memory, kept open (and so alive) by one connection until closed. */
public final class H2Database extends TestDatabase {

    private final String jdbcUrl;
    private final Connection keepAlive;

    public H2Database(String name) throws SQLException {
        jdbcUrl = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        keepAlive = connect();
        try (Statement statement = keepAlive.createStatement()) {
            for (Path script : schemaScripts()) {
                statement.execute("runscript from '" + script.toString().replace("'", "''") + "'");
            }
        }
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String user() {
        return "sa";
    }

    @Override
    String driverClassName() {
        return "org.h2.Driver";
    }

    @Override
    String product() {
        return "H2";
    }

    @Override
    public void close() throws SQLException {
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute("drop all objects");
        }
        keepAlive.close();
    }
}
