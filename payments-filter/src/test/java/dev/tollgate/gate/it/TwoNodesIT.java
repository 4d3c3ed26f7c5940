package dev.tollgate.gate.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static dev.tollgate.gate.it.Browser.HTML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes, one database: two Tomcats in separate JVMs ({@link NodeProcess}), each with the gate jar in its
 * shop's {@code WEB-INF/lib} and the default staleness bound, sharing one PostgreSQL schema. Changes are
 * committed on node A the way the payments WAR does it (row write, commit, then {@code EntitlementBoard.publish}
 * in A's JVM, by the shop's test-only {@code commit.jsp}); node B never hears of them except through the database.
 * Prints the delays it observes on B.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesIT {

    /** The nodes run with the default {@code PAYMENTS_STALENESS_MS}. */
    private static final Duration STALENESS = Duration.ofMillis(1000);
    /** Allowance for the request that observes the change (a database read, a loaded machine). */
    private static final Duration MARGIN = Duration.ofMillis(250);
    private static final int ROUNDS = 5;

    private EntitlementRowsFixture rows;
    private NodeProcess nodeA;
    private NodeProcess nodeB;

    @BeforeAll
    void startTwoNodes() throws Exception {
        PostgresDatabase database = new PostgresDatabase("two_nodes");
        rows = new EntitlementRowsFixture(database);
        rows.store("alice", "", "", "canceled", 0, null);
        rows.store("bob", "pro,basic", "", "active", 0, Instant.now().plus(Duration.ofDays(30)));
        nodeA = NodeProcess.start("a", database.schema());
        nodeB = NodeProcess.start("b", database.schema());
    }

    @AfterAll
    void stopNodes() throws Exception {
        try (EntitlementRowsFixture closingRows = rows; NodeProcess a = nodeA; NodeProcess b = nodeB) {
            // closed in reverse order: nodes first, then the schema
        }
    }

    @Test
    void grantsAndRevokesCommittedOnNodeAAreEnforcedOnNodeBWithinTheBound() throws Exception {
        Browser onA = new Browser(nodeA.baseUrl()).signedInAs("alice");
        Browser onB = new Browser(nodeB.baseUrl()).signedInAs("alice");
        assertEquals(303, onA.get("/shop/pro/", HTML).statusCode());
        assertEquals(303, onB.get("/shop/pro/", HTML).statusCode());
        // bob's visit compiles the pro page on both nodes, so the first grant does not time the JSP compiler.
        for (NodeProcess node : List.of(nodeA, nodeB)) {
            assertEquals(200, new Browser(node.baseUrl()).signedInAs("bob").get("/shop/pro/", HTML).statusCode());
        }
        // Revokes are committed at random moments: the delay on B depends on how old B's board entry is then.
        Random phase = new Random(42);
        List<Observation> grants = new ArrayList<>();
        List<Observation> revokes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            grants.add(commitOnAAndWatchB(onA, onB, "pro", 200));
            Thread.sleep(phase.nextInt((int) STALENESS.toMillis()));
            revokes.add(commitOnAAndWatchB(onA, onB, "none", 303));
        }

        System.out.println("Two nodes (separate JVMs, PostgreSQL, staleness bound " + STALENESS.toMillis() + " ms, "
                + ROUNDS + " rounds): grant on A enforced on B after " + summary(grants) + "; revoke on A enforced"
                + " on B after " + summary(revokes) + "; node A itself enforced both on its next request.");
        for (Observation grant : grants) {
            assertTrue(grant.lastOldStartMillis() < 0, "a request to B that started " + grant.lastOldStartMillis()
                    + " ms after the grant's commit was still refused; a refusal must re-read the row");
            assertTrue(grant.delayMillis() <= STALENESS.plus(MARGIN).toMillis(), "grant seen after " + grant);
        }
        for (Observation revoke : revokes) {
            // B's board entry was read before the commit, so it is stale by commit + bound at the latest.
            assertTrue(revoke.lastOldStartMillis() <= STALENESS.toMillis(), "a request to B that started "
                    + revoke.lastOldStartMillis() + " ms after the revoke's commit still passed");
            assertTrue(revoke.delayMillis() <= STALENESS.plus(MARGIN).toMillis(), "revoke seen after " + revoke);
        }
    }

    /**
     * Commits {@code plan} on A, checks that A enforces it on its next request (its own publish), then polls B
     * until B answers {@code expected}, for at most the bound plus five seconds.
     */
    private Observation commitOnAAndWatchB(Browser onA, Browser onB, String plan, int expected)
            throws IOException, InterruptedException {
        long sent = System.nanoTime();
        assertEquals(200, new Browser(nodeA.baseUrl()).get("/shop/commit.jsp?user=alice&plan=" + plan, HTML).statusCode());
        long committed = System.nanoTime();
        assertEquals(expected, onA.get("/shop/pro/", HTML).statusCode(), "node A enforces its own publish at once");

        long deadline = committed + STALENESS.plusSeconds(5).toNanos();
        long lastOldStart = Long.MIN_VALUE;
        while (true) {
            long start = System.nanoTime();
            int status = onB.get("/shop/pro/", HTML).statusCode();
            long end = System.nanoTime();
            if (status == expected) {
                return new Observation(millis(committed - sent),
                        lastOldStart == Long.MIN_VALUE ? -1 : millis(lastOldStart - committed), millis(end - committed));
            }
            assertEquals(expected == 200 ? 303 : 200, status, "node B answers either the old or the new state");
            assertTrue(start < deadline, "node B still answers " + status + " "
                    + millis(start - committed) + " ms after the commit on A");
            lastOldStart = start;
        }
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    private static String summary(List<Observation> observations) {
        List<Long> delays = observations.stream().map(Observation::delayMillis).sorted().collect(Collectors.toList());
        return "min " + delays.get(0) + " / median " + delays.get(delays.size() / 2) + " / max "
                + delays.get(delays.size() - 1) + " ms (each: " + delays + ")";
    }

    /**
     * One change as seen from B, in milliseconds after A answered the commit request: when the last request
     * that still saw the old state started ({@code -1}: none did) and when the first one with the new state ended.
     */
    private record Observation(long commitMillis, long lastOldStartMillis, long delayMillis) {
    }
}
