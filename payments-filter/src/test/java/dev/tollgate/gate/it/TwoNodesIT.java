package dev.tollgate.gate.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tollgate.gate.it.Browser.HTML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes, one database: two Tomcats in separate JVMs ({@link NodeProcess}), each with the gate jar in its
 * shop's {@code WEB-INF/lib} and the default staleness bound, sharing one PostgreSQL schema. Changes are
 * committed on node A the way the payments WAR does it (row write, commit, then {@code EntitlementBoard.publish}
 * in A's JVM, by the shop's test-only {@code commit.jsp}); node B never hears of them except through the database.
 *
 * <p>It holds B to the promise of the gate's manual (EntitlementFilter, Freshness) and no more: the row is re-read
 * before every refusal, so no request to B that starts after a grant's commit is refused; a board entry is trusted
 * for the staleness bound, so no request to B that starts the bound or later after a revoke's commit is let in.
 * Both are about when a request starts, which the gate's check follows, so a slow or busy machine cannot fail them
 * (how long the answers took is printed, not asserted). "After the commit" counts from when A's commit had
 * returned, placed on this JVM's clock by A's answer (which says how long before writing it that was): the way
 * back of that answer can only make the checks kinder than the promise, never stricter. Prints what it saw
 * against the bound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesIT {

    private static final int ROUNDS = 10;
    /** In commit.jsp's answer: how long before writing it the commit had returned. */
    private static final Pattern SINCE_COMMIT = Pattern.compile("since_commit_ns=(\\d+)");

    private EntitlementRowsFixture rows;
    private NodeProcess nodeA;
    private NodeProcess nodeB;
    /** The bound both nodes' gates run with, from their start-up log. */
    private Duration bound;

    @BeforeAll
    void startTwoNodes() throws Exception {
        PostgresDatabase database = new PostgresDatabase("two_nodes");
        rows = new EntitlementRowsFixture(database);
        rows.store("alice", "", "", "canceled", 0, null);
        rows.store("bob", "pro,basic", "", "active", 0, Instant.now().plus(Duration.ofDays(30)));
        nodeA = NodeProcess.start("a", database.schema());
        nodeB = NodeProcess.start("b", database.schema());
        bound = nodeB.stalenessBound();
        assertEquals(bound, nodeA.stalenessBound(), "both nodes run with the same staleness bound");
        assertTrue(bound.toMillis() > 0, "a bound of 0 reads the database on every request: nothing to measure");
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
        // Revokes are committed at random moments: how long B lets the user in depends on how old B's board entry
        // is then (it was written by B's last request, the one that saw the grant).
        Random phase = new Random(42);
        List<Observation> grants = new ArrayList<>();
        List<Observation> revokes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            grants.add(commitOnAAndWatchB(onA, onB, Change.GRANT));
            Thread.sleep(phase.nextInt((int) bound.toMillis()));
            revokes.add(commitOnAAndWatchB(onA, onB, Change.REVOKE));
        }

        printFigures(grants, revokes);
        for (Observation grant : grants) {
            assertTrue(grant.oldAnswers() == 0, "a request to B that started " + ms(grant.lastOldStart())
                    + " ms after the grant's commit was refused; the gate must re-read the row before refusing");
        }
        for (Observation revoke : revokes) {
            assertTrue(revoke.lastOldStart() < bound.toNanos(), "a request to B that started "
                    + ms(revoke.lastOldStart()) + " ms after the revoke's commit was let in; the bound is "
                    + bound.toMillis() + " ms");
        }
    }

    private enum Change {
        GRANT("pro", 200, 303), REVOKE("none", 303, 200);

        final String plan;
        final int newAnswer;
        final int oldAnswer;

        Change(String plan, int newAnswer, int oldAnswer) {
            this.plan = plan;
            this.newAnswer = newAnswer;
            this.oldAnswer = oldAnswer;
        }
    }

    /**
     * Commits the change on A, checks that A enforces it on its next request (its own publish), then asks B until
     * B answers the new state, or until B has let a request that started at or past the bound through with the old
     * one (the promise is broken then; waiting longer would prove nothing more).
     */
    private Observation commitOnAAndWatchB(Browser onA, Browser onB, Change change)
            throws IOException, InterruptedException {
        HttpResponse<String> commit = new Browser(nodeA.baseUrl()).get("/shop/commit.jsp?user=alice&plan="
                + change.plan, HTML);
        long answered = System.nanoTime();
        assertEquals(200, commit.statusCode(), commit.body());
        Matcher sinceCommit = SINCE_COMMIT.matcher(commit.body());
        assertTrue(sinceCommit.find(), commit.body());
        // A's commit returned at least this long before its answer arrived here: placing it there errs late, so
        // the checks below can only be kinder than the promise by the answer's way back, never stricter.
        long sinceCommitNanos = Long.parseLong(sinceCommit.group(1));
        long committed = answered - sinceCommitNanos;
        assertEquals(change.newAnswer, onA.get("/shop/pro/", HTML).statusCode(),
                "node A enforces its own publish on its next request");
        long seenOnA = System.nanoTime() - committed;

        int oldAnswers = 0;
        long lastOldStart = Observation.NONE;
        while (true) {
            long start = System.nanoTime() - committed;
            int status = onB.get("/shop/pro/", HTML).statusCode();
            long end = System.nanoTime() - committed;
            if (status == change.newAnswer) {
                return new Observation(sinceCommitNanos, seenOnA, oldAnswers, lastOldStart, start, end);
            }
            assertEquals(change.oldAnswer, status, "node B answers either the old or the new state");
            oldAnswers++;
            lastOldStart = start;
            if (change == Change.GRANT || start >= bound.toNanos()) {
                return new Observation(sinceCommitNanos, seenOnA, oldAnswers, lastOldStart, Observation.NONE,
                        Observation.NONE);
            }
        }
    }

    private void printFigures(List<Observation> grants, List<Observation> revokes) {
        List<Observation> all = new ArrayList<>(grants);
        all.addAll(revokes);
        System.out.println("Two nodes (separate JVMs, one PostgreSQL schema), staleness bound " + bound.toMillis()
                + " ms, " + ROUNDS + " grants and " + ROUNDS + " revokes committed on A; times in ms after A's commit"
                + " returned (A wrote its answer " + spread(all, Observation::commitAnswered) + " after it)\n"
                + "  node A, its next request enforced the change: answered after " + spread(all, Observation::seenOnA)
                + "\n  node B, grants: refused requests after the commit " + total(grants, Observation::oldAnswers)
                + " (promise: 0); first request let in, answered after " + spread(grants, Observation::firstNewEnd)
                + "\n  node B, revokes: requests still let in " + total(revokes, Observation::oldAnswers)
                + ", the last of each started " + spread(revokes, Observation::lastOldStart)
                + " (promise: < " + bound.toMillis() + "); first refused request started "
                + spread(revokes, Observation::firstNewStart) + ", answered after "
                + spread(revokes, Observation::firstNewEnd) + " (bound " + bound.toMillis() + ")");
    }

    /** "median M / max X" of the figure over the observations that have it, or "none". */
    private static String spread(List<Observation> observations, ToLongFunction<Observation> figure) {
        long[] values = observations.stream().mapToLong(figure).filter(value -> value != Observation.NONE).sorted()
                .toArray();
        return values.length == 0 ? "none"
                : "median " + ms(values[values.length / 2]) + " / max " + ms(values[values.length - 1]);
    }

    private static long total(List<Observation> observations, ToLongFunction<Observation> figure) {
        return observations.stream().mapToLong(figure).sum();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /**
     * One change as seen by the nodes, in nanoseconds after A's commit returned: when A wrote its answer to the
     * commit request and when its own next request was answered; on B, how many requests still got the old state,
     * when the last of them started, and when the first request with the new state started and was answered
     * ({@link #NONE}: no such request).
     */
    private record Observation(long commitAnswered, long seenOnA, long oldAnswers, long lastOldStart,
                               long firstNewStart, long firstNewEnd) {
        static final long NONE = Long.MIN_VALUE;
    }
}
