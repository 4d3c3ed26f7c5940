package dev.tollgate.payments.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 file stores every commit before the commit returns. That it survives a killed Tomcat is proven
 * by it-tests' {@code KilledTomcatKeepsAcknowledgedEventsIT}; this test pins the setting it depends on.
 */
class EmbeddedH2Test {

    @TempDir
    Path dataDir;

    @Test
    void theFileIsOpenedWithoutH2sDelayedWrite() throws Exception {
        DataSource database = EmbeddedH2.open(dataDir);
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery(
                     "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")) {
            setting.next();
            assertEquals("0", setting.getString(1), "H2's default is 500 ms of commits that a kill -9 loses");
        } finally {
            EmbeddedH2.close(database);
        }
    }

    @Test
    void theAutoServerPortIsBoundToLoopbackUnlessTheOperatorChoseAnAddress() {
        String before = System.getProperty(EmbeddedH2.BIND_ADDRESS_PROPERTY);
        System.clearProperty(EmbeddedH2.BIND_ADDRESS_PROPERTY);
        try {
            EmbeddedH2.close(EmbeddedH2.open(dataDir));
            assertEquals("127.0.0.1", System.getProperty(EmbeddedH2.BIND_ADDRESS_PROPERTY));
            System.setProperty(EmbeddedH2.BIND_ADDRESS_PROPERTY, "127.0.0.2");
            EmbeddedH2.close(EmbeddedH2.open(dataDir));
            assertEquals("127.0.0.2", System.getProperty(EmbeddedH2.BIND_ADDRESS_PROPERTY));
        } finally {
            restore(before);
        }
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty(EmbeddedH2.BIND_ADDRESS_PROPERTY);
        } else {
            System.setProperty(EmbeddedH2.BIND_ADDRESS_PROPERTY, before);
        }
    }
}
