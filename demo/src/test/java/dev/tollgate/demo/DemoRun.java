package dev.tollgate.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The demo as the README starts it, on free ports and in a fresh folder, for one test class:
 * {@code @RegisterExtension static final DemoRun DEMO = new DemoRun();} starts it before the class's first test and
 * stops it (and deletes its folder) after the last.
 */
final class DemoRun implements BeforeAllCallback, AfterAllCallback {

    private Path dataDir;
    private DemoServer server;
    private Ledger ledger;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("tollgate-demo-");
        server = DemoServer.start(DemoOptions.defaults().onPorts(0, 0).withDataDir(dataDir));
        ledger = new Ledger(server.dataSource());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
        SampleApp.deleteRecursively(dataDir);
    }

    DemoServer server() {
        return server;
    }

    /** What the demo's database holds. */
    Ledger ledger() {
        return ledger;
    }
}
