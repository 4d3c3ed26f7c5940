package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Nothing acknowledged is ever lost", tried the hard way: {@code payments-tomcat.war} in a standalone Tomcat (set up
 * as README.md says, see {@link StandaloneTomcat}) takes a load of signed {@code customer.subscription.created}
 * events from several clients at once; in the middle of it Tomcat's JVM is killed with SIGKILL; after a restart
 * every event that had been answered 2xx must be in {@code webhook_event} as processed, and its effect — the
 * user's entitlement on the plan — must be there too. Stripe never sends an acknowledged event again, so one
 * missing event is a grant lost for good. Runs on the WAR's own H2 file (the default) and, with
 * {@code -Dit.database=postgresql}, on PostgreSQL; {@code -Dit.kill.events} makes the load larger.
 */
class KilledTomcatKeepsAcknowledgedEventsIT {

    private static final Duration START_DEADLINE = Duration.ofSeconds(180);
    private static final String WEBHOOK_SECRET = System.getProperty("it.stripe.webhook.secret");
    /** A price of the catalog failsafe gives the server ({@code PAYMENTS_PLANS}: pro=price_pro_monthly). */
    private static final String PRO_PRICE = "price_pro_monthly";
    private static final int EVENTS = Integer.getInteger("it.kill.events", 300);
    private static final int CLIENTS = 8;

    private static StandaloneTomcat tomcat;
    private static PaymentsClient payments;
    private static Path base;

    /** One event of the load: whose subscription it creates. */
    private record Delivery(String userId, SignedEvent event) {
    }

