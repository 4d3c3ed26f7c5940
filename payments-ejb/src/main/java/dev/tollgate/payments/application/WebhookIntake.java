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
            Optional<String> notRecorded = recordRefused(event, reason, startedAt);
            LOG.warning(() -> "Webhook " + oneLine(event.id()) + " refused: " + reason
                    + notRecorded.map(why -> "; the refusal was not recorded: " + oneLine(why)).orElse(""));
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
                Optional<String> notRecorded = recordFailure(event, source, reason, startedAt);
                LOG.warning(() -> "Webhook " + describe(event) + " failed for good: " + reason
                        + notRecorded.map(why -> "; the failure was not recorded: " + oneLine(why)).orElse(""));
                return new WebhookReceipt.Acknowledged(FAILED_FOR_GOOD, List.of());
            }
            Optional<PaymentsException> known = Causes.find(failure, PaymentsException.class);
            String reason = known.map(Throwable::getMessage).orElseGet(() -> FailureText.of(failure));
            Optional<String> notRecorded = recordFailure(event, source, reason, startedAt);
            if (known.isPresent() && known.get().reason() == PaymentsException.Reason.CUSTOMER_NOT_YET_KNOWN) {
                return new WebhookReceipt.NotYet();
            }
            // One line, no stack trace: a database outage fails every delivery, and each is retried by Stripe.
            LOG.warning(() -> "Webhook " + describe(event) + " failed, Stripe will retry: " + oneLine(reason)
                    + notRecorded.map(why -> "; the failure was not recorded either: " + oneLine(why)).orElse(""));
            return new WebhookReceipt.Failed();
        }
    }

    private Optional<String> recordRefused(StripeEvent event, String reason, Instant startedAt) {
        try {
            eventLog.recordRefused(event, reason, startedAt);
            return Optional.empty();
        } catch (RuntimeException notRecorded) {
            return Optional.of(FailureText.of(notRecorded));
        }
    }

    /**
     * Records the failure in a transaction of its own; when that fails too (the database is what failed), answers
     * why, for the failure's one log line.
     */
    private Optional<String> recordFailure(StripeEvent event, EventSource source, String error, Instant startedAt) {
        try {
            eventLog.recordFailure(event, source, error, startedAt);
            return Optional.empty();
        } catch (RuntimeException alsoFailed) {
            return Optional.of(FailureText.of(alsoFailed));
        }
    }

    private void recordDuplicate(StripeEvent event, EventSource source, Instant startedAt) {
        try {
            eventLog.recordDuplicate(event, source, startedAt);
        } catch (RuntimeException notRecorded) {
            LOG.warning(() -> "Could not record a duplicate of webhook " + oneLine(event.id()) + ": "
                    + oneLine(FailureText.of(notRecorded)));
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
