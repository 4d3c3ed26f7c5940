package dev.tollgate.web.stripe;

import dev.tollgate.payments.application.WebhookIntake;
import dev.tollgate.payments.application.WebhookReceipt;
import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.web.EntitlementPublisher;
import dev.tollgate.web.Responses;
import dev.tollgate.web.health.WebhookTimings;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * {@code POST /stripe/webhook}: HTTP only — method, content type, size cap — then the raw bytes go to
 * {@link WebhookIntake}, and what it made of them becomes the status. 200 means done, duplicate or deliberately
 * ignored; 400 a delivery that will never be good; 5xx "try again", and Stripe will. An error is never answered
 * with 200.
 */
@WebServlet(urlPatterns = "/stripe/webhook")
public class WebhookServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(WebhookServlet.class.getName());

    /** The few answers a delivery can get, rendered once rather than per request. */
    private static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();

    @Inject
    PaymentsConfig config;

    @Inject
    WebhookIntake intake;

    @Inject
    EntitlementPublisher publisher;

    @Inject
    WebhookTimings timings;

    @Inject
    RefusedDeliveries refusedDeliveries;

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

    /** Every delivery's answer and time go to the node's figures ({@code /admin/metrics}). */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        int status = 500; // what the container answers when receive() throws
        try {
            receive(request, response);
            status = response.getStatus();
        } finally {
            timings.record(status, System.nanoTime() - started);
        }
    }

    private void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
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
        WebhookReceipt receipt = intake.receive(body.get(), request.getHeader("Stripe-Signature"));
        if (receipt instanceof WebhookReceipt.Acknowledged done) {
            publisher.publishCommitted(done.changes());
            Responses.jsonText(response, 200, answer(done.status()));
        } else if (receipt instanceof WebhookReceipt.Refused refused) {
            refusedDeliveries.record(refused.reason());
            Responses.plain(response, 400, "Webhook refused: " + refused.reason() + ".");
        } else if (receipt instanceof WebhookReceipt.NotYet) {
            Responses.plain(response, 503, "Customer not known yet; retry later.");
        } else {
            Responses.plain(response, 500, "Processing failed; retry later.");
        }
    }

    private static String answer(String status) {
        return ANSWERS.computeIfAbsent(status, known -> Responses.toJson(new Answer(true, known)));
    }

    /** The body of every 200: Stripe reads only the status code; the status is for people reading deliveries. */
    record Answer(boolean received, String status) {
    }

    /** The body as UTF-8, or empty when it is larger than the configured cap (the rest is not read). */
    private Optional<String> readCapped(HttpServletRequest request) throws IOException {
        int max = config.webhookMaxBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            if (declared >= 0) {
                // Stripe declares the length (the container delivers no more): one array of that size, rather than
                // chunks read until the end and copied together
                byte[] bytes = new byte[(int) declared];
                int read = in.readNBytes(bytes, 0, bytes.length);
                return Optional.of(new String(bytes, 0, read, StandardCharsets.UTF_8));
            }
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