    @BeforeAll
    static void startTomcat() throws Exception {
        base = Path.of(System.getProperty("it.tomcat.home"));
        int port = Integer.parseInt(System.getProperty("it.http.port"));
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : new String[] {"STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE",
                "PAYMENTS_APP_URL", "PAYMENTS_PLANS", "PAYMENTS_PROTECT", "PAYMENTS_PRICING_URL"}) {
            settings.put(name, System.getenv(name));
        }
        settings.put("PAYMENTS_DATA_DIR", base.resolve("data").toString());
        boolean postgres = "postgresql".equals(ServerDatabase.kind());
        String contextXml = Files.readString(Path.of(System.getProperty("it.tomcat.context")))
                .replace("${catalina.base}", base.toString())
                .replace("${it.postgres.host}", System.getProperty("it.postgres.host"))
                .replace("${it.postgres.port}", System.getProperty("it.postgres.port"))
                .replace("${it.postgres.user}", System.getProperty("it.postgres.user"))
                .replace("${it.postgres.database}", System.getProperty("it.postgres.database"))
                .replaceAll("<Realm [^>]*/>", "");
        StandaloneTomcat.Layout layout = new StandaloneTomcat.Layout(Path.of(System.getProperty("payments.war")),
                settings, contextXml,
                Path.of(System.getProperty(postgres ? "it.postgresql.driver" : "it.h2.driver")),
                Path.of(System.getProperty("it.tomcat.users")), Path.of(System.getProperty("it.sample.app.dir")),
                Path.of(System.getProperty("it.gate.jar")));
        tomcat = StandaloneTomcat.start(Path.of(System.getProperty("it.catalina.home")),
                base, port, layout);
        payments = new PaymentsClient(URI.create("http://localhost:" + port + "/payments/").toURL());
        awaitHealthy();
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void everyEventAnswered2xxBeforeAKillMinus9IsThereWithItsEffectAfterTheRestart() throws Exception {
        List<Delivery> load = customersWithOneEventEach(EVENTS);
        Queue<Delivery> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch halfAcknowledged = new CountDownLatch(EVENTS / 2);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> {
                for (int index = next.getAndIncrement(); index < load.size() && !killed.get();
                        index = next.getAndIncrement()) {
                    Delivery delivery = load.get(index);
                    sent.incrementAndGet();
                    try {
                        if (payments.deliver(delivery.event()).statusCode() / 100 == 2) {
                            acknowledged.add(delivery);
                            halfAcknowledged.countDown();
                        }
                    } catch (IOException cutOffByTheKill) {
                        return null; // not acknowledged: Stripe would send it again
                    }
                }
                return null;
            });
        }
        assertTrue(halfAcknowledged.await(3, TimeUnit.MINUTES), "half the load acknowledged in time: "
                + acknowledged.size() + " of " + EVENTS + "\n" + tomcat.consoleTail());
        int answeredAtKill = acknowledged.size();
        int sentAtKill = sent.get();
        tomcat.killHard();
        killed.set(true);
        clients.shutdown();
        assertTrue(clients.awaitTermination(1, TimeUnit.MINUTES), "the clients stop once Tomcat is gone");
        assertTrue(sentAtKill > answeredAtKill, "requests were in flight when Tomcat was killed: sent "
                + sentAtKill + ", answered " + answeredAtKill);
        assertTrue(acknowledged.size() < EVENTS, "the kill came before the end of the load");

        tomcat.startAgain();
        awaitHealthy();

        List<String> lost = new ArrayList<>();
        List<String> withoutEffect = new ArrayList<>();
        try (Connection db = ServerDatabase.connect()) {
            for (Delivery delivery : acknowledged) {
                if (!"processed".equals(eventStatus(db, delivery.event().id()))) {
                    lost.add(delivery.event().id());
                } else if (!hasProAccess(db, delivery.userId())) {
                    withoutEffect.add(delivery.userId());
                }
            }
        }
        assertEquals(0, lost.size(), "acknowledged events missing after kill -9: " + lost.size() + " of "
                + acknowledged.size() + ", e.g. " + lost.subList(0, Math.min(5, lost.size())));
        assertEquals(0, withoutEffect.size(), "acknowledged events whose entitlement is missing, e.g. "
                + withoutEffect.subList(0, Math.min(5, withoutEffect.size())));
        System.out.printf("kill -9 after %d of %d events acknowledged (%d sent); %d acknowledged in all, none lost%n",
                answeredAtKill, EVENTS, sentAtKill, acknowledged.size());
    }

    /**
     * The embedded H2's auto-server port (in its lock file) answers on the loopback address only; on PostgreSQL the
     * WAR opens no H2 file, so there is no port at all.
     */
    @Test
    void theEmbeddedDatabasePortIsNotReachableFromAnotherMachine() throws Exception {
        Path lockFile = base.resolve("data/tollgate.lock.db");
        if ("postgresql".equals(ServerDatabase.kind())) {
            assertFalse(Files.exists(lockFile), "no H2 file is open when the WAR uses PostgreSQL");
            return;
        }
        Properties lock = new Properties();
        try (InputStream in = Files.newInputStream(lockFile)) {
            lock.load(in);
        }
        String server = lock.getProperty("server");
        int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        String announced = server.substring(0, server.lastIndexOf(':'));
        assertTrue(InetAddress.getByName(announced).isLoopbackAddress(), "H2 announces " + server);
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        }
        InetAddress outside = nonLoopbackAddress();
        try (Socket fromOutside = new Socket()) {
            fromOutside.connect(new InetSocketAddress(outside, port), 5_000);
            throw new AssertionError("H2's port " + port + " answers on " + outside.getHostAddress());
        } catch (IOException refused) {
            // what a machine on the network gets
        }
    }

    /** {@code count} users, each linked to its own Stripe customer, and one subscription event for each. */
    private static List<Delivery> customersWithOneEventEach(int count) throws SQLException {
        String run = SignedEvent.randomSuffix().substring(0, 8);
        List<Delivery> load = new ArrayList<>();
        try (Connection db = ServerDatabase.connect();
             PreparedStatement insert = db.prepareStatement(
                     "insert into account (user_id, stripe_customer_id, email, created_at) values (?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String user = "it-kill-" + run + "-" + i;
                String customer = "cus_it_kill_" + run + "_" + i;
                insert.setString(1, user);
                insert.setString(2, customer);
                insert.setString(3, user + "@example.test");
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.addBatch();
                load.add(new Delivery(user, SubscriptionEvents.created(customer, "sub_it_kill_" + run + "_" + i,
                        PRO_PRICE, WEBHOOK_SECRET)));
            }
            insert.executeBatch();
        }
        return load;
    }

    private static String eventStatus(Connection db, String eventId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select status from webhook_event where event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : "missing";
            }
        }
    }

    private static boolean hasProAccess(Connection db, String userId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "select count(*) from entitlement where user_id = ? and plan = 'pro' and status = 'active'")) {
            query.setString(1, userId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1) == 1;
            }
        }
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : network.inetAddresses().toList()) {
                    if (address instanceof Inet4Address) {
                        return address;
                    }
                }
            }
        }
        throw new AssertionError("this machine has no non-loopback IPv4 address to try H2's port from");
    }

    /** Polls /health until it answers 200 (the WAR is deployed and its database open) or the deadline passes. */
    private static void awaitHealthy() throws Exception {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(tomcat.isRunning(), "Tomcat exited:\n" + tomcat.consoleTail());
            try {
                HttpResponse<String> health = payments.health();
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Tomcat has not opened its connector yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("payments WAR not healthy within " + START_DEADLINE + ":\n" + tomcat.consoleTail());
    }
}
