package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.stripe.StripeClient;
import com.stripe.param.SubscriptionUpdateParams;
import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.emulator.StripeEmulator;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import dev.tollgate.emulator.delivery.FaultPlan;
import dev.tollgate.it.webhook.Rows.CreditEntry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's chaos run: customers pay and change their subscriptions while Stripe's deliveries are hostile
 * (20 % duplicated, 10 % dropped, reordered), the payments node's database fails 5 % of its statements and commits,
 * and the node is killed with {@code kill -9} in the middle and started again on the same schema. Then one
 * reconcile (catch-up, then a healing drift scan). Asserted and printed: events Tollgate acknowledged that the
 * acknowledging delivery did not keep (0, {@link AcknowledgedEvents}: logged by that delivery before its 2xx),
 * customers whose access differs from Stripe's state (0), credit packs credited twice or not at all (0).
 *
 * <p>The node is the unchanged {@code payments-tomcat.war} in a JVM of its own ({@link PaymentsNodeProcess}) on
 * PostgreSQL. {@code -Dchaos.customers} (default 100 in the build; {@code -Pchaos}: 1,000) sets the size, one in ten
 * of them buying a credit pack instead of subscribing; {@code -Dchaos.seed} replays the faults. The figures go to
 * {@code target/chaos/} too.
 */
class ChaosOnPostgresScenarios {

    private static final String SECRET = "whsec_chaosRun7d41c9e2a5b8f3d6e1a4c7b0";
    private static final String PACK_PRICE = "price_credits_100";
    private static final long PACK_CREDITS = 100;
    private static final double DUPLICATED = 0.2;
    private static final double DROPPED = 0.1;
    private static final int REORDER_WINDOW = 8;
    private static final double DATABASE_FAULTS = 0.05;
    private static final int PAYERS = 8;
    /** Attempts 1, 2, 4, 8, 16, 32 s apart: a restart of the node fits in Stripe's (shortened) retries. */
    private static final int DELIVERY_ATTEMPTS = 7;

    private record Customer(String user, String subscriptionId, String packSession) {
        boolean buysPack() {
            return packSession != null;
        }
    }

