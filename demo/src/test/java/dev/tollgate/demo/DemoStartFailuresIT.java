package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void aTakenEmulatorPortIsNamedWithItsOptionOrItsMavenPropertyBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            DemoOptions options = DemoOptions.defaults().onPorts(0, taken.getLocalPort()).withDataDir(dataDir);
            PortInUseException refused = assertThrows(PortInUseException.class, () -> DemoServer.start(options));
            assertEquals("Port " + taken.getLocalPort() + " is in use; choose another with --emulator-port <port>"
                    + " (0 = any free port)", refused.getMessage());
            assertEquals("Port " + taken.getLocalPort() + " is in use; choose another with -Ddemo.emulatorPort=<port>"
                    + " (0 = any free port)", refused.getMessage(true));
            assertFalse(java.nio.file.Files.exists(dataDir.resolve("tomcat")), "Tomcat was never started");
        }
    }

    @Test
    void aTakenHttpPortNamesTheMavenPropertyWhenMavenStartedTheDemo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            DemoOptions options = DemoOptions.defaults().onPorts(taken.getLocalPort(), 0).withDataDir(dataDir);
            PortInUseException refused = assertThrows(PortInUseException.class, () -> DemoServer.start(options));
            assertEquals("Port " + taken.getLocalPort() + " is in use; choose another with -Ddemo.port=<port>"
                    + " (0 = any free port)", refused.getMessage(true));
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
