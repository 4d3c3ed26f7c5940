package dev.tollgate.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Real-shaped Stripe events that did not come from the emulator, and a way to post them at the webhook. */
final class ForgedEvents {

    static final String EVENT_ID = "evt_forged_1Q2w3E4r5T6y7U8i";

    private ForgedEvents() {
    }

    /** A {@code checkout.session.completed} event that would give {@code user} a subscription if it were believed. */
    static String checkoutCompletedFor(String user) {
        long created = System.currentTimeMillis() / 1000;
        return """
                {
                  "id": "%s",
                  "object": "event",
                  "api_version": "2026-07-29.dahlia",
                  "created": %d,
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {"id": null, "idempotency_key": null},
                  "type": "checkout.session.completed",
                  "data": {
                    "object": {
                      "id": "cs_test_forged1",
                      "object": "checkout.session",
                      "client_reference_id": "%s",
                      "customer": "cus_forged1",
                      "livemode": false,
                      "mode": "subscription",
                      "payment_status": "paid",
                      "status": "complete",
                      "subscription": "sub_forged1",
                      "metadata": {}
                    }
                  }
                }""".formatted(EVENT_ID, created, user);
    }

    /** Posts {@code body} to the payments WAR's webhook with the given {@code Stripe-Signature} (none if null). */
    static HttpResponse<String> deliver(URI home, String body, String signature)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(home.resolve("/payments/stripe/webhook"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
