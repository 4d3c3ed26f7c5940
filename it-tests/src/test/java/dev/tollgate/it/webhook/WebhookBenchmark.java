package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.it.webhook.RenewalTraffic.Delivery;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn -Pbench verify} in it-tests: signed renewal traffic ({@link RenewalTraffic}) from many concurrent
 * clients at the payments WAR on the demo's embedded Tomcat, on H2 and on PostgreSQL; in the same run the JDBC
 * floor ({@link JdbcFloor}) with as many threads on the same pool; Stripe calls per event counted at the
 * emulator. Prints events/s, p50/p99 and the share of the floor, and appends them to
 * {@code target/webhook-benchmark.txt}. Fails only when a delivery is not answered 200 — the figures are for
 * {@code docs/benchmarks.md}, not a gate.
 */
class WebhookBenchmark {

    private static final int SUBSCRIBERS = 64;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("webhook.bench.seconds", 20));
    private static final int CLIENTS = Integer.getInteger("webhook.bench.clients", 32);

    /** What one timed phase came to. */
    record Figures(long events, Duration elapsed, long[] latenciesMicros, long failures, String firstFailure) {

        double perSecond() {
            return events * 1e9 / elapsed.toNanos();
        }

        double percentileMillis(double p) {
            if (latenciesMicros.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latenciesMicros.length - 1, Math.ceil(p / 100 * latenciesMicros.length) - 1);
            return latenciesMicros[Math.max(0, index)] / 1000.0;
        }
    }

    /** One client's job in a phase: send (or apply) one event and say whether it was right. */
    interface Step {
        String run(Delivery delivery, String user) throws Exception;
    }

    @Test
    void webhookThroughputOnH2() throws Exception {
        measure(DemoDatabase.Kind.H2);
    }

    @Test
    void webhookThroughputOnPostgres() throws Exception {
        measure(DemoDatabase.Kind.POSTGRESQL);
    }

    private void measure(DemoDatabase.Kind database) throws Exception {
        try (WebhookStage stage = WebhookStage.start(database)) {
            List<Subscriber> subscribers = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                subscribers.add(stage.subscribeToPro("bench" + i));
            }
            stage.awaitDeliveries();
            AtomicLong sequence = new AtomicLong();
            List<RenewalTraffic> traffic = new ArrayList<>();
            for (Subscriber subscriber : subscribers) {
                long asOf = stage.rows().subscription(subscriber.subscriptionId()).stripeAsOf();
                traffic.add(new RenewalTraffic(subscriber, asOf + 1, sequence));
            }
            Step overHttp = (delivery, user) -> {
                HttpResponse<String> response = stage.deliver(delivery.body(),
                        WebhookStage.sign(delivery.body(), WebhookStage.OLD_SECRET));
                return response.statusCode() == 200 ? null : response.statusCode() + " " + response.body();
            };
            run(traffic, WARM_UP, overHttp);
            stage.emulator().resetApiRequestCounts();
            String loadBefore = loadAverage();
            Figures webhook = run(traffic, MEASURED, overHttp);
            long stripeCalls = stage.emulator().apiRequestCounts().values().stream().mapToLong(Long::longValue).sum();
            Map<String, Long> callsByResource = stage.emulator().apiRequestCounts();

            JdbcFloor floor = new JdbcFloor(stage.demoDataSource());
            List<RenewalTraffic> floorTraffic = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                floorTraffic.add(new RenewalTraffic(new Subscriber("floor" + i, "cus_floor" + i, "sub_floor" + i),
                        1, new AtomicLong(1_000_000L * (i + 1))));
            }
            Step plainJdbc = (delivery, user) -> {
                floor.apply(delivery.eventId() + "_" + System.nanoTime(), delivery.body(),
                        WebhookStage.sign(delivery.body(), WebhookStage.OLD_SECRET), user);
                return null;
            };
            run(floorTraffic, WARM_UP, plainJdbc);
            Figures floorFigures = run(floorTraffic, MEASURED, plainJdbc);

            report(database, webhook, floorFigures, stripeCalls, callsByResource,
                    loadBefore + " → " + loadAverage());
            assertEquals(0, webhook.failures(), "deliveries not answered 200; first: " + webhook.firstFailure());
            assertEquals(0, floorFigures.failures(), "floor failures; first: " + floorFigures.firstFailure());
        }
    }

    /** {@value #CLIENTS} clients, each with its share of the subscribers, renewal after renewal until time is up. */
    private static Figures run(List<RenewalTraffic> traffic, Duration duration, Step step) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        String[] firstFailure = new String[1];
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Callable<long[]> work = () -> {
                    long[] latencies = new long[1 << 16];
                    int count = 0;
                    int turn = 0;
                    while (System.nanoTime() < deadline) {
                        int index = client + CLIENTS * (turn++ % Math.max(1, traffic.size() / CLIENTS));
                        RenewalTraffic mine = traffic.get(index % traffic.size());
                        List<Delivery> renewal;
                        synchronized (mine) {
                            renewal = mine.nextRenewal();
                        }
                        for (Delivery delivery : renewal) {
                            long sent = System.nanoTime();
                            String failure = step.run(delivery, "floor" + (index % traffic.size()));
                            if (failure != null && failures.incrementAndGet() == 1) {
                                firstFailure[0] = failure;
                            }
                            if (count == latencies.length) {
                                latencies = Arrays.copyOf(latencies, count * 2);
                            }
                            latencies[count++] = (System.nanoTime() - sent) / 1000;
                        }
                    }
                    return Arrays.copyOf(latencies, count);
                };
                results.add(clients.submit(work));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> result : results) {
                all.add(result.get());
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Figures(merged.length, elapsed, merged, failures.get(), firstFailure[0]);
        } finally {
            clients.shutdownNow();
        }
    }

    /** Other builds share the two cores; the figures are read with the load they ran under. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unknown) {
            return "?";
        }
    }

    private static void report(DemoDatabase.Kind database, Figures webhook, Figures floor, long stripeCalls,
                               Map<String, Long> callsByResource, String load) throws IOException {
        String text = String.format(Locale.ROOT, """
                Webhook benchmark on %s: %d clients, %d subscribers, %d s measured after %d s warm-up, %d cores
                  payments WAR  %,9.0f events/s   p50 %6.2f ms   p99 %6.2f ms   (%d events, %d not 200)
                  JDBC floor    %,9.0f events/s   p50 %6.2f ms   p99 %6.2f ms   (%d events)
                  share of the floor %.0f %%;  Stripe API calls %d = %.4f per event %s
                  machine load average (1 min) during the WAR's run: %s
                """, database, CLIENTS, SUBSCRIBERS, MEASURED.toSeconds(), WARM_UP.toSeconds(),
                Runtime.getRuntime().availableProcessors(),
                webhook.perSecond(), webhook.percentileMillis(50), webhook.percentileMillis(99), webhook.events(),
                webhook.failures(),
                floor.perSecond(), floor.percentileMillis(50), floor.percentileMillis(99), floor.events(),
                100 * webhook.perSecond() / floor.perSecond(), stripeCalls,
                webhook.events() == 0 ? 0.0 : (double) stripeCalls / webhook.events(), callsByResource, load);
        System.out.println(text);
        Path file = Path.of(System.getProperty("project.build.directory", "target"), "webhook-benchmark.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
