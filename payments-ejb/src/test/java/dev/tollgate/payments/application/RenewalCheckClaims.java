package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.infrastructure.persistence.JdbcRenewalCheckRepository;
import dev.tollgate.payments.infrastructure.persistence.Repositories;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The payments side of the gate's renewal questions against Flyway's schema on a real database: a question the
 * gate opened is claimed by exactly one node, also when two nodes poll at once, answered once, and open again
 * when the gate asks anew or the claiming node stopped. The subclasses pick the database.
 */
abstract class RenewalCheckClaims extends MigratedDatabaseClaims {

    private static final Instant T = Instant.parse("2026-12-03T08:00:00Z");

    private final MovableClock clock = new MovableClock(T);

    @Test
    void aQuestionTheGateOpenedIsClaimedOnceAndAnsweredOnce() throws SQLException {
        gateAsksAbout("alice");
        RenewalCheckService node = node();

        assertEquals(List.of("alice"), transactions.run(node::claimOpen));
        assertEquals(List.of(), transactions.run(node::claimOpen), "a claimed question is not handed out again");
        assertNull(answeredAt("alice"), "claimed, not yet answered: the gate keeps waiting");

        clock.at(T.plusMillis(300));
        transactions.run(() -> {
            node.answer("alice");
            return null;
        });
        assertEquals(T.plusMillis(300), answeredAt("alice"));
        assertEquals(List.of(), transactions.run(node::claimOpen));
    }

    @Test
    void aQuestionAskedAgainAfterItsAnswerIsOpenAgain() throws SQLException {
        gateAsksAbout("bob");
        RenewalCheckService node = node();
        transactions.run(node::claimOpen);
        transactions.run(() -> {
            node.answer("bob");
            return null;
        });

        gateAsksAbout("bob");

        assertNull(answeredAt("bob"));
        assertEquals(List.of("bob"), transactions.run(node::claimOpen));
    }

    @Test
    void aClaimOfANodeThatStoppedExpiresAndAnotherNodeTakesTheQuestion() throws SQLException {
        gateAsksAbout("carol");
        RenewalCheckService stopped = node();
        assertEquals(List.of("carol"), transactions.run(stopped::claimOpen));

        clock.at(T.plus(RenewalCheckService.CLAIM_EXPIRES_AFTER).minusSeconds(1));
        assertEquals(List.of(), transactions.run(node()::claimOpen), "a recent claim is respected");

        clock.at(T.plus(RenewalCheckService.CLAIM_EXPIRES_AFTER).plusSeconds(1));
        assertEquals(List.of("carol"), transactions.run(node()::claimOpen));
    }

    @Test
    void questionsAreHandedOutOldestFirst() throws SQLException {
        gateAsksAbout("late", T.plusSeconds(2));
        gateAsksAbout("early", T.plusSeconds(1));

        assertEquals(List.of("early", "late"), transactions.run(node()::claimOpen));
    }

    @Test
    void twoNodesPollingAtOnceNeverWorkOneQuestionTwice() throws Exception {
        int users = 3 * RenewalCheckService.CLAIMS_PER_POLL;
        for (int i = 0; i < users; i++) {
            gateAsksAbout("user" + i, T.plusMillis(i));
        }
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> pollUntilNothingIsLeft(together), nodes);
            CompletableFuture<List<String>> second = CompletableFuture.supplyAsync(() -> pollUntilNothingIsLeft(together), nodes);
            List<String> byFirst = first.get(60, TimeUnit.SECONDS);
            List<String> bySecond = second.get(60, TimeUnit.SECONDS);

            Set<String> both = new HashSet<>(byFirst);
            both.retainAll(bySecond);
            assertEquals(Set.of(), both, "claimed by both nodes");
            assertEquals(users, byFirst.size() + bySecond.size(), "every question claimed once: " + byFirst + " / " + bySecond);
        } finally {
            nodes.shutdownNow();
        }
    }

    private List<String> pollUntilNothingIsLeft(CyclicBarrier together) {
        RenewalCheckService node = node();
        List<String> claimed = new ArrayList<>();
        try {
            together.await(10, TimeUnit.SECONDS);
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
        while (true) {
            List<String> batch = transactions.run(node::claimOpen);
            if (batch.isEmpty() && openQuestions() == 0) {
                return claimed;
            }
            claimed.addAll(batch);
        }
    }

    /** A payments node: the service over the repository, in this test's transactions and clock. */
    private RenewalCheckService node() {
        JdbcRenewalCheckRepository repository = new JdbcRenewalCheckRepository();
        Repositories.wire(repository, transactions);
        RenewalCheckService service = new RenewalCheckService();
        service.questions = repository;
        service.clock = clock;
        return service;
    }

    private void gateAsksAbout(String user) throws SQLException {
        gateAsksAbout(user, clock.instant());
    }

    /** What the gate sends: re-open an answered question, else insert a new one. */
    private void gateAsksAbout(String user, Instant at) throws SQLException {
        try (Connection connection = database().getConnection()) {
            try (PreparedStatement reopen = connection.prepareStatement("update renewal_check set requested_at = ?,"
                    + " claimed_at = null, answered_at = null where user_id = ? and answered_at is not null")) {
                reopen.setObject(1, at.atOffset(ZoneOffset.UTC));
                reopen.setString(2, user);
                if (reopen.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into renewal_check (user_id, requested_at) values (?, ?)")) {
                insert.setString(1, user);
                insert.setObject(2, at.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            }
        }
    }

    private Instant answeredAt(String user) throws SQLException {
        try (Connection connection = database().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select answered_at from renewal_check where user_id = ?")) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "no question about " + user);
                OffsetDateTime answered = row.getObject(1, OffsetDateTime.class);
                return answered == null ? null : answered.toInstant();
            }
        }
    }

    private int openQuestions() {
        try (Connection connection = database().getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("select count(*) from renewal_check where claimed_at is null")) {
            row.next();
            return row.getInt(1);
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void at(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
