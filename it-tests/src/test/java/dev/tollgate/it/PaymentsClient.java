package dev.tollgate.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Talks to a deployed payments WAR over real HTTP, as Stripe and a monitoring probe would. */
final class PaymentsClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param context the WAR's context URL, e.g. {@code http://127.0.0.1:8080/payments/} */
    PaymentsClient(URL context) {
        this.context = URI.create(context.toExternalForm().endsWith("/") ? context.toExternalForm()
                : context.toExternalForm() + "/");
    }

    /** {@code /health} as anyone sees it: UP or DOWN. */
    HttpResponse<String> health() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(context.resolve("health")).GET());
    }

    /** {@code /health} with the details, as a monitoring system holding the server's monitoring token reads it. */
    HttpResponse<String> healthDetails() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(context.resolve("health"))
                .header("Authorization", "Bearer " + System.getProperty("it.monitoring.token")).GET());
    }

    /** Posts the event's raw bytes with its {@code Stripe-Signature}, as Stripe delivers a webhook. */
    HttpResponse<String> deliver(SignedEvent event) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(context.resolve("stripe/webhook"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", event.signature())
                .POST(HttpRequest.BodyPublishers.ofString(event.body())));
    }

    /** The body as a JSON object, failing with the body itself when it is not one. */
    static JsonObject json(HttpResponse<String> response) {
        try {
            return JsonParser.parseString(response.body()).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new AssertionError("Not a JSON object (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
