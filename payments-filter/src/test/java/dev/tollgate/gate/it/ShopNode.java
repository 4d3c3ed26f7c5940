package dev.tollgate.gate.it;

import org.apache.catalina.Context;

import java.util.Map;

/**
 * One node of a cluster, run in a JVM of its own by {@link NodeProcess}: an embedded Tomcat serving the shop
 * (gate jar in {@code WEB-INF/lib}, default staleness bound) against an existing PostgreSQL schema. Prints
 * {@value #READY} and its base URL when it serves, and stops when its standard input closes, so a node never
 * outlives the test that started it.
 *
 * <p>Arguments: the node's name, the PostgreSQL schema. System properties as for the other ITs ({@code gate.jar},
 * {@code gate.webapp}, {@code gate.work}, {@code gate.postgres.*}).
 */
public final class ShopNode {

    static final String READY = "NODE READY ";

    private ShopNode() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String schema = args[1];
        try (ShopServer server = new ShopServer(PostgresDatabase.existing(schema), "node-" + name)) {
            Context shop = server.deployShop("/shop", Map.of());
            server.start();
            if (!ShopServer.isRunning(shop)) {
                throw new IllegalStateException("the shop did not start; see the log above");
            }
            System.out.println(READY + server.baseUrl());
            System.out.flush();
            while (System.in.read() != -1) {
                // nothing to read; end of input means the test is done (or gone)
            }
        }
        System.exit(0);
    }
}
