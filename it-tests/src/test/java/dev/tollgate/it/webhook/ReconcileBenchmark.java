package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.emulator.delivery.FaultPlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * How fast reconciliation is, and how polite to Stripe, on PostgreSQL with the emulator: for each size in {@code
 * -Dreconcile.bench.customers} (default 1000,10000) that many customers pay through the emulator's checkout while
 * every webhook is dropped, each Checkout recorded as the WAR's {@code POST /billing/checkout} records it; then one
 * catch-up brings their events in (events/s, Stripe calls, which must stay within ⌈events listed/100⌉ + 5), and one
 * drift scan compares every customer (wall time per 1,000, Stripe calls by what they asked for, all within ⌈N/100⌉
 * + 5). The catalog sells a credit pack as well as the plans; with {@code -Dreconcile.bench.packs=0.1} one customer
 * in ten buys the pack instead of subscribing (default 0: every one subscribes), so the scan has one-time purchases
 * to account for. {@code -Dreconcile.bench.catalog=subscriptions} sells plans only. A second drift scan follows the
 * first, nothing opened in between (a quiet night); {@code -Dreconcile.bench.overlap} sets
 * PAYMENTS_RECONCILE_OVERLAP_MINUTES (default 60). Both jobs are asked for through the admin API and read from the
 * run the WAR reports, at the pace of {@code -Dreconcile.bench.rate} Stripe requests per second (default 20,
 * Tollgate's default in test mode). The machine's load average is noted with each figure (the machine is shared).
 * Figures are printed and appended to {@code target/reconcile-benchmark.txt} as each size finishes, before the
 * budgets are checked.
 */
class ReconcileBenchmark {

    private static final int PAYERS = 8;
    private static final String PLANS = "pro=price_pro_monthly;basic=price_basic_monthly";
    private static final String PACK_PRICE = "price_credits_100";
    private static final long PACK_CREDITS = 100;
    private static final String PACK = ";credits:" + PACK_CREDITS + "=" + PACK_PRICE;

    @Test
    void driftScanAndCatchUpOnPostgres() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("reconcile.bench.customers", "1000,10000").split(","))
                .mapToInt(size -> Integer.parseInt(size.trim())).toArray();
        int rate = Integer.parseInt(System.getProperty("reconcile.bench.rate", "20"));
        Path file = Path.of(System.getProperty("project.build.directory", "target"), "reconcile-benchmark.txt");
        List<Executable> budgets = new ArrayList<>();
        record(file, "Reconcile benchmark, PostgreSQL, " + rate + " Stripe requests/s, " + Instant.now() + ", load "
                + load());
        boolean packs = !"subscriptions".equals(System.getProperty("reconcile.bench.catalog", "packs"));
        String overlap = System.getProperty("reconcile.bench.overlap", "60");
        double packShare = packs ? Double.parseDouble(System.getProperty("reconcile.bench.packs", "0")) : 0;
        long everyPack = packShare > 0 ? Math.max(1, Math.round(1 / packShare)) : 0;
        record(file, "Catalog: " + (packs ? "plans and a credit pack" : "plans only") + "; overlap " + overlap
                + " min; " + (everyPack > 0 ? "one customer in " + everyPack + " buys the pack" : "every customer"
                + " subscribes"));
        try (WebhookStage stage = WebhookStage.start(DemoDatabase.Kind.POSTGRESQL, options ->
                WebhookStage.reconcilingOnlyWhenAsked(options)
                        .withSetting("PAYMENTS_PLANS", packs ? PLANS + PACK : PLANS)
                        .withSetting("PAYMENTS_RECONCILE_OVERLAP_MINUTES", overlap)
                        .withSetting("PAYMENTS_RECONCILE_RATE", Integer.toString(rate)))) {
            int customers = 0;
            for (int size : sizes) {
                long setUp = System.nanoTime();
                stage.emulator().webhookFaults(FaultPlan.seeded(3).dropping(1.0));
                try {
                    payInParallel(stage, customers, size, everyPack);
                } finally {
                    stage.emulator().webhookFaults(FaultPlan.NONE);
                }
                customers = size;
                record(file, String.format("%,d customers (set-up %.0f s, load %s)", customers,
                        (System.nanoTime() - setUp) / 1e9, load()));

                stage.emulator().resetApiRequestCounts();
                JsonObject catchUp = post(stage, "reconcile/catch-up").getAsJsonObject("run");
                budgets.add(catchUpFigures(file, catchUp, rate, stage.emulator().apiRequestCounts()));

                stage.emulator().resetApiRequestCounts();
                JsonObject scan = post(stage, "reconcile/drift-scan");
                budgets.add(driftScanFigures(file, "drift scan", scan, customers, rate,
                        stage.emulator().apiRequestCounts()));

                WebhookStage.awaitNextSecond(); // Stripe counts whole seconds
                stage.emulator().resetApiRequestCounts();
                JsonObject quiet = post(stage, "reconcile/drift-scan");
                budgets.add(driftScanFigures(file, "next drift scan, no new Checkout", quiet, customers, rate,
                        stage.emulator().apiRequestCounts()));
            }
        }
        assertAll(budgets);
    }

    private static Executable catchUpFigures(Path file, JsonObject run, int rate, Map<String, Long> received)
            throws Exception {
        double seconds = seconds(run);
        long listed = run.get("seen").getAsLong();
        long events = run.get("applied").getAsLong();
        long calls = run.get("stripeCalls").getAsLong();
        long budget = (listed + 99) / 100 + 5;
        record(file, String.format("  catch-up: %,d events listed, %,d applied in %.1f s = %,.0f events/s;"
                        + " %d Stripe calls %s (budget ⌈listed/100⌉ + 5 = %d; at %d/s they take at least %.1f s);"
                        + " load %s", listed, events, seconds, events / seconds, calls, received, budget, rate,
                (double) calls / rate, load()));
        return () -> {
            assertEquals("completed", run.get("status").getAsString(), run.toString());
            assertTrue(calls <= budget, "catch-up: " + calls + " Stripe calls for " + listed + " events");
        };
    }

    private static Executable driftScanFigures(Path file, String label, JsonObject scan, int customers, int rate,
                                               Map<String, Long> received) throws Exception {
        JsonObject run = scan.getAsJsonObject("run");
        double seconds = seconds(run);
        long calls = run.get("stripeCalls").getAsLong();
        long subscriptionPages = received.getOrDefault("GET /v1/subscriptions", 0L);
        long checkoutPages = received.getOrDefault("GET /v1/checkout", 0L);
        long other = received.values().stream().mapToLong(Long::longValue).sum() - subscriptionPages - checkoutPages;
        long budget = (customers + 99) / 100 + 5;
        record(file, String.format("  " + label + ": %,d customers and paid one-time Checkouts compared in %.2f s"
                        + " = %.2f s per 1,000 customers; %d Stripe calls: %d listing subscriptions, %d asking for"
                        + " Checkouts, %d other (budget ⌈N/100⌉ + 5 = %d; at %d/s the calls take at least %.1f s ="
                        + " %.2f s per 1,000); %d differences; load %s",
                run.get("seen").getAsLong(), seconds, seconds * 1000 / customers, calls, subscriptionPages,
                checkoutPages, other, budget, rate, (double) calls / rate, (double) calls / rate * 1000 / customers,
                run.get("applied").getAsLong(), load()));
        return () -> {
            assertEquals("completed", run.get("status").getAsString(), run.toString());
            assertTrue(run.get("seen").getAsLong() >= customers, run.toString());
            assertEquals(0, run.get("applied").getAsLong(), "after the catch-up nothing drifts: " + scan);
            assertEquals(calls, subscriptionPages + checkoutPages + other, "the WAR counts what Stripe received");
            assertTrue(calls <= budget, label + ": " + calls + " Stripe calls for " + customers + " customers");
        };
    }

    /** Customers {@code from} to {@code to} pay: every {@code everyPack}th buys the pack (0: none), the rest pro. */
    private static void payInParallel(WebhookStage stage, int from, int to, long everyPack) throws Exception {
        ExecutorService payers = Executors.newFixedThreadPool(PAYERS);
        try {
            List<Future<?>> paid = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String user = String.format("bench%06d", i);
                boolean buysPack = everyPack > 0 && i % everyPack == 0;
                paid.add(payers.submit(() -> {
                    stage.addUser(user);
                    return buysPack ? stage.buyCredits(user, PACK_PRICE, PACK_CREDITS) : stage.subscribeToPro(user);
                }));
            }
            for (Future<?> each : paid) {
                each.get();
            }
        } finally {
            payers.shutdownNow();
        }
    }

    /** Prints a line and appends it to the figures file at once, so a failed budget leaves its figures behind. */
    private static void record(Path file, String line) throws Exception {
        System.out.println(line);
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The machine's load average over 1, 5 and 15 minutes. */
    private static String load() throws Exception {
        String[] averages = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return averages[0] + " " + averages[1] + " " + averages[2];
    }

    private static double seconds(JsonObject run) {
        return Duration.between(Instant.parse(run.get("startedAt").getAsString()),
                Instant.parse(run.get("finishedAt").getAsString())).toNanos() / 1e9;
    }

    private static JsonObject post(WebhookStage stage, String path) throws Exception {
        return new AdminApi(stage.webhookUrl().resolve(".."), Duration.ofMinutes(30)).postOk(path, "");
    }
}
