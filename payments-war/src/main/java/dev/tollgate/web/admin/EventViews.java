package dev.tollgate.web.admin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tollgate.payments.domain.model.LoggedEvent;
import dev.tollgate.payments.domain.model.WebhookAttempt;
import java.util.List;
import java.util.Optional;

/** Logged events as the console's pages and its JSON write them: ISO-8601 times, and the same in the admin's zone. */
final class EventViews {

    /** The amount fields Stripe's objects carry, in the order they say most about a payment. */
    private static final List<String> AMOUNT_FIELDS = List.of("amount_total", "amount_paid", "amount_refunded",
            "amount");

    private EventViews() {
    }

    record EventRow(String eventId, String type, String status, boolean livemode, String objectId, String source,
                    int attempts, String lastError, String created, String createdText, String received,
                    String receivedText, String processed, String processedText) {
    }

    record EventDetail(EventRow event, String amount, String customer, String payload, List<AttemptRow> attempts) {
    }

    /** One attempt; {@code number} is its place among the event's attempts, from 1. */
    record AttemptRow(int number, String received, String receivedText, String outcome, String error,
                      long durationMs, String source, String node) {
    }

    static EventRow row(LoggedEvent event, ConsoleFormat format) {
        return new EventRow(event.eventId(), event.type(), event.status().dbValue(), event.livemode(),
                event.objectId(), event.source(), event.attempts(), event.lastError(), iso(event.stripeCreated()),
                format.time(event.stripeCreated()), iso(event.receivedAt()), format.time(event.receivedAt()),
                iso(event.processedAt()), format.time(event.processedAt()));
    }

    /** The event with its payload (pretty-printed when it is JSON) and the money and customer it names. */
    static EventDetail detail(LoggedEvent event, List<WebhookAttempt> attempts, ConsoleFormat format) {
        Optional<JsonObject> object = event.payload().flatMap(EventViews::dataObject);
        String amount = object.flatMap(EventViews::amount).orElse("");
        String customer = object.map(o -> o.get("customer")).filter(JsonElement::isJsonPrimitive)
                .map(JsonElement::getAsString).orElse("");
        List<AttemptRow> attemptRows = new java.util.ArrayList<>();
        for (WebhookAttempt attempt : attempts) {
            attemptRows.add(new AttemptRow(attemptRows.size() + 1, iso(attempt.receivedAt()),
                    format.time(attempt.receivedAt()), attempt.outcome().dbValue(),
                    attempt.error() == null ? "" : attempt.error(), attempt.duration().toMillis(),
                    attempt.source().dbValue(), attempt.node()));
        }
        return new EventDetail(row(event, format), amount, customer, event.payload().map(EventViews::pretty).orElse(""),
                List.copyOf(attemptRows));
    }

    private static Optional<JsonObject> dataObject(String payload) {
        try {
            JsonObject root = JsonParser.parseString(payload).getAsJsonObject();
            return Optional.of(root.getAsJsonObject("data").getAsJsonObject("object"));
        } catch (RuntimeException notAnEvent) {
            return Optional.empty();
        }
    }

    private static Optional<String> amount(JsonObject object) {
        JsonElement currency = object.get("currency");
        if (currency == null || !currency.isJsonPrimitive()) {
            return Optional.empty();
        }
        for (String field : AMOUNT_FIELDS) {
            JsonElement value = object.get(field);
            if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                return Optional.of(ConsoleFormat.money(value.getAsLong(), currency.getAsString()) + " (" + field + ")");
            }
        }
        return Optional.empty();
    }

    private static String pretty(String payload) {
        try {
            return new com.google.gson.GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(JsonParser.parseString(payload));
        } catch (RuntimeException notJson) {
            return payload;
        }
    }

    private static String iso(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
