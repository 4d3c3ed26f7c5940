package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.EventSource;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.service.EventAlreadyClaimedException;
import dev.tollgate.payments.domain.service.RejectedWebhookException;
import dev.tollgate.payments.domain.service.StripeObjectMissingException;
import dev.tollgate.payments.domain.service.WebhookVerification;
import jakarta.ejb.EJBException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What the intake makes of a delivery, with the verification, the processor and the event log faked. */
class WebhookIntakeTest {

    private static final String SIGNED = "t=1,v1=good";

    private boolean liveEndpoint;
    private boolean liveEvent;
    private Function<StripeEvent, WebhookOutcome> processing = event -> new WebhookOutcome("processed", List.of());
    private final List<String> refusals = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int processed;
    private int duplicates;
    private RuntimeException recordingFails;

    private WebhookReceipt receive(String signatureHeader) {
        WebhookIntake intake = new WebhookIntake();
        intake.verification = new WebhookVerification() {
            @Override
            public StripeEvent verify(String payload, String header) {
                if (!SIGNED.equals(header)) {
                    throw new RejectedWebhookException("signature does not match or timestamp outside tolerance");
                }
                return new StripeEvent("evt_1", "customer.subscription.updated", liveEvent, Instant.EPOCH, "sub_1",
                        "subscription", Optional.of("cus_1"), Optional.empty(), Optional.of("sub_1"), Optional.empty(),
                        Optional.empty(), Optional.empty(), payload);
            }

            @Override
            public StripeEvent readLogged(String payload) {
                throw new UnsupportedOperationException("intake never reads the log");
            }

            @Override
            public boolean liveMode() {
                return liveEndpoint;
            }
        };
        intake.processor = new WebhookProcessor() {
            @Override
            public WebhookOutcome process(StripeEvent event, EventSource source) {
                processed++;
                return processing.apply(event);
            }
        };
        intake.eventLog = new WebhookEventLog() {
            @Override
            public void recordFailure(StripeEvent event, EventSource source, String error, Instant startedAt) {
                if (recordingFails != null) {
                    throw recordingFails;
                }
                failures.add(event.id() + ": " + error);
            }

            @Override
            public void recordRefused(StripeEvent event, String reason, Instant startedAt) {
                refusals.add(event.id() + ": " + reason);
            }

            @Override
            public void recordDuplicate(StripeEvent event, EventSource source, Instant startedAt) {
                duplicates++;
            }
        };
        intake.attempts = new AttemptLog();
        intake.attempts.clock = java.time.Clock.systemUTC();
        return intake.receive("{}", signatureHeader);
    }

    @Test
    void aProcessedEventIsAcknowledgedWithItsCommittedChanges() {
        EntitlementChanged change = new EntitlementChanged("alice", 3);
        processing = event -> new WebhookOutcome("processed", List.of(change));
        WebhookReceipt receipt = receive(SIGNED);
        assertEquals(new WebhookReceipt.Acknowledged("processed", List.of(change)), receipt);
        assertTrue(refusals.isEmpty() && failures.isEmpty());
    }

    @Test
    void aBadSignatureIsRefusedWithItsReasonAndNothingIsProcessedOrRecorded() {
        WebhookReceipt receipt = receive("t=1,v1=forged");
        assertEquals(new WebhookReceipt.Refused("signature does not match or timestamp outside tolerance"), receipt);
        assertEquals(0, processed);
        assertTrue(refusals.isEmpty() && failures.isEmpty(), "an unsigned body is nobody's event: nothing recorded");
    }

    @Test
    void aLiveEventAtATestEndpointIsRefusedAndTheRefusalRecorded() {
        liveEvent = true;
        WebhookReceipt receipt = receive(SIGNED);
        assertEquals(new WebhookReceipt.Refused("live event sent to a test-mode endpoint"), receipt);
        assertEquals(List.of("evt_1: live event sent to a test-mode endpoint"), refusals);
        assertEquals(0, processed);
    }

