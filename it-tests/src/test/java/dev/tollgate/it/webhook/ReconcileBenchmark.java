package dev.tollgate.it.webhook;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * How fast reconciliation is, and how polite to Stripe, on PostgreSQL with the emulator: for each size in
 * {@code -Dreconcile.bench.customers} (default 1000,10000) that many customers pay for pro through the emulator's
 * checkout while every webhook is dropped; then one catch-up brings their events in (events/s, Stripe calls), and
 * one drift scan compares every customer (wall time per 1,000, Stripe calls, which must stay within
 * ⌈N/100⌉ + 5). Both are asked for through the admin API and read from the run the WAR reports, at Tollgate's
 * default pace of 20 Stripe requests per second. Figures are printed and appended to
 * {@code target/reconcile-benchmark.txt}.
 */
class ReconcileBenchmark {

    private static final int PAYERS = 8;

    @Test
    void driftScanAndCatchUpOnPostgres() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("reconcile.bench.customers", "1000,10000").split(","))
                .mapToInt(size -> Integer.parseInt(size.trim())).toArray();
        StringBuilder report = new StringBuilder("Reconcile benchmark, PostgreSQL, " + Instant.now() + "\n");
        try (WebhookStage stage = WebhookStage.start(DemoDatabase.Kind.POSTGRESQL,
                WebhookStage::reconcilingOnlyWhenAsked)) {
            int customers = 0;
            for (int size : sizes) {
                long setUp = System.nanoTime();
                stage.emulator().webhookFaults(FaultPlan.seeded(3).dropping(1.0));
                try {
                    payInParallel(stage, customers, size);
                } finally {
                    stage.emulator().webhookFaults(FaultPlan.NONE);
                }
                customers = size;
                String made = String.format("%,d customers (set-up %.0f s)", customers,
                        (System.nanoTime() - setUp) / 1e9);

                JsonObject catchUp = post(stage, "reconcile/catch-up").getAsJsonObject("run");
                double catchUpSeconds = seconds(catchUp);
                long events = catchUp.get("applied").getAsLong();
                String catchUpLine = String.format("  catch-up: %,d events listed, %,d applied in %.1f s = %,.0f events/s;"
                        + " %d Stripe calls", catchUp.get("seen").getAsLong(), events, catchUpSeconds,
                        events / catchUpSeconds, catchUp.get("stripeCalls").getAsLong());

                JsonObject scan = post(stage, "reconcile/drift-scan");
                JsonObject run = scan.getAsJsonObject("run");
                double scanSeconds = seconds(run);
                long calls = run.get("stripeCalls").getAsLong();
                long budget = (customers + 99) / 100 + 5;
                String scanLine = String.format("  drift scan: %,d customers compared in %.2f s = %.2f s per 1,000;"
                        + " %d Stripe calls (budget ⌈N/100⌉ + 5 = %d); %d differences", run.get("seen").getAsLong(),
                        scanSeconds, scanSeconds * 1000 / customers, calls, budget, run.get("applied").getAsLong());
                report.append(made).append('\n').append(catchUpLine).append('\n').append(scanLine).append('\n');
                System.out.println(made + "\n" + catchUpLine + "\n" + scanLine);

                assertEquals("completed", run.get("status").getAsString(), run.toString());
                assertTrue(run.get("seen").getAsLong() >= customers, run.toString());
                assertEquals(0, run.get("applied").getAsLong(), "after the catch-up nothing drifts: " + scan);
                assertTrue(calls <= budget, calls + " Stripe calls for " + customers + " customers");
            }
        }
        Path file = Path.of(System.getProperty("project.build.directory", "target"), "reconcile-benchmark.txt");
        Files.writeString(file, report, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void payInParallel(WebhookStage stage, int from, int to) throws Exception {
        ExecutorService payers = Executors.newFixedThreadPool(PAYERS);
        try {
            List<Future<?>> paid = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String user = String.format("bench%06d", i);
                paid.add(payers.submit(() -> {
                    stage.addUser(user);
                    return stage.subscribeToPro(user);
                }));
            }
            for (Future<?> each : paid) {
                each.get();
            }
        } finally {
            payers.shutdownNow();
        }
    }

    private static double seconds(JsonObject run) {
        return Duration.between(Instant.parse(run.get("startedAt").getAsString()),
                Instant.parse(run.get("finishedAt").getAsString())).toNanos() / 1e9;
    }

    private static JsonObject post(WebhookStage stage, String path) throws Exception {
        return new AdminApi(stage.webhookUrl().resolve(".."), Duration.ofMinutes(30)).postOk(path, "");
    }
}
