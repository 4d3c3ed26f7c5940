package dev.tollgate.web.stripe;

import dev.tollgate.payments.application.EventAlreadyClaimedException;
import dev.tollgate.payments.application.PaymentsException;
import dev.tollgate.payments.application.WebhookEventLog;
import dev.tollgate.payments.application.WebhookOutcome;
import dev.tollgate.payments.application.WebhookProcessor;
import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.config.StripeMode;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.service.StripeObjectMissingException;
import dev.tollgate.payments.infrastructure.stripe.RejectedWebhookException;
import dev.tollgate.payments.infrastructure.stripe.WebhookVerifier;
import dev.tollgate.web.EntitlementPublisher;
import dev.tollgate.web.Failures;
import dev.tollgate.web.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /stripe/webhook}: verify the raw bytes, then claim and apply the event in one transaction.
 * 200 means done, duplicate or deliberately ignored; 400 a delivery that will never be good; 5xx "try again",
 * and Stripe will. An error is never answered with 200.
 */
@WebServlet(urlPatterns = "/stripe/webhook")
public class WebhookServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(WebhookServlet.class.getName());

    /** The answer's status for an event recorded as failed that Stripe should not send again. */
    static final String FAILED_FOR_GOOD = "failed";

    /** The few answers a delivery can get, rendered once rather than per request. */
    private static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();

    @Inject
    PaymentsConfig config;

    @Inject
    WebhookProcessor processor;

    @Inject
    WebhookEventLog eventLog;

    @Inject
    EntitlementPublisher publisher;

    @Inject
    Clock clock;

    /** Only POST is Stripe's; anything else gets a short 405 of ours, not the container's error page. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            Responses.refuse(LOG, response, 405, "Method not allowed: Stripe webhooks are POSTed.",
                    "a webhook " + Responses.oneLine(request.getMethod()));
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isJson(request.getContentType())) {
            // Stripe always posts application/json; anything else is not a delivery, whatever it is signed with
            LOG.warning(() -> "Webhook refused: content type " + Responses.oneLine(request.getContentType()) + ", not JSON");
            Responses.plain(response, 415, "Webhook refused: Stripe posts application/json.");
            return;
        }
        Optional<String> body = readCapped(request);
        if (body.isEmpty()) {
            Responses.refuse(LOG, response, 413, "Payload too large.", "a webhook");
            return;
        }
        StripeEvent event;
        try {
            event = new WebhookVerifier(config.webhookSecrets(), clock)
                    .verify(body.get(), request.getHeader("Stripe-Signature"));
        } catch (RejectedWebhookException rejected) {
            LOG.warning(() -> "Webhook refused: " + Responses.oneLine(rejected.getMessage()));
            Responses.plain(response, 400, "Webhook refused: " + rejected.getMessage() + ".");
            return;
        }
        if (event.livemode() != (config.mode() == StripeMode.LIVE)) {
            String reason = (event.livemode() ? "live" : "test") + " event sent to a " + config.mode().label()
                    + "-mode endpoint";
            recordRefused(event, reason);
            LOG.warning(() -> "Webhook " + Responses.oneLine(event.id()) + " refused: " + reason);
            Responses.plain(response, 400, "Webhook refused: " + reason + ".");
            return;
        }
        process(event, response);
    }

    private void process(StripeEvent event, HttpServletResponse response) throws IOException {
        try {
            WebhookOutcome outcome = processor.process(event);
            publisher.publishCommitted(outcome.changes());
            Responses.jsonText(response, 200, answer(outcome.status()));
        } catch (RuntimeException failure) {
            if (Failures.find(failure, EventAlreadyClaimedException.class).isPresent()) {
                // another delivery of the same event claimed it first and committed: that one did the work
                Responses.jsonText(response, 200, answer(WebhookOutcome.duplicate().status()));
                return;
            }
            Optional<PaymentsException> known = Failures.find(failure, PaymentsException.class);
            String error = known.map(Throwable::getMessage).orElse(failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
            Optional<StripeObjectMissingException> missing = Failures.find(failure, StripeObjectMissingException.class);
            if (missing.isPresent()) {
                // Stripe answers 404 for the event's object (deleted, or another account's): retrying for three
                // days cannot help, so the event is recorded as failed with the reason and acknowledged.
                String reason = "not retried, " + Responses.oneLine(missing.get().getMessage());
                recordFailure(event, reason);
                LOG.warning(() -> "Webhook " + Responses.oneLine(event.id()) + " (" + Responses.oneLine(event.type()) + ") failed for good: " + reason);
                Responses.jsonText(response, 200, answer(FAILED_FOR_GOOD));
                return;
            }
            recordFailure(event, error);
            if (known.isPresent() && known.get().reason() == PaymentsException.Reason.CUSTOMER_NOT_YET_KNOWN) {
                Responses.plain(response, 503, "Customer not known yet; retry later.");
                return;
            }
            LOG.log(Level.WARNING, "Webhook " + Responses.oneLine(event.id()) + " (" + Responses.oneLine(event.type()) + ") failed; Stripe will retry",
                    failure);
            Responses.plain(response, 500, "Processing failed; retry later.");
        }
    }

    private static String answer(String status) {
        return ANSWERS.computeIfAbsent(status, known -> Responses.toJson(new Answer(true, known)));
    }

    /** The body of every 200: Stripe reads only the status code; the status is for people reading deliveries. */
    record Answer(boolean received, String status) {
    }

    private void recordRefused(StripeEvent event, String reason) {
        try {
            eventLog.recordRefused(event, reason);
        } catch (RuntimeException notRecorded) {
            LOG.log(Level.WARNING, "Could not record the refusal of webhook " + event.id(), notRecorded);
        }
    }

    private void recordFailure(StripeEvent event, String error) {
        try {
            eventLog.recordFailure(event, error);
        } catch (RuntimeException alsoFailed) {
            LOG.log(Level.WARNING, "Could not record the failure of webhook " + event.id(), alsoFailed);
        }
    }

    /** The body as UTF-8, or empty when it is larger than the configured cap (the rest is not read). */
    private Optional<String> readCapped(HttpServletRequest request) throws IOException {
        int max = config.webhookMaxBytes();
        if (request.getContentLengthLong() > max) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** {@code application/json}, with or without parameters such as the charset. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return mediaType.equalsIgnoreCase("application/json");
    }
}