    @Test
    void aTestEventAtALiveEndpointIsRefusedToo() {
        liveEndpoint = true;
        assertEquals(new WebhookReceipt.Refused("test event sent to a live-mode endpoint"), receive(SIGNED));
    }

    @Test
    void aConcurrentDeliveryThatClaimedFirstMakesThisOneADuplicate() {
        processing = event -> {
            throw new EJBException(new EventAlreadyClaimedException(event.id()));
        };
        assertEquals(new WebhookReceipt.Acknowledged("duplicate", List.of()), receive(SIGNED));
        assertTrue(failures.isEmpty());
        assertEquals(1, duplicates, "the raced delivery is listed as a duplicate attempt");
    }

    @Test
    void anObjectStripeNoLongerHasIsRecordedAsFailedAndAcknowledged() {
        processing = event -> {
            throw new StripeObjectMissingException("No such subscription: 'sub_1'", null);
        };
        assertEquals(new WebhookReceipt.Acknowledged(WebhookIntake.FAILED_FOR_GOOD, List.of()), receive(SIGNED));
        assertEquals(List.of("evt_1: not retried, No such subscription: 'sub_1'"), failures);
    }

    @Test
    void aCustomerNotYetLinkedIsRecordedAndAskedAgainLater() {
        processing = event -> {
            throw new PaymentsException(PaymentsException.Reason.CUSTOMER_NOT_YET_KNOWN, "customer not linked");
        };
        assertInstanceOf(WebhookReceipt.NotYet.class, receive(SIGNED));
        assertEquals(List.of("evt_1: customer not linked"), failures);
    }

    @Test
    void anyOtherFailureIsRecordedAndRetried() {
        processing = event -> {
            throw new IllegalStateException("database went away");
        };
        assertInstanceOf(WebhookReceipt.Failed.class, receive(SIGNED));
        assertEquals(List.of("evt_1: IllegalStateException: database went away"), failures);
    }

    /**
     * A database outage fails every delivery, and Stripe retries each: one warning per delivery saying what failed,
     * the event and the driver's SQLState, and no stack trace, also when recording the failure fails as well.
     */
    @Test
    void aDatabaseFailureIsOneLogLineWithTheEventAndTheSqlStateAndIsRetried() {
        processing = event -> {
            throw new EJBException(new IllegalStateException("statement failed",
                    new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        };
        recordingFails = new IllegalStateException("could not open a transaction",
                new SQLException("Connection refused", "08001"));
        List<LogRecord> logged = logOf(WebhookIntake.class, () ->
                assertInstanceOf(WebhookReceipt.Failed.class, receive(SIGNED)));
        assertEquals(1, logged.size(), "one line per failed delivery: " + logged);
        LogRecord line = logged.get(0);
        assertEquals(Level.WARNING, line.getLevel());
        assertNull(line.getThrown(), "no stack trace");
        String message = line.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("Webhook evt_1 (customer.subscription.updated) failed, Stripe will retry:"),
                message);
        assertTrue(message.contains("SQLState 08006: An I/O error occurred while sending to the backend."), message);
        assertTrue(message.contains("not recorded either: database failure, SQLState 08001: Connection refused"),
                message);
    }

    @Test
    void aRecordedDatabaseFailureKeepsTheDriversWordsNotTheWrappersStatement() {
        processing = event -> {
            throw new IllegalStateException("[statement: insert into webhook_event ... payload={...}]",
                    new SQLException("terminating connection", "57P01"));
        };
        List<LogRecord> logged = logOf(WebhookIntake.class, () -> receive(SIGNED));
        assertEquals(List.of("evt_1: database failure, SQLState 57P01: terminating connection"), failures);
        assertEquals(1, logged.size());
        assertFalse(logged.get(0).getMessage().contains("payload"), logged.get(0).getMessage());
    }

    /** The records {@code type}'s logger publishes while {@code action} runs. */
    private static List<LogRecord> logOf(Class<?> type, Runnable action) {
        Logger logger = Logger.getLogger(type.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord entry) {
                records.add(entry);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return records;
    }
}
