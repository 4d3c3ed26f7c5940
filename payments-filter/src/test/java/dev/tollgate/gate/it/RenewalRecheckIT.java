package dev.tollgate.gate.it;

import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.tollgate.gate.it.Browser.HTML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate's renewal question through the database, with the built jar in each webapp's own {@code WEB-INF/lib}
 * (so nothing can pass through shared classes): a lapsed subscriber on a renewing status is let in once the
 * payments side has found the renewal, an ended subscription is refused right after the answer, an unanswered
 * question is given up at the bound, and the gates of two webapps (as two nodes) asking at once share one
 * question. A thread of this test stands for the payments WAR's poller: it claims open questions with the same
 * conditional update, writes what Stripe would have said, and answers. Run once per database by the subclasses.
 * (Claims racing between nodes of the payments side: {@code RenewalCheckClaims} in payments-ejb.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RenewalRecheckIT {

    /** The shops' PAYMENTS_RENEWAL_WAIT_MS. */
    private static final Duration WAIT = Duration.ofMillis(1500);
    /** What the machine may add to a request on top of the wait (a loaded two-core box). */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override public void publish(LogRecord record) {
            logLines.add(String.valueOf(record.getMessage()));
        }
        @Override public void flush() { }
        @Override public void close() { }
    };

    private EntitlementRowsFixture rows;
    private ShopServer server;
    private PaymentsSide payments;

    abstract TestDatabase openDatabase(String name) throws SQLException;

    @BeforeAll
    void start() throws Exception {
        Logger.getLogger("").addHandler(logCapture);
        rows = new EntitlementRowsFixture(openDatabase("renewal"));
        server = new ShopServer(rows.database(), "it-work-" + getClass().getSimpleName());
        Map<String, String> waiting = Map.of("PAYMENTS_RENEWAL_WAIT_MS", Long.toString(WAIT.toMillis()));
        List<Context> shops = List.of(server.deployShop("/shop", waiting), server.deployShop("/node-b", waiting),
                server.deployShop("/no-wait-shop", Map.of("PAYMENTS_RENEWAL_WAIT_MS", "0")));
        server.start();
        shops.forEach(shop -> assertTrue(ShopServer.isRunning(shop), shop.getPath() + " started"));
        payments = new PaymentsSide(rows.database());
        payments.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (payments != null) {
            payments.close();
        }
        if (server != null) {
            server.close();
        }
        if (rows != null) {
            rows.close();
        }
        Logger.getLogger("").removeHandler(logCapture);
    }

    @Test
    void aSubscriberWhoseRenewalWentMissingIsLetInOnceThePaymentsSideFoundIt() throws Exception {
        lapsedProSubscriber("grace", "active");
        payments.willFindRenewalOf("grace");

        Timed answer = proPageAs("grace");
        assertEquals(200, answer.page().statusCode(), answer.page().body());
        assertTrue(answer.page().body().contains("plan=pro"), answer.page().body());
        assertTrue(answer.took().compareTo(WAIT) < 0,
                "let in before the bound, after " + answer.took().toMillis() + " ms");
        assertEquals(List.of("grace"), payments.answered("grace"));
    }

    @Test
    void aSubscriptionThatEndedIsRefusedRightAfterTheAnswer() throws Exception {
        lapsedProSubscriber("dave", "active");
        payments.willFindEnded("dave");

        Timed answer = proPageAs("dave");
        assertEquals(303, answer.page().statusCode());
        assertTrue(answer.took().compareTo(WAIT) < 0,
                "refused on the answer, not at the bound: " + answer.took().toMillis() + " ms");
        assertEquals(List.of("dave"), payments.answered("dave"));

        assertEquals(303, new Browser(server.baseUrl()).signedInAs("dave").get("/shop/pro/", HTML).statusCode());
        assertEquals(List.of("dave"), payments.answered("dave"), "asked once per user, not on every request");
    }

    @Test
    void aQuestionNobodyAnswersIsGivenUpAtTheBound() throws Exception {
        lapsedProSubscriber("ivy", "past_due");
        payments.ignore("ivy");

        Timed answer = proPageAs("ivy");
        assertEquals(303, answer.page().statusCode());
        assertTrue(answer.took().compareTo(WAIT) >= 0 && answer.took().compareTo(WAIT.plus(SLACK)) < 0,
                "waited the bound, then refused: " + answer.took().toMillis() + " ms");
        assertTrue(logLines.stream().anyMatch(line -> line.contains("renewal check of ivy unanswered after 1500 ms")),
                String.join("\n", logLines));
        assertTrue(questionOf("ivy").isOpen(), "still open for the payments side");
    }

    @Test
    void anEndedStatusIsRefusedWithoutAQuestion() throws Exception {
        rows.store("bob", "pro", "", "canceled", 0, Instant.now().minusSeconds(5));
        assertEquals(303, new Browser(server.baseUrl()).signedInAs("bob").get("/shop/pro/", HTML).statusCode());
        assertEquals(Question.NONE, questionOf("bob"), "a canceled subscription is not meant to renew");
    }

    @Test
    void aZeroWaitNeverAsksSoAReadOnlyDatabaseUserIsEnough() throws Exception {
        rows.store("henry", "pro", "", "active", 0, Instant.now().minusSeconds(5));
        payments.willFindRenewalOf("henry");
        assertEquals(303, new Browser(server.baseUrl()).signedInAs("henry").get("/no-wait-shop/pro/", HTML).statusCode());
        assertEquals(Question.NONE, questionOf("henry"));
    }

    @Test
    void twoNodesAskingAtOnceShareOneQuestionAndBothLetTheRenewedUserIn() throws Exception {
        rows.store("carol", "pro,basic", "", "trialing", 0, Instant.now().minusSeconds(5));
        payments.willFindRenewalOf("carol");
        payments.holdBack("carol"); // the question stays open while both requests arrive

        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<HttpResponse<String>> onA = CompletableFuture.supplyAsync(() -> get("carol", "/shop/pro/"), clients);
            CompletableFuture<HttpResponse<String>> onB = CompletableFuture.supplyAsync(() -> get("carol", "/node-b/pro/"), clients);
            payments.releaseWhenAsked("carol");

            assertEquals(200, onA.get().statusCode());
            assertEquals(200, onB.get().statusCode());
        } finally {
            clients.shutdownNow();
        }
        assertTrue(logLines.stream().noneMatch(line -> line.contains("could not be asked")),
                "the gate that lost the insert joined the open question: " + String.join("\n", logLines));
        assertEquals(Question.ANSWERED, questionOf("carol"));
    }

    private HttpResponse<String> get(String user, String path) {
        try {
            return new Browser(server.baseUrl()).signedInAs(user).get(path, HTML);
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private Question questionOf(String user) throws SQLException {
        try (Connection connection = rows.database().connect();
             PreparedStatement select = connection.prepareStatement(
                     "select answered_at from renewal_check where user_id = ?")) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Question.NONE;
                }
                return row.getObject(1) == null ? Question.OPEN : Question.ANSWERED;
            }
        }
    }

    private enum Question {
        NONE, OPEN, ANSWERED;

        boolean isOpen() {
            return this == OPEN;
        }
    }

    /**
     * Stands for the payments WAR's poller: every 50 ms it claims open questions with a conditional update (as
     * {@code JdbcRenewalCheckRepository} does), stores what Stripe would have said for that user, and answers.
     */
    /** A pro row of {@code user} whose access ended five seconds ago, on a status that renews. */
    private void lapsedProSubscriber(String user, String status) throws Exception {
        rows.store(user, "pro,basic", "", status, 0, Instant.now().minusSeconds(5));
    }

    /** The gate's answer and how long the request took. */
    private record Timed(HttpResponse<String> page, Duration took) {
    }

    /** {@code user} signs in and asks for the shop's paid page, timed. */
    private Timed proPageAs(String user) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> page = new Browser(server.baseUrl()).signedInAs(user).get("/shop/pro/", HTML);
        return new Timed(page, Duration.ofNanos(System.nanoTime() - start));
    }

    private static final class PaymentsSide implements AutoCloseable {

        private final TestDatabase database;
        private final Map<String, String> stripeSays = new ConcurrentHashMap<>();
        private final List<String> answeredUsers = new CopyOnWriteArrayList<>();
        private final Set<String> heldBack = ConcurrentHashMap.newKeySet();
        private final ScheduledExecutorService poller =
                Executors.newSingleThreadScheduledExecutor();

        PaymentsSide(TestDatabase database) {
            this.database = database;
        }

        void start() {
            poller.scheduleWithFixedDelay(this::poll, 0, 50, TimeUnit.MILLISECONDS);
        }

        void willFindRenewalOf(String user) {
            stripeSays.put(user, "renewed");
        }

        void willFindEnded(String user) {
            stripeSays.put(user, "ended");
        }

        void ignore(String user) {
            stripeSays.put(user, "ignore");
        }

        void holdBack(String user) {
            heldBack.add(user);
        }

        /** Lets the poller answer {@code user} once a gate has opened the question. */
        void releaseWhenAsked(String user) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!questionExists(user) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            heldBack.remove(user);
        }

        List<String> answered(String user) {
            return answeredUsers.stream().filter(user::equals).toList();
        }

        private boolean questionExists(String user) throws SQLException {
            try (Connection connection = database.connect();
                 PreparedStatement select = connection.prepareStatement("select 1 from renewal_check where user_id = ?")) {
                select.setString(1, user);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        }

        private void poll() {
            try (Connection connection = database.connect()) {
                List<String> open = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "select user_id from renewal_check where answered_at is null and claimed_at is null");
                     ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        open.add(row.getString(1));
                    }
                }
                for (String user : open) {
                    String says = stripeSays.getOrDefault(user, "ignore");
                    if (says.equals("ignore") || heldBack.contains(user) || !claim(connection, user)) {
                        continue;
                    }
                    // Counted before the write: the gate stops waiting as soon as the version moves, and the test
                    // may look at this list the moment the gate has answered.
                    answeredUsers.add(user);
                    write(connection, user, says.equals("renewed"));
                    try (PreparedStatement answer = connection.prepareStatement(
                            "update renewal_check set answered_at = current_timestamp where user_id = ?")) {
                        answer.setString(1, user);
                        answer.executeUpdate();
                    }
                }
            } catch (SQLException failed) {
                throw new IllegalStateException(failed);
            }
        }

        private static boolean claim(Connection connection, String user) throws SQLException {
            try (PreparedStatement claim = connection.prepareStatement("update renewal_check set claimed_at ="
                    + " current_timestamp where user_id = ? and answered_at is null and claimed_at is null")) {
                claim.setString(1, user);
                return claim.executeUpdate() == 1;
            }
        }

        /** A renewal moves access a month on; an ended subscription is stored as canceled. Both bump the version. */
        private static void write(Connection connection, String user, boolean renewed) throws SQLException {
            try (PreparedStatement update = connection.prepareStatement("update entitlement set status = ?,"
                    + " access_until = ?, version = version + 1, updated_at = current_timestamp where user_id = ?")) {
                update.setString(1, renewed ? "active" : "canceled");
                update.setTimestamp(2, renewed ? Timestamp.from(Instant.now().plus(Duration.ofDays(30))) : null);
                update.setString(3, user);
                update.executeUpdate();
            }
        }

        @Override
        public void close() {
            poller.shutdownNow();
        }
    }
}
