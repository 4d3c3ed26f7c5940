package dev.tollgate.gate.it;

import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.tollgate.gate.it.Browser.HTML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Benchmark, run only by {@code -Pbench}: a paid page ({@code /pro/article.html}, static, 1.3 KB, so the gate's
 * share of the work is as large as it gets) behind the gate against the same page in the same shop without the
 * gate jar, in one embedded Tomcat, in one run, loaded by wrk over loopback. Target (issue 4): gated at least
 * 95 % of ungated.
 *
 * <p>Two measurements, both printed:
 * <ol>
 * <li><b>Throughput</b>: short wrk rounds on one shop at a time, in ABBA order; requests per second and latency
 *     as wrk saw them, medians of the rounds. On a quiet machine this is the answer; on one shared with other
 *     work (2 cores, other builds) rounds swing by tens of percent either way.</li>
 * <li><b>Paired cost</b>: one wrk run whose requests alternate between the two shops, so every disturbance hits
 *     both alike; a valve records each webapp's CPU time per request on Tomcat's thread, and this JVM's whole CPU
 *     time gives the rest of a request's cost (connector, parsing, GC). The capacity of the gated shop relative
 *     to the ungated one is then (whole cost − gate's extra / 2) / (whole cost + gate's extra / 2). The target
 *     is checked on this figure, which other work on the machine hardly moves.</li>
 * </ol>
 *
 * <p>The load is that of signed-in users: several sessions per user, each request with its session cookie and
 * credentials; the gate runs with its default one-second bound, so every user's version is re-read from the
 * database (H2) once a second, and that cost is in the figures.
 */
class GateThroughputBenchmark {

