package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.service.EventAlreadyClaimedException;
import dev.tollgate.payments.domain.model.EventSource;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.service.RejectedWebhookException;
import dev.tollgate.payments.domain.service.StripeObjectMissingException;
import dev.tollgate.payments.domain.service.WebhookVerification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes in one webhook delivery: verify the signature on the raw body, refuse an event of the other mode (and
 * record the refusal for the admins), then claim and apply it ({@link WebhookProcessor}, one transaction). A
 * failure is recorded in a transaction of its own and reported so that Stripe retries, except when Stripe has
 * no such object any more: retrying for three days cannot help, so it is recorded as failed and acknowledged.
 * One log line per refusal or failure. No transaction of its own: each step has its own.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class.getName());

    /** The status of an event recorded as failed that Stripe should not send again. */
    public static final String FAILED_FOR_GOOD = "failed";

    @Inject
    WebhookVerification verification;

    @Inject
    WebhookProcessor processor;

    @Inject
    WebhookEventLog eventLog;

    @Inject
    AttemptLog attempts;

    /**
     * @param payload the raw body, exactly as received
     * @param signatureHeader the {@code Stripe-Signature} header, possibly null
     */
    public WebhookReceipt receive(String payload, String signatureHeader) {
        Instant startedAt = attempts.start();
        StripeEvent event;
        try {
            event = verification.verify(payload, signatureHeader);
        } catch (RejectedWebhookException rejected) {
            LOG.warning(() -> "Webhook refused: " + oneLine(rejected.getMessage()));
            return new WebhookReceipt.Refused(rejected.getMessage());
        }
        if (event.livemode() != verification.liveMode()) {
            String reason = modeOf(event.livemode()) + " event sent to a " + modeOf(verification.liveMode())
                    + "-mode endpoint";
            recordRefused(event, reason, startedAt);
            LOG.warning(() -> "Webhook " + oneLine(event.id()) + " refused: " + reason);
            return new WebhookReceipt.Refused(reason);
        }
        return process(event, EventSource.WEBHOOK, startedAt);
    }

    /**
     * An event the catch-up found in Stripe's event list (so it is Stripe's, and of this endpoint's mode): claimed
     * and applied like a delivery, its failures recorded alike.
     */
    public WebhookReceipt receiveListed(StripeEvent event) {
        return process(event, EventSource.RECONCILE, attempts.start());
    }

    private WebhookReceipt process(StripeEvent event, EventSource source, Instant startedAt) {
        try {
            WebhookOutcome outcome = processor.process(event, source);
            return new WebhookReceipt.Acknowledged(outcome.status(), outcome.changes());
        } catch (RuntimeException failure) {
            if (Causes.find(failure, EventAlreadyClaimedException.class).isPresent()) {
                // another delivery of the same event claimed it first and committed: that one did the work
                recordDuplicate(event, source, startedAt);
                return new WebhookReceipt.Acknowledged(WebhookOutcome.duplicate().status(), List.of());
            }
            Optional<StripeObjectMissingException> missing = Causes.find(failure, StripeObjectMissingException.class);
            if (missing.isPresent()) {
                // Stripe answers 404 for the event's object (deleted, or another account's)
                String reason = "not retried, " + oneLine(missing.get().getMessage());
                recordFailure(event, source, reason, startedAt);
                LOG.warning(() -> "Webhook " + describe(event) + " failed for good: " + reason);
                return new WebhookReceipt.Acknowledged(FAILED_FOR_GOOD, List.of());
            }
            Optional<PaymentsException> known = Causes.find(failure, PaymentsException.class);
            recordFailure(event, source, known.map(Throwable::getMessage).orElse(failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage())), startedAt);
            if (known.isPresent() && known.get().reason() == PaymentsException.Reason.CUSTOMER_NOT_YET_KNOWN) {
                return new WebhookReceipt.NotYet();
            }
            LOG.log(Level.WARNING, "Webhook " + describe(event) + " failed; Stripe will retry", failure);
            return new WebhookReceipt.Failed();
        }
    }

    private void recordRefused(StripeEvent event, String reason, Instant startedAt) {
        try {
            eventLog.recordRefused(event, reason, startedAt);
        } catch (RuntimeException notRecorded) {
            LOG.log(Level.WARNING, "Could not record the refusal of webhook " + oneLine(event.id()), notRecorded);
        }
    }

    private void recordFailure(StripeEvent event, EventSource source, String error, Instant startedAt) {
        try {
            eventLog.recordFailure(event, source, error, startedAt);
        } catch (RuntimeException alsoFailed) {
            LOG.log(Level.WARNING, "Could not record the failure of webhook " + oneLine(event.id()), alsoFailed);
        }
    }

    private void recordDuplicate(StripeEvent event, EventSource source, Instant startedAt) {
        try {
            eventLog.recordDuplicate(event, source, startedAt);
        } catch (RuntimeException notRecorded) {
            LOG.log(Level.WARNING, "Could not record a duplicate of webhook " + oneLine(event.id()), notRecorded);
        }
    }

    private static String modeOf(boolean live) {
        return live ? "live" : "test";
    }

    private static String describe(StripeEvent event) {
        return oneLine(event.id()) + " (" + oneLine(event.type()) + ")";
    }

    /** Ids and types come from the body: on one line, so that no part of it can start a log line of its own. */
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ");
    }
}
