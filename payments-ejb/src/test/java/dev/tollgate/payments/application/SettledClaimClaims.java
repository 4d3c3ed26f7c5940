package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.AttemptOutcome;
import dev.tollgate.payments.domain.model.EventOutcome;
import dev.tollgate.payments.domain.model.EventSource;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.WebhookAttempt;
import dev.tollgate.payments.domain.model.WebhookEvent;
import dev.tollgate.payments.infrastructure.persistence.JdbcWebhookAttemptRepository;
import dev.tollgate.payments.infrastructure.persistence.JdbcWebhookEventRepository;
import dev.tollgate.payments.infrastructure.persistence.Repositories;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim of an event with nothing to apply writes its attempt with it (one statement on PostgreSQL, two on H2):
 * the same rows either way, and none for a delivery whose event was claimed before.
 */
abstract class SettledClaimClaims extends MigratedDatabaseClaims {

    private static final Instant T = Instant.parse("2026-12-04T08:00:00Z");

    private JdbcWebhookEventRepository events;
    private JdbcWebhookAttemptRepository attempts;

    /** How many statements a first claim with its attempt sends: one on PostgreSQL, two on H2. */
    abstract int statementsOfAFirstClaim();

    /**
     * How many statements a repeated claim sends to learn where the entry stands, locked: one on PostgreSQL, two
     * on H2 (the claim, which inserts nothing, then the entry's read).
     */
    abstract int statementsOfARepeatedClaim();

    @BeforeEach
    void wireRepositories() {
        events = Repositories.wire(new JdbcWebhookEventRepository(), transactions);
        attempts = Repositories.wire(new JdbcWebhookAttemptRepository(), transactions);
    }

    @Test
    void aFirstClaimWritesTheEntryAndItsAttemptAndASecondWritesNeither() {
        assertEquals(Optional.empty(), transactions.run(() -> events.claimWithAttempt(entry("evt_1"),
                ignored("evt_1", Duration.ofMillis(3)))), "a first claim inserts the entry");
        Optional<EventOutcome> met = transactions.run(() -> events.claimWithAttempt(entry("evt_1"),
                ignored("evt_1", Duration.ZERO)));
        assertEquals(EventStatus.IGNORED, met.orElseThrow().status(),
                "the event has its entry: nothing is written, and the claim answers where the entry stands");

        assertEquals(EventStatus.IGNORED, transactions.run(() -> events.lockedOutcome("evt_1")).orElseThrow().status());
        List<WebhookAttempt> listed = transactions.run(() -> attempts.ofEvent("evt_1", 10));
        assertEquals(List.of(ignored("evt_1", Duration.ofMillis(3))), listed);
    }

    @Test
    void aFirstClaimWithItsAttemptSendsTheStatementsItsDatabaseNeedsAndARepeatOne() {
        AtomicInteger prepared = new AtomicInteger();
        TransactionPerCall counted = new TransactionPerCall(countingStatements(database(), prepared));
        JdbcWebhookEventRepository log = Repositories.wire(new JdbcWebhookEventRepository(), counted);

        assertTrue(counted.run(() -> log.claimWithAttempt(entry("evt_6"), ignored("evt_6", Duration.ZERO))).isEmpty());
        assertEquals(statementsOfAFirstClaim(), prepared.getAndSet(0), "statements of a first claim");
        assertTrue(counted.run(() -> log.claimWithAttempt(entry("evt_6"), ignored("evt_6", Duration.ZERO))).isPresent());
        assertEquals(statementsOfARepeatedClaim(), prepared.get(), "a repeat: it inserts nothing, reads the entry");
        assertEquals(1, transactions.run(() -> attempts.ofEvent("evt_6", 10)).size(), "one attempt row, the first's");
    }

    @Test
    void anAttemptWithoutANoteKeepsNoError() {
        WebhookAttempt processed = new WebhookAttempt("evt_2", T, AttemptOutcome.PROCESSED, null, Duration.ofMillis(7),
                EventSource.RECONCILE, "node-a");
        assertTrue(transactions.run(() -> events.claimWithAttempt(entry("evt_2"), processed)).isEmpty());
        assertEquals(List.of(processed), transactions.run(() -> attempts.ofEvent("evt_2", 10)));
    }

    @Test
    void theLogTellsWhichOfAListOfEventsItKnows() {
        // the one statement that binds a list, so the one that asks Jdbi for its attribute templates
        transactions.run(() -> events.claimWithAttempt(entry("evt_3"), ignored("evt_3", Duration.ZERO)));
        transactions.run(() -> events.claimWithAttempt(entry("evt_4"), ignored("evt_4", Duration.ZERO)));
        assertEquals(java.util.Set.of("evt_3", "evt_4"),
                transactions.run(() -> events.known(List.of("evt_3", "evt_5", "evt_4"))));
    }

    /** {@code database}, counting every statement prepared on its connections into {@code prepared}. */
    private static DataSource countingStatements(DataSource database, AtomicInteger prepared) {
        return proxy(DataSource.class, database, (method, result) -> method.getName().equals("getConnection")
                ? proxy(Connection.class, result, (connectionMethod, made) -> {
                    if (connectionMethod.getName().startsWith("prepare")
                            || connectionMethod.getName().equals("createStatement")) {
                        prepared.incrementAndGet();
                    }
                    return made;
                })
                : result);
    }

    /** {@code target} behind {@code type}, each call's result passed through {@code after}. */
    private static <T> T proxy(Class<T> type, Object target, BiFunction<Method, Object, Object> after) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            try {
                return after.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException failed) {
                throw failed.getCause();
            }
        }));
    }

    private static WebhookEvent entry(String id) {
        StripeEvent event = new StripeEvent(id, "invoice.created", false, T, "in_1", "invoice", Optional.of("cus_1"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "{}");
        return new WebhookEvent(event, EventSource.WEBHOOK, T.plusSeconds(1),
                EventOutcome.first(EventStatus.IGNORED, T.plusSeconds(1), "event type not handled"));
    }

    private static WebhookAttempt ignored(String id, Duration took) {
        return new WebhookAttempt(id, T, AttemptOutcome.IGNORED, "event type not handled", took, EventSource.WEBHOOK,
                "node-a");
    }
}