    private static final double TARGET = 0.95;
    private static final String PAGE = "/pro/article.html";
    private static final int CONNECTIONS = Integer.getInteger("gate.bench.connections", 16);
    private static final int SESSIONS_PER_USER = 4;
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("gate.bench.warmup.seconds", 5));
    private static final Duration ROUND = Duration.ofSeconds(Long.getLong("gate.bench.round.seconds", 3));
    private static final int ROUND_PAIRS = Integer.getInteger("gate.bench.round.pairs", 6);
    private static final Duration PAIRED = Duration.ofSeconds(Long.getLong("gate.bench.paired.seconds", 20));

    @Test
    void gatedPageKeepsAtLeastNinetyFivePercentOfTheUngatedCapacity() throws Exception {
        CpuPerWebappValve cpuPerWebapp = new CpuPerWebappValve();
        try (EntitlementRowsFixture rows = new EntitlementRowsFixture(new H2Database("throughput"));
             ShopServer server = new ShopServer(rows.database(), "throughput-work")) {
            for (String user : ShopServer.PASSWORDS.keySet()) {
                rows.store(user, "pro,basic", "", "active", 0, Instant.now().plus(Duration.ofDays(30)));
            }
            server.addHostValve(cpuPerWebapp);
            Context gated = server.deployShop("/gated", Map.of());
            Context ungated = server.deployShopWithoutGate("/ungated");
            server.start();
            assertTrue(ShopServer.isRunning(gated) && ShopServer.isRunning(ungated));
            String base = server.baseUrl();
            assertEquals(401, new Browser(base).get("/gated" + PAGE, HTML).statusCode(), "the gated shop really gates");
            assertEquals(200, new Browser(base).get("/ungated" + PAGE, HTML).statusCode(), "the other one does not");
            Map<String, List<WrkRun.Visit>> visits = Map.of(
                    "/gated", signedInVisits(base, "/gated"), "/ungated", signedInVisits(base, "/ungated"));

            Path scratch = Files.createTempDirectory("wrk");
            for (String shop : List.of("/ungated", "/gated")) {
                WrkRun.run(base, visits.get(shop), CONNECTIONS, WARM_UP, scratch);
            }
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "Gate HTTP benchmark: %s, wrk -t1"
                    + " -c%d, %d sessions of %d users, H2, staleness bound 1000 ms, %d s warm-up per shop; load average"
                    + " before: %s%n", PAGE, CONNECTIONS, visits.get("/gated").size(), ShopServer.PASSWORDS.size(),
                    WARM_UP.toSeconds(), loadAverage()));
            measureThroughput(base, visits, scratch, report);
            double capacityShare = measurePairedCost(base, visits, scratch, cpuPerWebapp, report);
            report.append("  load average after: ").append(loadAverage());

            System.out.println(report);
            Files.writeString(Path.of(System.getProperty("gate.work", "target/it-work"))
                    .resolveSibling("gate-throughput.txt"), report, StandardCharsets.UTF_8);
            assertTrue(capacityShare >= TARGET, report.toString());
        }
    }

    /** Rounds of one shop at a time, ABBA, so slow drift hits both alike; medians ignore spoiled rounds. */
    private static void measureThroughput(String base, Map<String, List<WrkRun.Visit>> visits, Path scratch,
                                          StringBuilder report) throws IOException, InterruptedException {
        report.append(String.format(Locale.ROOT, "  throughput, %d rounds of %d s (ABBA):%n", 2 * ROUND_PAIRS,
                ROUND.toSeconds()));
        Map<String, List<Double>> rates = Map.of("/gated", new ArrayList<>(), "/ungated", new ArrayList<>());
        for (int pair = 0; pair < ROUND_PAIRS; pair++) {
            for (String shop : pair % 2 == 0 ? List.of("/ungated", "/gated") : List.of("/gated", "/ungated")) {
                WrkRun.Result result = WrkRun.run(base, visits.get(shop), CONNECTIONS, ROUND, scratch);
                rates.get(shop).add(result.requestsPerSecond());
                report.append(String.format(Locale.ROOT, "    %-9s %7.0f req/s   p50 %6.0f us   p99 %7.0f us%n",
                        shop, result.requestsPerSecond(), result.p50Micros(), result.p99Micros()));
            }
        }
        double gated = median(rates.get("/gated"));
        double ungated = median(rates.get("/ungated"));
        report.append(String.format(Locale.ROOT, "    median: gated %.0f req/s, ungated %.0f req/s, gated/ungated"
                + " = %.1f %%%n", gated, ungated, 100 * gated / ungated));
    }

    /** One run alternating the shops request by request; returns the gated shop's share of the ungated capacity. */
    private static double measurePairedCost(String base, Map<String, List<WrkRun.Visit>> visits, Path scratch,
                                            CpuPerWebappValve cpuPerWebapp, StringBuilder report)
            throws IOException, InterruptedException {
        List<WrkRun.Visit> alternating = new ArrayList<>();
        for (int i = 0; i < visits.get("/gated").size(); i++) {
            alternating.add(visits.get("/gated").get(i));
            alternating.add(visits.get("/ungated").get(i));
        }
        cpuPerWebapp.reset();
        long cpuBefore = processCpuNanos();
        WrkRun.Result mixed = WrkRun.run(base, alternating, CONNECTIONS, PAIRED, scratch);
        double wholeMicros = (processCpuNanos() - cpuBefore) / 1000.0 / mixed.requests();
        double gatedMicros = cpuPerWebapp.cpuMicrosPerRequest("/gated");
        double ungatedMicros = cpuPerWebapp.cpuMicrosPerRequest("/ungated");
        double extra = gatedMicros - ungatedMicros;
        double share = (wholeMicros - extra / 2) / (wholeMicros + extra / 2);
        report.append(String.format(Locale.ROOT, "  paired cost, %d s alternating request by request (%.0f req/s,"
                        + " %d gated + %d ungated requests):%n"
                        + "    in the webapp's pipeline: gated %.1f us CPU/request, ungated %.1f us; the gate's extra"
                        + " %.1f us%n"
                        + "    whole server (this JVM) %.1f us CPU/request on average%n"
                        + "    capacity gated/ungated = %.1f %% (target >= %.0f %%)%n",
                PAIRED.toSeconds(), mixed.requestsPerSecond(), cpuPerWebapp.requests("/gated"),
                cpuPerWebapp.requests("/ungated"), gatedMicros, ungatedMicros, extra, wholeMicros, 100 * share,
                100 * TARGET));
        return share;
    }

    /**
     * {@value #SESSIONS_PER_USER} sessions per test user in {@code shop}, each opened by a JSP (the static page
     * alone would not open one in the ungated shop) and then used once on the page.
     */
    private static List<WrkRun.Visit> signedInVisits(String base, String shop) throws Exception {
        List<WrkRun.Visit> visits = new ArrayList<>();
        for (String user : ShopServer.PASSWORDS.keySet()) {
            String credentials = "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + ShopServer.PASSWORDS.get(user)).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < SESSIONS_PER_USER; i++) {
                Browser browser = new Browser(base).signedInAs(user);
                assertEquals(200, browser.get(shop + "/own-sign-in.jsp?user=" + user, HTML).statusCode());
                assertEquals(200, browser.get(shop + PAGE, HTML).statusCode(), shop + PAGE + " for " + user);
                assertNotNull(browser.sessionId(), "a session for " + user);
                visits.add(new WrkRun.Visit(shop + PAGE, browser.sessionId(), credentials));
            }
        }
        return visits;
    }

    /** CPU time used by this JVM so far: Tomcat's threads, its GC and JIT, and the idle test thread. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1") : "n/a";
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
