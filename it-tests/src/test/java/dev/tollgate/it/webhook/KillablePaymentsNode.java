package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The payments WAR of a {@link WebhookStage} as a {@link PaymentsNodeProcess} of its own JVM on the stage's database
 * and port, so a test can {@code kill -9} it and start the next one in its place: the emulator, the gate and the
 * test keep the same address. Database faults are drawn from a seed (one more per node) and counted across nodes.
 */
final class KillablePaymentsNode implements AutoCloseable {

    private final int port;
    private final Path folder;
    private final Map<String, String> settings;
    private final DemoDatabase database;
    private final String stripeApiBase;
    private final long faultSeed;
    private PaymentsNodeProcess node;
    private int started;
    private long faultsOfKilledNodes;
    private double faultShare;

    private KillablePaymentsNode(int port, Path folder, Map<String, String> settings, DemoDatabase database,
                                 String stripeApiBase, long faultSeed) {
        this.port = port;
        this.folder = folder;
        this.settings = Map.copyOf(settings);
        this.database = database;
        this.stripeApiBase = stripeApiBase;
        this.faultSeed = faultSeed;
    }

    /** Starts the first node and waits until it serves. */
    static KillablePaymentsNode start(int port, Path folder, Map<String, String> settings, DemoDatabase database,
                                      String stripeApiBase, long faultSeed) throws IOException, InterruptedException {
        KillablePaymentsNode nodes = new KillablePaymentsNode(port, folder, settings, database, stripeApiBase,
                faultSeed);
        nodes.startNext();
        return nodes;
    }

    /** The address the nodes serve the WAR at, one after the other. */
    static URI paymentsUrl(int port) {
        return URI.create("http://localhost:" + port + "/payments/");
    }

    /**
     * From now on {@code share} of the node's statements and commits fail, also in the node started after a kill;
     * answers the faults injected so far by every node.
     */
    synchronized long failDatabase(double share) throws IOException, InterruptedException {
        faultShare = share;
        return faultsOfKilledNodes + node.databaseFaults(share);
    }

    /**
     * {@code kill -9} of the running node, in the middle of whatever it does, then a new node on the same schema and
     * port, with the same database fault share; returns once it serves.
     */
    synchronized void killAndRestart() throws IOException, InterruptedException {
        faultsOfKilledNodes += node.databaseFaults(faultShare); // the same share again: the node says its count
        node.killHard();
        startNext();
        if (faultShare > 0) {
            node.databaseFaults(faultShare);
        }
    }

    private void startNext() throws IOException, InterruptedException {
        started++;
        node = PaymentsNodeProcess.start("node" + started, port, folder, settings, database, stripeApiBase,
                faultSeed + started);
        node.paymentsUrl();
    }

    @Override
    public synchronized void close() throws IOException, InterruptedException {
        if (node != null) {
            node.close();
        }
    }
}
