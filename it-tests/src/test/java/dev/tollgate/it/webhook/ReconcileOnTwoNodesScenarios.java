package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.stripe.StripeClient;
import com.stripe.model.Subscription;
import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.emulator.StripeEmulator;
import dev.tollgate.emulator.delivery.FaultPlan;
import dev.tollgate.it.webhook.Rows.CreditEntry;
import dev.tollgate.it.webhook.Rows.Entitlement;
import dev.tollgate.it.webhook.Rows.ReconcileRun;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two payments nodes on one PostgreSQL schema: the unchanged {@code payments-tomcat.war} in two embedded Tomcats,
 * each in a JVM of its own ({@link PaymentsNodeProcess}), and one Stripe emulator that drops every webhook, so all
 * the database learns of a payment comes through the nodes' reconcile jobs. Both nodes schedule a catch-up every
 * 3 s (each looks every second), paced to 2 Stripe requests per second, its lease 5 s. Proved, in this order (the
 * last kills a node):
 * <ol>
 *     <li>scheduled on both nodes, the catch-up runs once per interval and never twice at once;</li>
 *     <li>asked for at the same moment on both nodes (a barrier releases the two admin requests), the job runs
 *     once and the other node answers 409;</li>
 *     <li>{@code kill -9} of the node holding a long catch-up (200 customers whose webhooks were lost): the other
 *     node resumes that very run once the lease has lapsed and finishes it; every customer ends with Stripe's
 *     state, every event logged once and applied once, no credit granted twice.</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileOnTwoNodesScenarios {

    private static final String CATCH_UP = "catch-up";
    private static final String DRIFT_SCAN = "drift-scan";
    /**
     * {@code PAYMENTS_RECONCILE_CATCH_UP_MINUTES=0.05}: three times the nodes' look (every second), so the runs the
     * first scenario waits for come in about 12 s.
     */
    private static final Duration CATCH_UP_EVERY = Duration.ofSeconds(3);
    /** PostgreSQL keeps microseconds: two instants a node compared may come back that much closer. */
    private static final Duration STORED_PRECISION = Duration.ofNanos(1_000);
    private static final String SECRET = "whsec_twoNodesReconcile4c8e1a7f3b9d2e6a";
    private static final String PACK_PRICE = "price_credits_100";
    private static final long PACK_CREDITS = 100;
    private static final int SUBSCRIBERS = 160;
    private static final int PACK_BUYERS = 40;
    /** Who holds the catch-up's lease while the customers pay: no node may catch up half of them. */
    private static final String SETUP = "it-setup";

    private DemoDatabase database;
    private Rows rows;
    private StripeEmulator emulator;
    private StripeClient stripe;
    private PaymentsNodeProcess nodeA;
    private PaymentsNodeProcess nodeB;
    private Customers customers;

    /** Who paid while every webhook was lost: pro subscribers, and buyers of a credit pack with their checkout. */
    private record Customers(List<WebhookStage.Subscriber> subscribers, Map<String, String> packCheckoutByBuyer) {
    }

    @BeforeAll
    void startTwoNodesOnOneSchema() throws Exception {
        database = DemoDatabase.openFreshPostgresSchema();
        rows = new Rows(database.dataSource());
        int portA = PaymentsNodeProcess.freePort();
        int portB = PaymentsNodeProcess.freePort();
        emulator = StripeEmulator.builder().port(0)
                .webhookEndpoint("http://localhost:" + portA + "/payments/stripe/webhook")
                .webhookSecret(SECRET).build();
        emulator.start();
        emulator.webhookFaults(FaultPlan.seeded(5).dropping(1.0));
        stripe = StripeClient.builder().setApiKey("sk_test_tollgate_two_nodes").setApiBase(emulator.baseUrl())
                .setMaxNetworkRetries(2).build();
        Path folder = Path.of(System.getProperty("project.build.directory", "target"), "two-nodes",
                UUID.randomUUID().toString().substring(0, 8));
        nodeA = PaymentsNodeProcess.start("a", portA, folder, settings(), database, emulator.baseUrl());
        nodeB = PaymentsNodeProcess.start("b", portB, folder, settings(), database, emulator.baseUrl());
        nodeA.paymentsUrl();
        nodeB.paymentsUrl();
    }

    @AfterAll
    void stopEverything() throws Exception {
        try (AutoCloseable schema = database; AutoCloseable a = nodeA; AutoCloseable b = nodeB) {
            if (emulator != null) {
                emulator.stop();
            }
        }
    }

    @Test
    @Order(1)
    void scheduledOnBothNodesTheCatchUpRunsOncePerIntervalAndNeverTwiceAtOnce() throws Exception {
        List<ReconcileRun> runs = awaitCatchUps(done -> done.stream().filter(run -> "completed".equals(run.status()))
                .count() >= 4, Duration.ofSeconds(60));

        assertOncePerIntervalAndNeverTwiceAtOnce(runs);
        System.out.println("Two nodes, catch-up every " + CATCH_UP_EVERY.toSeconds() + " s: " + runs.size()
                + " runs, by " + runs.stream().map(run -> nodeName(run.node()))
                .collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting())));
    }

    @Test
    @Order(2)
    void askedAtTheSameMomentOnBothNodesTheJobRunsOnceAndTheOtherNodeAnswers409() throws Exception {
        // A drift scan of their 200 customers (two listing calls, then a transaction per customer) is still
        // running when the other node's request, released at the same moment, asks for it.
        customers();
        AdminApi onA = new AdminApi(nodeA.paymentsUrl(), Duration.ofMinutes(2));
        AdminApi onB = new AdminApi(nodeB.paymentsUrl(), Duration.ofMinutes(2));
        onA.csrfToken();
        onB.csrfToken();
        for (int round = 0; round < 3; round++) {
            int runsBefore = rows.reconcileRuns(DRIFT_SCAN).size();
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService admins = Executors.newFixedThreadPool(2);
            try {
                Future<HttpResponse<String>> a = admins.submit(dryRunWhenReleased(onA, together));
                Future<HttpResponse<String>> b = admins.submit(dryRunWhenReleased(onB, together));
                HttpResponse<String> byA = a.get(2, TimeUnit.MINUTES);
                HttpResponse<String> byB = b.get(2, TimeUnit.MINUTES);

                List<Integer> answers = new ArrayList<>(List.of(byA.statusCode(), byB.statusCode()));
                answers.sort(null);
                assertEquals(List.of(200, 409), answers, "round " + round + ": A answered " + byA.statusCode()
                        + " " + byA.body() + "\nB answered " + byB.statusCode() + " " + byB.body());
                List<ReconcileRun> runs = rows.reconcileRuns(DRIFT_SCAN);
                assertEquals(runsBefore + 1, runs.size(), "one run for the two requests: " + runs);
                ReconcileRun run = runs.get(runs.size() - 1);
                assertEquals("completed", run.status(), run.toString());
                assertTrue(run.dryRun());
                assertTrue((byA.statusCode() == 200 ? nodeA : nodeB).is(run.node()),
                        "run by the node that answered 200: " + run);
            } finally {
                admins.shutdownNow();
            }
        }
    }

    @Test
    @Order(3)
    void killedMidRunTheLeaderLeavesItsRunToTheOtherNodeWhichFinishesItWithoutDoubleEffects() throws Exception {
        Customers paid = customers();
        long lastRunBefore = rows.reconcileRuns(CATCH_UP).stream().mapToLong(ReconcileRun::id).max().orElse(0);

        rows.releaseLease(CATCH_UP, SETUP); // both nodes find the catch-up due at their next look
        ReconcileRun midway = awaitCatchUps(runs -> runs.stream().anyMatch(run -> run.id() > lastRunBefore
                && "running".equals(run.status()) && run.progress() != null), Duration.ofSeconds(30))
                .stream().filter(run -> run.id() > lastRunBefore).findFirst().orElseThrow();
        PaymentsNodeProcess leader = nodeA.is(midway.node()) ? nodeA : nodeB;
        PaymentsNodeProcess survivor = leader == nodeA ? nodeB : nodeA;
        assertTrue(leader.is(midway.node()), "the run is one of the two nodes': " + midway);
        leader.killHard();
        OffsetDateTime killedAt = OffsetDateTime.now();
        Rows.Lease leftBehind = rows.lease(CATCH_UP);
        assertTrue(leader.is(leftBehind.holder()), "the killed node still holds the lease: " + leftBehind);

        OffsetDateTime takenOverSeenAt = null;
        ReconcileRun finished = midway;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!"completed".equals(finished.status()) && System.nanoTime() < deadline) {
            Rows.Lease lease = rows.lease(CATCH_UP);
            if (takenOverSeenAt == null && survivor.is(lease.holder())) {
                takenOverSeenAt = OffsetDateTime.now();
            }
            finished = runById(midway.id());
            Thread.sleep(100);
        }

        System.out.printf("Killed %s at %s with run %d at %s (%d events listed); its lease lapsed at %s; %s seen"
                        + " holding it at %s; the run finished at %s: %d events listed, %d applied, %d Stripe calls%n",
                leader.name(), killedAt, midway.id(), midway.progress(), midway.seen(), leftBehind.expiresAt(),
                survivor.name(), takenOverSeenAt, finished.finishedAt(), finished.seen(), finished.applied(),
                finished.stripeCalls());
        assertEquals("completed", finished.status(), "the other node finished the run: " + finished);
        assertTrue(survivor.is(finished.node()), "finished by " + survivor.name() + ": " + finished);
        assertTrue(takenOverSeenAt != null && !takenOverSeenAt.isBefore(leftBehind.expiresAt()),
                "taken over once the lease had lapsed at " + leftBehind.expiresAt() + ", seen at " + takenOverSeenAt);
        assertNotEquals(midway.progress(), finished.progress(), "carried on past where the killed node stopped");
        assertTrue(finished.seen() > midway.seen(), finished + " after " + midway);
        assertTrue(survivor.logLines().stream().anyMatch(line -> line.contains("run " + midway.id() + " started on")
                && line.contains("resuming after")), "the survivor says it resumed run " + midway.id());
        for (ReconcileRun run : rows.reconcileRuns(CATCH_UP)) {
            if (run.id() > midway.id()) {
                assertFalse(run.startedAt().isBefore(finished.finishedAt()), "no other catch-up began before the "
                        + "resumed one had finished: " + run);
            }
        }

        assertEveryCustomerHasStripesStateAppliedOnce(paid, finished);
        assertOncePerIntervalAndNeverTwiceAtOnce(rows.reconcileRuns(CATCH_UP));
        JsonObject scan = new AdminApi(survivor.paymentsUrl(), Duration.ofMinutes(2))
                .postOk("reconcile/drift-scan", "dryRun=true").getAsJsonObject("run");
        assertEquals(0, scan.get("applied").getAsLong(), "a drift scan afterwards finds no difference: " + scan);
    }

    private void assertEveryCustomerHasStripesStateAppliedOnce(Customers paid, ReconcileRun run) throws Exception {
        Map<Long, Long> subscriberVersions = new TreeMap<>();
        for (WebhookStage.Subscriber subscriber : paid.subscribers()) {
            Subscription atStripe = stripe.v1().subscriptions().retrieve(subscriber.subscriptionId());
            assertEquals("active", atStripe.getStatus());
            assertEquals("pro", StripeTruth.planOf(atStripe.getItems().getData().get(0).getPrice().getId()));
            Entitlement ours = rows.requireEntitlement(subscriber.user());
            assertEquals("pro", ours.plan(), subscriber.user() + ": " + ours);
            assertTrue(ours.grantsAccessNow(), subscriber.user() + ": " + ours);
            subscriberVersions.merge(ours.version(), 1L, Long::sum);
        }
        Map<Long, Long> buyerVersions = new TreeMap<>();
        for (Map.Entry<String, String> buyer : paid.packCheckoutByBuyer().entrySet()) {
            assertEquals(List.of(new CreditEntry(buyer.getValue(), PACK_CREDITS, "checkout")),
                    rows.creditLedger(buyer.getKey()), "credited once: " + buyer.getKey());
            assertEquals(PACK_CREDITS, rows.credits(buyer.getKey()), buyer.getKey());
            buyerVersions.merge(rows.requireEntitlement(buyer.getKey()).version(), 1L, Long::sum);
        }
        // Every customer's events came in the same order through the same pipeline, interrupted or not: one
        // customer whose entitlement moved once more than the others' had an event applied twice.
        System.out.println("Entitlement versions (version=customers): subscribers " + subscriberVersions
                + ", pack buyers " + buyerVersions);
        assertEquals(1, subscriberVersions.size(), "every subscriber's entitlement at one version: "
                + subscriberVersions);
        assertEquals(1, buyerVersions.size(), "every buyer's entitlement at one version: " + buyerVersions);

        Map<String, Rows.WebhookEvent> logged = rows.webhookEventsFrom("reconcile");
        assertEquals(run.seen(), logged.size(), "every event the run listed is logged once");
        assertTrue(rows.webhookEventsFrom("webhook").isEmpty(), "no webhook reached a node");
        List<String> notOnce = logged.entrySet().stream().filter(event -> event.getValue().attempts() != 1
                || !List.of("processed", "ignored").contains(event.getValue().status()))
                .map(event -> event.getKey() + " " + event.getValue()).toList();
        assertEquals(List.of(), notOnce, "every event applied at its one attempt");
    }

    /**
     * Never two runs at once (each began after the one before had finished), and never two in one interval (each
     * began at least the interval after the one before began); none failed.
     */
    private static void assertOncePerIntervalAndNeverTwiceAtOnce(List<ReconcileRun> runs) {
        for (int i = 0; i < runs.size(); i++) {
            ReconcileRun run = runs.get(i);
            assertNotEquals("failed", run.status(), run.toString());
            if (i == 0) {
                continue;
            }
            ReconcileRun before = runs.get(i - 1);
            assertTrue(before.finishedAt() != null && !run.startedAt().isBefore(before.finishedAt()),
                    "run " + run.id() + " began at " + run.startedAt() + ", before run " + before.id() + " finished ("
                            + before.finishedAt() + ")");
            Duration apart = Duration.between(before.startedAt(), run.startedAt());
            assertTrue(apart.plus(STORED_PRECISION).compareTo(CATCH_UP_EVERY) >= 0, "runs " + before.id() + " and "
                    + run.id() + " began " + apart + " apart, within one interval of " + CATCH_UP_EVERY);
        }
    }

    /**
     * The customers, made once: while this test holds the catch-up's lease, {@value #SUBSCRIBERS} subscribe to pro
     * and {@value #PACK_BUYERS} buy a credit pack, every webhook lost. No node has heard of them afterwards.
     */
    private Customers customers() throws Exception {
        if (customers != null) {
            return customers;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!rows.takeLease(CATCH_UP, SETUP, Duration.ofMinutes(10))) {
            assertTrue(System.nanoTime() < deadline, "the catch-up's lease came free: " + rows.lease(CATCH_UP));
            Thread.sleep(100);
        }
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        PaidCheckouts checkouts = new PaidCheckouts(stripe, browser, rows, nodeA.paymentsUrl());
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<WebhookStage.Subscriber> subscribers = new ArrayList<>();
        Map<String, String> packs = new ConcurrentHashMap<>();
        ExecutorService payers = Executors.newFixedThreadPool(8);
        try {
            List<Future<WebhookStage.Subscriber>> subscribing = new ArrayList<>();
            List<Future<?>> buying = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                String user = String.format("sub_%s_%03d", run, i);
                subscribing.add(payers.submit(() -> checkouts.subscribe(user, StripeEvents.PRO_PRICE,
                        PaidCheckouts.PAYING_CARD, null)));
            }
            for (int i = 0; i < PACK_BUYERS; i++) {
                String user = String.format("pack_%s_%03d", run, i);
                buying.add(payers.submit(() -> packs.put(user, checkouts.buyCredits(user, PACK_PRICE, PACK_CREDITS))));
            }
            for (Future<WebhookStage.Subscriber> each : subscribing) {
                subscribers.add(each.get(2, TimeUnit.MINUTES));
            }
            for (Future<?> each : buying) {
                each.get(2, TimeUnit.MINUTES);
            }
        } finally {
            payers.shutdownNow();
        }
        for (WebhookStage.Subscriber subscriber : subscribers) {
            assertEquals(Optional.empty(), rows.entitlement(subscriber.user()).filter(Entitlement::grantsAccessNow),
                    "nothing reached a node yet for " + subscriber.user());
        }
        customers = new Customers(List.copyOf(subscribers), new LinkedHashMap<>(packs));
        return customers;
    }

    private static Callable<HttpResponse<String>> dryRunWhenReleased(AdminApi node, CyclicBarrier together) {
        return () -> {
            together.await(30, TimeUnit.SECONDS);
            return node.post("reconcile/drift-scan", "dryRun=true");
        };
    }

    /** The catch-up's runs once {@code enough} holds for them; fails after {@code patience}. */
    private List<ReconcileRun> awaitCatchUps(Predicate<List<ReconcileRun>> enough, Duration patience)
            throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        List<ReconcileRun> runs = rows.reconcileRuns(CATCH_UP);
        while (!enough.test(runs)) {
            assertTrue(System.nanoTime() < deadline, "waited " + patience + " for the catch-up runs; they are "
                    + runs);
            Thread.sleep(100);
            runs = rows.reconcileRuns(CATCH_UP);
        }
        return runs;
    }

    private ReconcileRun runById(long id) throws Exception {
        return rows.reconcileRuns(CATCH_UP).stream().filter(run -> run.id() == id).findFirst().orElseThrow();
    }

    private String nodeName(String reconcileNode) {
        return nodeA.is(reconcileNode) ? "a" : nodeB.is(reconcileNode) ? "b" : reconcileNode;
    }

    /** What the nodes' WARs are given besides the demo's settings. */
    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("STRIPE_WEBHOOK_SECRET", SECRET);
        settings.put("PAYMENTS_PLANS", "pro=price_pro_monthly;basic=price_basic_monthly;credits:" + PACK_CREDITS
                + "=" + PACK_PRICE);
        settings.put("PAYMENTS_RECONCILE_CATCH_UP_MINUTES", "0.05");
        settings.put("PAYMENTS_RECONCILE_DRIFT_HOURS", "0");
        // each catch-up lists from the newest event the last one saw, not an hour back
        settings.put("PAYMENTS_RECONCILE_OVERLAP_MINUTES", "0");
        settings.put("PAYMENTS_RECONCILE_RATE", "2");
        settings.put("PAYMENTS_RECONCILE_LEASE_SECONDS", "5");
        return settings;
    }
}
