package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * The claim of an event with nothing to apply writes its attempt with it, in the entry's own row (one statement on
 * H2 and PostgreSQL alike), and nothing for a delivery whose event was claimed before; the event's later attempts
 * are rows listed after it.
 */
abstract class SettledClaimClaims extends MigratedDatabaseClaims {

    private static final Instant T = Instant.parse("2026-12-04T08:00:00Z");

    private JdbcWebhookEventRepository events;
    private JdbcWebhookAttemptRepository attempts;

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
        assertEquals(1, prepared.getAndSet(0), "a first claim is one statement, its attempt in the entry's row");
        assertTrue(counted.run(() -> log.claimWithAttempt(entry("evt_6"), ignored("evt_6", Duration.ZERO)))
                .isPresent());
        assertEquals(statementsOfARepeatedClaim(), prepared.get(), "a repeat: it inserts nothing, reads the entry");
        assertEquals(1, transactions.run(() -> attempts.ofEvent("evt_6", 10)).size(), "one attempt, the first's");
    }

    @Test
    void theAttemptKeptInTheEntrysRowIsListedBeforeTheEventsLaterAttempts() {
        transactions.run(() -> events.claimWithAttempt(entry("evt_7"), ignored("evt_7", Duration.ofMillis(4))));
        WebhookAttempt duplicate = new WebhookAttempt("evt_7", T.plusSeconds(60), AttemptOutcome.DUPLICATE, null,
                Duration.ofMillis(2), EventSource.WEBHOOK, "node-b");
        WebhookAttempt replay = new WebhookAttempt("evt_7", T.plusSeconds(90), AttemptOutcome.DUPLICATE, null,
                Duration.ofMillis(1), EventSource.REPLAY, "node-a");
        transactions.run(() -> {
            attempts.add(duplicate);
            attempts.add(replay);
            return null;
        });
        assertEquals(List.of(ignored("evt_7", Duration.ofMillis(4)), duplicate, replay),
                transactions.run(() -> attempts.ofEvent("evt_7", 10)));
        assertEquals(2, transactions.run(() -> attempts.ofEvent("evt_7", 2)).size(), "at most the limit");
    }

    @Test
    void anEventClaimedWithoutAnAttemptListsOnlyTheRowsWrittenForIt() {
        assertTrue(transactions.run(() -> events.claim(entry("evt_8"))).isEmpty());
        WebhookAttempt processed = new WebhookAttempt("evt_8", T, AttemptOutcome.PROCESSED, null, Duration.ofMillis(9),
                EventSource.WEBHOOK, "node-a");
        transactions.run(() -> {
            attempts.add(processed);
            return null;
        });
        assertEquals(List.of(processed), transactions.run(() -> attempts.ofEvent("evt_8", 10)));
    }

    @Test
    void anAttemptThatIsNotTheEntrysFirstIsRefusedAndNothingIsClaimed() {
        WebhookAttempt otherMoment = new WebhookAttempt("evt_9", T.minusSeconds(1), AttemptOutcome.IGNORED,
                "event type not handled", Duration.ZERO, EventSource.WEBHOOK, "node-a");
        WebhookAttempt otherOutcome = new WebhookAttempt("evt_9", T, AttemptOutcome.PROCESSED,
                "event type not handled", Duration.ZERO, EventSource.WEBHOOK, "node-a");
        WebhookAttempt otherSource = new WebhookAttempt("evt_9", T, AttemptOutcome.IGNORED, "event type not handled",
                Duration.ZERO, EventSource.RECONCILE, "node-a");
        WebhookAttempt otherEvent = ignored("evt_10", Duration.ZERO);
        for (WebhookAttempt wrong : List.of(otherMoment, otherOutcome, otherSource, otherEvent)) {
            assertThrows(IllegalArgumentException.class,
                    () -> transactions.run(() -> events.claimWithAttempt(entry("evt_9"), wrong)), wrong.toString());
        }
        assertTrue(transactions.run(() -> events.lockedOutcome("evt_9")).isEmpty(), "nothing claimed");
    }

    @Test
    void anAttemptWithoutANoteKeepsNoError() {
        WebhookAttempt processed = new WebhookAttempt("evt_2", T, AttemptOutcome.PROCESSED, null, Duration.ofMillis(7),
                EventSource.RECONCILE, "node-a");
        WebhookEvent reconciled = new WebhookEvent(event("evt_2"), EventSource.RECONCILE, T,
                EventOutcome.first(EventStatus.PROCESSED, T.plusSeconds(1), null));
        assertTrue(transactions.run(() -> events.claimWithAttempt(reconciled, processed)).isEmpty());
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

    /** An ignored event's entry, received at T, as its first attempt ({@link #ignored}) has it. */
    private static WebhookEvent entry(String id) {
        return new WebhookEvent(event(id), EventSource.WEBHOOK, T,
                EventOutcome.first(EventStatus.IGNORED, T.plusSeconds(1), "event type not handled"));
    }

    private static StripeEvent event(String id) {
        return new StripeEvent(id, "invoice.created", false, T, "in_1", "invoice", Optional.of("cus_1"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "{}");
    }

    private static WebhookAttempt ignored(String id, Duration took) {
        return new WebhookAttempt(id, T, AttemptOutcome.IGNORED, "event type not handled", took, EventSource.WEBHOOK,
                "node-a");
    }
}
