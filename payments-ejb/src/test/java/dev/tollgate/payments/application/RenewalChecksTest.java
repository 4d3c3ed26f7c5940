package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.infrastructure.persistence.JdbcRenewalCheckRepository;
import dev.tollgate.payments.infrastructure.persistence.Repositories;
import dev.tollgate.payments.infrastructure.persistence.SchemaMigration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One poll of the renewal questions on H2: each claimed user is synced through the one sync path, a change is
 * published, and every question is answered — also when the sync fails (one log line) or finds nothing — so the
 * gate never waits out its whole bound for a question nobody will answer.
 */
class RenewalChecksTest {

    private final JdbcDataSource database = new JdbcDataSource();
    private final List<String> synced = new ArrayList<>();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override public void publish(LogRecord record) {
            logLines.add(record.getMessage());
        }
        @Override public void flush() { }
        @Override public void close() { }
    };
    private RenewalChecks checks;

    /** What Stripe would say per user: a new version, nothing new, or a failure. */
    private final Map<String, Optional<EntitlementChanged>> stripeSays = Map.of(
            "renewed", Optional.of(new EntitlementChanged("renewed", 7)),
            "unknown", Optional.empty());

    @BeforeEach
    void wire() {
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SchemaMigration.migrate(database);
        TransactionPerCall transactions = new TransactionPerCall(database);
        RenewalCheckService service = new RenewalCheckService() {
            @Override public List<String> claimOpen() {
                return transactions.run(super::claimOpen);
            }
            @Override public void answer(String userId) {
                transactions.run(() -> {
                    super.answer(userId);
                    return null;
                });
            }
        };
        service.questions = Repositories.wire(new JdbcRenewalCheckRepository(), transactions);
        service.clock = Clock.systemUTC();
        checks = new RenewalChecks();
        checks.questions = service;
        checks.entitlements = new EntitlementService() {
            @Override public Optional<EntitlementChanged> syncUser(String userId) {
                synced.add(userId);
                if (!stripeSays.containsKey(userId)) {
                    throw new IllegalStateException("Stripe answered 500 for " + userId);
                }
                return stripeSays.get(userId);
            }
        };
        Logger.getLogger(RenewalChecks.class.getName()).addHandler(logCapture);
    }

    @AfterEach
    void unwire() throws SQLException {
        Logger.getLogger(RenewalChecks.class.getName()).removeHandler(logCapture);
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("drop all objects");
        }
    }

    @Test
    void aRenewedUserIsPublishedAndEveryQuestionIsAnsweredWhateverTheSyncFound() throws SQLException {
        ask("renewed", "unknown", "failing");
        List<EntitlementChanged> published = new ArrayList<>();

        assertEquals(3, checks.answerOpen(published::add));

        assertEquals(List.of("renewed", "unknown", "failing"), synced, "each through the one sync path, once");
        assertEquals(List.of(new EntitlementChanged("renewed", 7)), published);
        assertEquals(0, unanswered(), "the gate stops waiting for all three");
        assertEquals(1, logLines.size(), String.join("\n", logLines));
        assertTrue(logLines.get(0).contains("failing") && logLines.get(0).contains("Stripe answered 500"),
                logLines.get(0));
        assertEquals(0, checks.answerOpen(published::add), "nothing is left to answer");
    }

    private void ask(String... users) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            for (int i = 0; i < users.length; i++) {
                sql.executeUpdate("insert into renewal_check (user_id, requested_at) values ('" + users[i]
                        + "', timestamp with time zone '2026-12-03 08:00:0" + i + "+00')");
            }
        }
    }

    private int unanswered() throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("select count(*) from renewal_check where answered_at is null")) {
            row.next();
            return row.getInt(1);
        }
    }
}
