package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo refuses to start half-way, and says what to change. */
class DemoStartFailuresIT {

    @TempDir
    Path dataDir;

    @Test
    void aTakenPortIsNamedWithTheOptionThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            DemoOptions options = DemoOptions.defaults().onPorts(taken.getLocalPort(), 0).withDataDir(dataDir);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> DemoServer.start(options));
            assertTrue(refused.getMessage().contains("Port " + taken.getLocalPort() + " is in use"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("--port"), refused.getMessage());
        }
    }

    @Test
    void aMissingPaymentsWarIsNamedWithHowToBuildIt() {
        DemoOptions options = new DemoOptions(0, 0, dataDir, dataDir.resolve("no-such.war"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> DemoServer.start(options));
        assertTrue(refused.getMessage().contains("no-such.war does not exist"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--payments-war"), refused.getMessage());
    }
}
