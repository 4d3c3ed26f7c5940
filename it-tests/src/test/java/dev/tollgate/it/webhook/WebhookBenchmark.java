package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.it.webhook.RenewalTraffic.Delivery;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn -Pbench verify} in it-tests: signed renewal traffic ({@link RenewalTraffic}) from many concurrent
 * clients at the payments WAR on the demo's embedded Tomcat, on H2 and on PostgreSQL; in the same run the JDBC
 * floor ({@link JdbcFloor}) with as many threads on the same pool; Stripe calls per event counted at the
 * emulator. Prints events/s, p50/p99, the share of the floor and the CPU per event (the JVM's; and by /proc the
 * JVM's user and kernel time, PostgreSQL's, the network softirq's), and appends them to
 * {@code target/webhook-benchmark.txt}. Every phase's bodies are rendered and signed before the phase starts, so the
 * clients, which share the machine with the server, spend their part of it on sending; every delivery is still
 * signed and still posted over HTTP. Fails only when a delivery is not answered 200 — the figures are for
 * {@code docs/benchmarks.md}, not a gate.
 */
class WebhookBenchmark {

    private static final int SUBSCRIBERS = 64;
    /**
     * Long enough for the JIT: with 5 s, on two busy cores, the compiler threads still used most of a core during
     * the measured phase (JFR's jdk.Compilation), and the figures showed warm-up rather than the webhook path.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("webhook.bench.warmup", 20));
    private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("webhook.bench.seconds", 20));
    /**
     * Each side's measured time is split into this many rounds, the WAR's and the floor's taking turns, so that
     * both meet the same drift of a shared machine: on this VM the floor's rate alone moved by a third between runs.
     */
    private static final int ROUNDS = 4;
    private static final int CLIENTS = Integer.getInteger("webhook.bench.clients", 32);
    /**
     * What the warm-up is prepared for; each later phase is prepared for 1.5 times the rate of the one before. Not
     * more: the prepared bodies (about 5 KB each) are live data the garbage collector copies during the phase.
     */
    private static final double FIRST_GUESS_PER_SECOND = 2_000;
    /** At most this many deliveries are held ready (about 5 KB each); a phase that outruns them builds more. */
    private static final int MAX_PREPARED = 150_000;
    /** The floor's claims carry ids of their own, so each floor client cycles through this many bodies. */
    private static final int FLOOR_RING = 256;

    /** What one timed phase came to. */
    record Figures(long events, Duration elapsed, long[] latenciesMicros, long failures, String firstFailure,
                   long cpuNanos, MachineCpu machine, long builtDuringPhase) {

        double perSecond() {
            return events * 1e9 / elapsed.toNanos();
        }

        /** Two rounds of the same side as one. */
        Figures plus(Figures other) {
            long[] both = LongStream.concat(Arrays.stream(latenciesMicros), Arrays.stream(other.latenciesMicros))
                    .sorted().toArray();
            return new Figures(events + other.events, elapsed.plus(other.elapsed), both, failures + other.failures,
                    firstFailure != null ? firstFailure : other.firstFailure, cpuNanos + other.cpuNanos,
                    machine.plus(other.machine), builtDuringPhase + other.builtDuringPhase);
        }

        double cpuMicrosPerEvent() {
            return events == 0 ? Double.NaN : cpuNanos / 1000.0 / events;
        }

        double percentileMillis(double p) {
            if (latenciesMicros.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latenciesMicros.length - 1, Math.ceil(p / 100 * latenciesMicros.length) - 1);
            return latenciesMicros[Math.max(0, index)] / 1000.0;
        }
    }

    /** A delivery ready to send: the body, its {@code Stripe-Signature} and the subscriber it is about. */
    record Prepared(Delivery delivery, String signature, String user) {
    }

    /** One client's job in a phase: send (or apply) one event and say whether it was right. */
    interface Step {
        String run(Prepared prepared) throws Exception;
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
            URI webhookUrl = stage.webhookUrl();
            List<WebhookConnection> opened = new CopyOnWriteArrayList<>();
            ThreadLocal<WebhookConnection> connections = ThreadLocal.withInitial(() -> {
                WebhookConnection connection = new WebhookConnection(webhookUrl);
                opened.add(connection);
                return connection;
            });
            Step overHttp = prepared -> connections.get().post(prepared.delivery().body(), prepared.signature());
            JdbcFloor floor = new JdbcFloor(stage.demoDataSource());
            List<RenewalTraffic> floorTraffic = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                floorTraffic.add(new RenewalTraffic(new Subscriber("floor" + i, "cus_floor" + i, "sub_floor" + i),
                        1, new AtomicLong(1_000_000L * (i + 1))));
            }
            Step plainJdbc = prepared -> {
                floor.apply(prepared.delivery().eventId() + "_" + System.nanoTime(), prepared.delivery().body(),
                        prepared.signature(), prepared.user());
                return null;
            };
            Figures webhook = null;
            Figures floorFigures = null;
            String loadBefore;
            String loadAfter;
            try {
                Figures warmUp = run(traffic, WARM_UP, overHttp, FIRST_GUESS_PER_SECOND, false);
                run(floorTraffic, WARM_UP, plainJdbc, 0, true);
                stage.emulator().resetApiRequestCounts();
                loadBefore = loadAverage();
                Duration round = MEASURED.dividedBy(ROUNDS);
                double expectedPerSecond = warmUp.perSecond();
                for (int r = 0; r < ROUNDS; r++) {
                    Figures overHttpRound = run(traffic, round, overHttp, expectedPerSecond, false);
                    expectedPerSecond = overHttpRound.perSecond();
                    webhook = webhook == null ? overHttpRound : webhook.plus(overHttpRound);
                    Figures floorRound = run(floorTraffic, round, plainJdbc, 0, true);
                    floorFigures = floorFigures == null ? floorRound : floorFigures.plus(floorRound);
                }
                loadAfter = loadAverage();
            } finally {
                opened.forEach(WebhookConnection::close);
            }
            long stripeCalls = stage.emulator().apiRequestCounts().values().stream().mapToLong(Long::longValue).sum();
            Map<String, Long> callsByResource = stage.emulator().apiRequestCounts();

            report(database, webhook, floorFigures, stripeCalls, callsByResource, loadBefore + " → " + loadAfter);
            assertEquals(0, webhook.failures(), "deliveries not answered 200; first: " + webhook.firstFailure());
            assertEquals(0, floorFigures.failures(), "floor failures; first: " + floorFigures.firstFailure());
        }
    }

    /**
     * {@value #CLIENTS} clients, each with its share of the subscribers, renewal after renewal until time is up.
     * The renewals are rendered and signed before the clock starts: enough for 1.5 times {@code expectedPerSecond}
     * (the warm-up's rate), or, with {@code ring}, a short ring that each client goes round (for the floor, whose claims
     * do not use the events' ids). A client that runs out builds and signs on the way; that is counted.
     */
    private static Figures run(List<RenewalTraffic> traffic, Duration duration, Step step, double expectedPerSecond,
                               boolean ring) throws Exception {
        long wanted = ring ? (long) FLOOR_RING * CLIENTS
                : (long) Math.min(MAX_PREPARED, 1.5 * expectedPerSecond * duration.toSeconds() + CLIENTS * 16L);
        List<ClientFeed> feeds = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            feeds.add(new ClientFeed(traffic, c, wanted / CLIENTS, ring));
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long cpuBefore = processCpuNanos();
        MachineCpu machineBefore = MachineCpu.now();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        String[] firstFailure = new String[1];
        try {
            for (ClientFeed feed : feeds) {
                Callable<long[]> work = () -> {
                    long[] latencies = new long[1 << 16];
                    int count = 0;
                    while (System.nanoTime() < deadline) {
                        for (Prepared prepared : feed.nextRenewal()) {
                            long sent = System.nanoTime();
                            String failure = step.run(prepared);
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
            long cpu = processCpuNanos() - cpuBefore;
            MachineCpu machine = MachineCpu.now().since(machineBefore);
            long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            long builtLate = feeds.stream().mapToLong(ClientFeed::builtDuringPhase).sum();
            return new Figures(merged.length, elapsed, merged, failures.get(), firstFailure[0], cpu, machine,
                    builtLate);
        } finally {
            clients.shutdownNow();
        }
    }

    /** One client's renewals for a phase, in the order it sends them. */
    private static final class ClientFeed {

        private final List<RenewalTraffic> traffic;
        private final int client;
        private final List<List<Prepared>> ready = new ArrayList<>();
        private final boolean ring;
        private int turn;
        private int next;
        private long builtDuringPhase;

        ClientFeed(List<RenewalTraffic> traffic, int client, long deliveries, boolean ring) {
            this.traffic = traffic;
            this.client = client;
            this.ring = ring;
            for (long prepared = 0; prepared < Math.max(1, deliveries); ) {
                List<Prepared> renewal = build();
                ready.add(renewal);
                prepared += renewal.size();
            }
        }

        List<Prepared> nextRenewal() {
            if (next < ready.size()) {
                return ready.get(next++);
            }
            if (ring) {
                next = 1;
                return ready.get(0);
            }
            List<Prepared> late = build();
            builtDuringPhase += late.size();
            return late;
        }

        long builtDuringPhase() {
            return builtDuringPhase;
        }

        /** The next renewal of this client's next subscriber (the clients share them round-robin), signed now. */
        private List<Prepared> build() {
            int index = (client + CLIENTS * (turn++ % Math.max(1, traffic.size() / CLIENTS))) % traffic.size();
            RenewalTraffic subscriber = traffic.get(index);
            List<Delivery> renewal;
            synchronized (subscriber) {
                renewal = subscriber.nextRenewal();
            }
            List<Prepared> prepared = new ArrayList<>(renewal.size());
            for (Delivery delivery : renewal) {
                prepared.add(new Prepared(delivery, WebhookStage.sign(delivery.body(), WebhookStage.OLD_SECRET),
                        "floor" + index));
            }
            return prepared;
        }
    }

    /**
     * A client's own keep-alive HTTP/1.1 connection to the webhook endpoint: the request Stripe would send (POST,
     * JSON body, {@code Stripe-Signature}, {@code Content-Length}), the answer read by its {@code Content-Length}.
     * Used instead of the JDK's {@code HttpClient}, whose selector thread and futures took about a tenth of the
     * JVM's CPU in this benchmark — CPU the server under test then lacks on two shared cores. Tomcat parses exactly
     * what it parses from any client.
     */
    static final class WebhookConnection {

        private final URI url;
        private Socket socket;
        private BufferedInputStream in;
        private OutputStream out;

        WebhookConnection(URI url) {
            this.url = url;
        }

        /** Posts one delivery; null when answered 200, otherwise the status line and body. */
        String post(String body, String signature) throws IOException {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Type: application/json; charset=utf-8\r\nStripe-Signature: " + signature
                    + "\r\nContent-Length: " + content.length + "\r\n\r\n";
            if (socket == null) {
                socket = new Socket(url.getHost(), url.getPort());
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream());
                out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            }
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String status = line();
            long length = -1;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String name = header.substring(0, Math.max(0, header.indexOf(':'))).trim();
                String value = header.substring(header.indexOf(':') + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            if (length < 0) {
                closeQuietly();
                return status + " (answer without Content-Length)";
            }
            String answer = new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
            if (close) {
                closeQuietly();
            }
            return status.startsWith("HTTP/1.1 200 ") ? null : status + " " + answer;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    closeQuietly();
                    throw new EOFException("connection closed by the server");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            if (socket != null) {
                closeQuietly();
            }
        }

        private void closeQuietly() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the next post opens a new connection
            }
            socket = null;
        }
    }

    /** CPU time of this JVM — Tomcat, the WAR, the emulator and the clients — so far. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
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
                Webhook benchmark on %s: %d clients, %d subscribers, %d s measured (each side, in %d alternating \
                rounds) after %d s warm-up, %d cores
                  payments WAR  %,9.0f events/s   p50 %6.2f ms   p99 %6.2f ms   (%d events, %d not 200)
                  JDBC floor    %,9.0f events/s   p50 %6.2f ms   p99 %6.2f ms   (%d events)
                  share of the floor %.0f %%;  Stripe API calls %d = %.4f per event %s
                  JVM CPU per event (Tomcat, WAR, emulator, clients; the database not included): WAR %.0f µs, \
                floor %.0f µs;  built during the measured phase: %d of %d deliveries
                  machine load average (1 min) during the measured rounds: %s
                  CPU by /proc — WAR: %s
                               floor: %s
                """, database, CLIENTS, SUBSCRIBERS, MEASURED.toSeconds(), ROUNDS, WARM_UP.toSeconds(),
                Runtime.getRuntime().availableProcessors(),
                webhook.perSecond(), webhook.percentileMillis(50), webhook.percentileMillis(99), webhook.events(),
                webhook.failures(),
                floor.perSecond(), floor.percentileMillis(50), floor.percentileMillis(99), floor.events(),
                100 * webhook.perSecond() / floor.perSecond(), stripeCalls,
                webhook.events() == 0 ? 0.0 : (double) stripeCalls / webhook.events(), callsByResource,
                webhook.cpuMicrosPerEvent(), floor.cpuMicrosPerEvent(), webhook.builtDuringPhase(), webhook.events(),
                load, webhook.machine().perEvent(webhook.events()), floor.machine().perEvent(floor.events()));
        System.out.println(text);
        Path file = Path.of(System.getProperty("project.build.directory", "target"), "webhook-benchmark.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
