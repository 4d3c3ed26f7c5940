package dev.tollgate.gate.it;

import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.tollgate.gate.it.Browser.HTML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Benchmark, run only by {@code -Pbench}: HTTP throughput of a paid page ({@code /pro/article.html}, static,
 * about 1.3 KB, so the gate's share of the work is as large as it gets) behind the gate against the same page in
 * the same shop without the gate jar, in one embedded Tomcat, in one run, loaded by wrk over loopback. The rounds alternate (ABBA) so drift of the machine hits both alike. Target (issue 4): gated at
 * least 95 % of ungated.
 *
 * <p>The load is that of signed-in users: several sessions per user, each request with its session cookie and
 * credentials; the gate runs with its default one-second bound, so every user's version is re-read from the
 * database once a second, and that cost is in the figure.
 */
class GateThroughputBenchmark {

    private static final double TARGET = 0.95;
    private static final String PAGE = "/pro/article.html";
    private static final int CONNECTIONS = Integer.getInteger("gate.bench.connections", 16);
    private static final int SESSIONS_PER_USER = 4;
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("gate.bench.warmup.seconds", 5));
    private static final Duration ROUND = Duration.ofSeconds(Long.getLong("gate.bench.round.seconds", 3));
    private static final int ROUND_PAIRS = Integer.getInteger("gate.bench.round.pairs", 8);

    @Test
    void gatedPageServesAtLeastNinetyFivePercentOfTheUngatedThroughput() throws Exception {
        try (EntitlementRowsFixture rows = new EntitlementRowsFixture(new H2Database("throughput"));
             ShopServer server = new ShopServer(rows.database(), "throughput-work")) {
            for (String user : ShopServer.PASSWORDS.keySet()) {
                rows.store(user, "pro,basic", "", "active", 0, Instant.now().plus(Duration.ofDays(30)));
            }
            Context gated = server.deployShop("/gated", Map.of());
            Context ungated = server.deployShopWithoutGate("/ungated");
            server.start();
            assertTrue(ShopServer.isRunning(gated) && ShopServer.isRunning(ungated));
            String base = server.baseUrl();
            Map<String, Map<String, String>> sessions = Map.of(
                    "gated", signedInSessions(base, "/gated"), "ungated", signedInSessions(base, "/ungated"));
            assertEquals(401, new Browser(base).get("/gated" + PAGE, HTML).statusCode(), "the gated shop really gates");
            assertEquals(200, new Browser(base).get("/ungated" + PAGE, HTML).statusCode(), "the other one does not");

            Path scratch = Files.createTempDirectory("wrk");
            for (String shop : List.of("ungated", "gated")) {
                WrkRun.run(base + "/" + shop + PAGE, sessions.get(shop), CONNECTIONS, WARM_UP, scratch);
            }
            Map<String, List<WrkRun.Result>> results = new LinkedHashMap<>(Map.of("gated", new ArrayList<>(),
                    "ungated", new ArrayList<>()));
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "Gate HTTP throughput: wrk -t1 -c%d,"
                    + " %d sessions (%d users), %d x %d s rounds after %d s warm-up each, H2, staleness bound 1000 ms,"
                    + " load average before: %s%n", CONNECTIONS, sessions.get("gated").size(),
                    ShopServer.PASSWORDS.size(), 2 * ROUND_PAIRS, ROUND.toSeconds(), WARM_UP.toSeconds(), loadAverage()));
            for (String shop : rounds()) {
                WrkRun.Result result = WrkRun.run(base + "/" + shop + PAGE, sessions.get(shop), CONNECTIONS,
                        ROUND, scratch);
                results.get(shop).add(result);
                report.append(String.format(Locale.ROOT, "  %-8s %9.0f req/s   p50 %6.0f us   p99 %6.0f us%n", shop,
                        result.requestsPerSecond(), result.p50Micros(), result.p99Micros()));
            }
            double gatedRate = median(results.get("gated"));
            double ungatedRate = median(results.get("ungated"));
            double share = gatedRate / ungatedRate;
            report.append(String.format(Locale.ROOT, "  mean: gated %.0f req/s, ungated %.0f req/s (%.1f %%)%n",
                    mean(results.get("gated")), mean(results.get("ungated")),
                    100 * mean(results.get("gated")) / mean(results.get("ungated"))));
            report.append(String.format(Locale.ROOT, "  median: gated %.0f req/s, ungated %.0f req/s, gated/ungated"
                    + " = %.1f %% (target >= %.0f %%); load average after: %s", gatedRate, ungatedRate, 100 * share,
                    100 * TARGET, loadAverage()));
            System.out.println(report);
            Files.writeString(Path.of(System.getProperty("gate.work", "target/it-work"))
                    .resolveSibling("gate-throughput.txt"), report, StandardCharsets.UTF_8);
            assertTrue(share >= TARGET, report.toString());
        }
    }

    /**
     * Session id → Authorization header, {@value #SESSIONS_PER_USER} sessions per test user, each opened by a
     * JSP (the static page alone would not open one in the ungated shop) and then used on the page.
     */
    private static Map<String, String> signedInSessions(String base, String shop) throws Exception {
        Map<String, String> sessions = new LinkedHashMap<>();
        for (String user : ShopServer.PASSWORDS.keySet()) {
            String credentials = "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + ShopServer.PASSWORDS.get(user)).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < SESSIONS_PER_USER; i++) {
                Browser browser = new Browser(base).signedInAs(user);
                assertEquals(200, browser.get(shop + "/own-sign-in.jsp?user=" + user, HTML).statusCode());
                assertEquals(200, browser.get(shop + PAGE, HTML).statusCode(), shop + PAGE + " for " + user);
                assertNotNull(browser.sessionId(), "a session for " + user);
                sessions.put(browser.sessionId(), credentials);
            }
        }
        return sessions;
    }

    /**
     * Short rounds in ABBA order: a burst of other work on the machine, or a slow drift, then hits both shops
     * alike, and the medians ignore the rounds it spoiled.
     */
    private static List<String> rounds() {
        List<String> rounds = new ArrayList<>();
        for (int pair = 0; pair < ROUND_PAIRS; pair++) {
            rounds.addAll(pair % 2 == 0 ? List.of("ungated", "gated") : List.of("gated", "ungated"));
        }
        return rounds;
    }

    private static String loadAverage() throws java.io.IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1") : "n/a";
    }

    private static double median(List<WrkRun.Result> results) {
        double[] rates = results.stream().mapToDouble(WrkRun.Result::requestsPerSecond).sorted().toArray();
        return rates.length % 2 == 1 ? rates[rates.length / 2]
                : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
    }

    private static double mean(List<WrkRun.Result> results) {
        return results.stream().mapToDouble(WrkRun.Result::requestsPerSecond).average().orElseThrow();
    }
}