    @Test
    void nothingAcknowledgedIsLostAndOneReconcileBringsEveryoneToStripesState() throws Exception {
        int size = Integer.getInteger("chaos.customers", 100);
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        Path folder = Path.of(System.getProperty("project.build.directory", "target"), "chaos",
                UUID.randomUUID().toString().substring(0, 8));
        int port = PaymentsNodeProcess.freePort();
        Instant began = Instant.now();
        try (DemoDatabase database = DemoDatabase.openFreshPostgresSchema();
             StripeEmulator emulator = StripeEmulator.builder().port(0)
                     .webhookEndpoint("http://localhost:" + port + "/payments/stripe/webhook")
                     .webhookSecret(SECRET).webhookRetryBaseDelay(Duration.ofSeconds(1))
                     .webhookMaxAttempts(DELIVERY_ATTEMPTS).seed(seed).build().start();
             PaymentsNodeProcess first = PaymentsNodeProcess.start("first", port, folder, settings(), database,
                     emulator.baseUrl(), seed)) {
            Rows rows = new Rows(database.dataSource());
            StripeClient stripe = StripeClient.builder().setApiKey("sk_test_tollgate_chaos")
                    .setApiBase(emulator.baseUrl()).setMaxNetworkRetries(2).build();
            emulator.webhookFaults(FaultPlan.seeded(seed).duplicating(DUPLICATED).dropping(DROPPED)
                    .reorderingWithin(REORDER_WINDOW));
            PaidCheckouts checkouts = new PaidCheckouts(stripe, HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER).build(), rows, first.paymentsUrl());
            first.databaseFaults(DATABASE_FAULTS);
            List<Customer> customers = new ArrayList<>(payAndChange(checkouts, stripe, 0, size / 2));
            Killed killed = killMidway(first, emulator);

            try (PaymentsNodeProcess second = PaymentsNodeProcess.start("second", port, folder, settings(),
                    database, emulator.baseUrl(), seed + 1)) {
                second.paymentsUrl();
                second.databaseFaults(DATABASE_FAULTS);
                customers.addAll(payAndChange(checkouts, stripe, size / 2, size));
                assertTrue(emulator.awaitDeliveriesIdle(Duration.ofMinutes(10)), "the emulator's deliveries settle");
                long faults = killed.faults() + stopFaults(second);

                AcknowledgedEvents.Verdict acknowledged = AcknowledgedEvents.check(emulator.deliveries(),
                        rows.webhookEvents());
                int behindBeforeReconcile = differences(stripe, rows, customers).size();

                AdminApi admin = new AdminApi(second.paymentsUrl(), Duration.ofMinutes(20));
                JsonObject catchUp = admin.postOk("reconcile/catch-up", "").getAsJsonObject("run");
                JsonObject driftScan = admin.postOk("reconcile/drift-scan", "").getAsJsonObject("run");
                List<String> wrong = differences(stripe, rows, customers);
                List<String> wrongCredits = creditDifferences(rows, customers);

                report(folder, String.join("\n",
                        "Chaos run " + began + " seed " + seed + ", " + Duration.between(began, Instant.now())
                                .toSeconds() + " s",
                        String.format("customers %,d (%,d subscribers, %,d credit packs); Stripe events %,d;"
                                        + " deliveries %,d (%.0f %% duplicated, %.0f %% dropped, reordered within %d)",
                                customers.size(), customers.stream().filter(c -> !c.buysPack()).count(),
                                customers.stream().filter(Customer::buysPack).count(), emulator.events().size(),
                                emulator.deliveries().size(), DUPLICATED * 100, DROPPED * 100, REORDER_WINDOW),
                        String.format("database faults injected %,d (%.0f %% of statements and commits);"
                                + " kill -9 once, %,d events acknowledged before it", faults, DATABASE_FAULTS * 100,
                                killed.acknowledged()),
                        String.format("%s; customers behind Stripe before reconcile %,d", acknowledged.summary(),
                                behindBeforeReconcile),
                        "catch-up " + summary(catchUp) + "; drift scan " + summary(driftScan),
                        String.format("after one reconcile: customers whose access differs from Stripe's %d,"
                                + " credit packs credited other than once %d", wrong.size(), wrongCredits.size())));

                assertTrue(faults > 0, "database faults were injected, or this proves nothing");
                assertEquals(List.of(), head(acknowledged.lost()), acknowledged.lost().size()
                        + " acknowledged events not kept by the delivery that acknowledged them");
                assertEquals("completed", catchUp.get("status").getAsString(), catchUp.toString());
                assertEquals("completed", driftScan.get("status").getAsString(), driftScan.toString());
                assertEquals(List.of(), head(wrong), wrong.size() + " customers differ from Stripe");
                assertEquals(List.of(), head(wrongCredits), wrongCredits.size() + " packs not credited once");
            }
        }
    }

    /** What a node had done when it was killed. */
    private record Killed(long acknowledged, long faults) {
    }

    /**
     * {@code kill -9} of the node once it has acknowledged a third of the events so far (or after a minute), while
     * the rest of its deliveries and their retries are still coming in.
     */
    private static Killed killMidway(PaymentsNodeProcess node, StripeEmulator emulator) throws Exception {
        int eventsSoFar = emulator.events().size();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (delivered(emulator).size() < eventsSoFar / 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long faults = node.databaseFaults(DATABASE_FAULTS); // the same share again: the node says its count so far
        node.killHard();
        long acknowledged = delivered(emulator).size();
        assertTrue(acknowledged > 0 && acknowledged < eventsSoFar, "killed in the middle: " + acknowledged
                + " of " + eventsSoFar + " events acknowledged");
        return new Killed(acknowledged, faults);
    }

    /** Ends the node's database faults; answers how many it injected. */
    private static long stopFaults(PaymentsNodeProcess node) throws Exception {
        return node.databaseFaults(0);
    }

    /**
     * Customers {@code from} to {@code to} (exclusive), {@value #PAYERS} at a time: every tenth buys a credit pack;
     * the others subscribe (every tenth of them to basic), and some change their subscription afterwards — cancel at
     * period end (every fourth; every eighth takes it back), cancel at once (every seventh), or change its metadata
     * twice (every third), each a {@code customer.subscription.*} event whose order matters.
     */
    private static List<Customer> payAndChange(PaidCheckouts checkouts, StripeClient stripe, int from, int to)
            throws Exception {
        ExecutorService payers = Executors.newFixedThreadPool(PAYERS);
        try {
            List<Future<Customer>> paying = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int number = i;
                paying.add(payers.submit((Callable<Customer>) () -> customer(checkouts, stripe, number)));
            }
            List<Customer> paid = new ArrayList<>();
            for (Future<Customer> each : paying) {
                paid.add(each.get(10, TimeUnit.MINUTES));
            }
            return paid;
        } finally {
            payers.shutdownNow();
        }
    }

    private static Customer customer(PaidCheckouts checkouts, StripeClient stripe, int number) throws Exception {
        String user = String.format("chaos%05d", number);
        if (number % 10 == 4) {
            return new Customer(user, null, checkouts.buyCredits(user, PACK_PRICE, PACK_CREDITS));
        }
        String price = number % 10 == 9 ? "price_basic_monthly" : StripeEvents.PRO_PRICE;
        String subscription = checkouts.subscribe(user, price, PaidCheckouts.PAYING_CARD, null).subscriptionId();
        if (number % 3 == 0) {
            for (String note : List.of("first", "second")) {
                stripe.v1().subscriptions().update(subscription, SubscriptionUpdateParams.builder()
                        .putMetadata("note", note).build());
            }
        }
        if (number % 4 == 2) {
            cancelAtPeriodEnd(stripe, subscription, true);
            if (number % 8 == 2) {
                cancelAtPeriodEnd(stripe, subscription, false);
            }
        }
        if (number % 7 == 3) {
            stripe.v1().subscriptions().cancel(subscription);
        }
        return new Customer(user, subscription, null);
    }

    private static void cancelAtPeriodEnd(StripeClient stripe, String subscription, boolean cancel)
            throws Exception {
        stripe.v1().subscriptions().update(subscription, SubscriptionUpdateParams.builder()
                .setCancelAtPeriodEnd(cancel).build());
    }

    /** Events the node answered 2xx for. */
    private static Set<String> delivered(StripeEmulator emulator) {
        return emulator.deliveries().stream().filter(delivery -> delivery.state() == DeliveryStatus.State.DELIVERED)
                .map(DeliveryStatus::eventId).collect(Collectors.toSet());
    }

    /** Subscribers whose stored status, plan and access are not what Stripe's subscription says. */
    private static List<String> differences(StripeClient stripe, Rows rows, List<Customer> customers)
            throws Exception {
        List<String> differ = new ArrayList<>();
        for (Customer customer : customers) {
            if (customer.buysPack()) {
                continue;
            }
            StripeTruth.differenceFromStripe(stripe, rows, customer.user(), customer.subscriptionId())
                    .ifPresent(differ::add);
        }
        return differ;
    }

    /** Pack buyers whose ledger is not the one entry of their checkout, or whose balance is not the pack. */
    private static List<String> creditDifferences(Rows rows, List<Customer> customers) throws Exception {
        List<String> differ = new ArrayList<>();
        for (Customer customer : customers) {
            if (!customer.buysPack()) {
                continue;
            }
            List<CreditEntry> ledger = rows.creditLedger(customer.user());
            long balance = rows.credits(customer.user());
            if (!ledger.equals(List.of(new CreditEntry(customer.packSession(), PACK_CREDITS, "checkout")))
                    || balance != PACK_CREDITS) {
                differ.add(customer.user() + ": ledger " + ledger + ", balance " + balance);
            }
        }
        return differ;
    }

    private static String summary(JsonObject run) {
        return String.format("%s: %,d seen, %,d applied, %,d Stripe calls", run.get("status").getAsString(),
                run.get("seen").getAsLong(), run.get("applied").getAsLong(), run.get("stripeCalls").getAsLong());
    }

    private static List<String> head(List<String> all) {
        return all.subList(0, Math.min(20, all.size()));
    }

    private static void report(Path folder, String report) throws IOException {
        System.out.println(report);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("report.txt"), report + "\n", StandardCharsets.UTF_8);
    }

    /** What the node's WAR is given besides the demo's settings: reconcile only when asked. */
    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("STRIPE_WEBHOOK_SECRET", SECRET);
        settings.put("PAYMENTS_PLANS", "pro=price_pro_monthly;basic=price_basic_monthly;credits:" + PACK_CREDITS
                + "=" + PACK_PRICE);
        settings.put("PAYMENTS_RECONCILE_CATCH_UP_MINUTES", "0");
        settings.put("PAYMENTS_RECONCILE_DRIFT_HOURS", "0");
        return settings;
    }
}
