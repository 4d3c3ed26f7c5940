package dev.tollgate.emulator.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.List;
import java.util.Map;

/** Card payments (payment method, payment intent, charge) and refunds. Call under the store's lock. */
public final class Payments {
    private static final int EXP_YEAR = 2034;

    private final Store store;

    public Payments(Store store) {
        this.store = store;
    }

    /** A succeeded payment: its intent and its charge. */
    public record Payment(JsonObject intent, JsonObject charge) {
        public String intentId() {
            return Json.string(intent, "id");
        }
    }

    /** What to charge. {@code customerId} may be null (a guest payment). */
    public record Charge(String customerId, long amount, String currency, String description,
            Map<String, String> metadata, String email) {
    }

    /** Saves the card as a payment method of the customer. */
    public JsonObject attachCard(TestCard card, String customerId, String email) {
        JsonObject details = new JsonObject();
        details.addProperty("brand", card.brand());
        details.addProperty("country", "US");
        details.addProperty("exp_month", 12);
        details.addProperty("exp_year", EXP_YEAR);
        details.addProperty("funding", "credit");
        details.addProperty("last4", card.last4());

        JsonObject method = new JsonObject();
        method.addProperty("id", store.newId("pm"));
        method.addProperty("object", "payment_method");
        method.add("billing_details", billingDetails(email));
        method.add("card", details);
        method.addProperty("created", store.now());
        Json.put(method, "customer", customerId);
        method.addProperty("livemode", false);
        method.add("metadata", new JsonObject());
        method.addProperty("type", "card");
        // Kept so later charges (renewals, retries) behave as this test card does; never shown to clients.
        method.addProperty("_card_number", card.number());
        return store.insert(method);
    }

    private static JsonObject billingDetails(String email) {
        JsonObject billing = new JsonObject();
        Json.putNulls(billing, "address", "name", "phone", "tax_id");
        Json.put(billing, "email", email);
        return billing;
    }

    /**
     * Charges the card: creates a succeeded payment intent and charge, without events, because in a
     * subscription purchase Stripe reports them after the invoice's events; see {@link #announce}.
     */
    public Payment charge(Charge request, JsonObject paymentMethod) {
        long now = store.now();
        String intentId = store.newId("pi");
        String chargeId = store.newId("ch");
        JsonObject card = paymentMethod.getAsJsonObject("card");

        JsonObject intent = new JsonObject();
        intent.addProperty("id", intentId);
        intent.addProperty("object", "payment_intent");
        intent.addProperty("amount", request.amount());
        intent.addProperty("amount_capturable", 0);
        intent.addProperty("amount_received", request.amount());
        Json.putNulls(intent, "canceled_at", "cancellation_reason", "last_payment_error", "next_action",
                "receipt_email", "setup_future_usage", "statement_descriptor");
        intent.addProperty("capture_method", "automatic");
        intent.addProperty("client_secret", intentId + "_secret_" + store.newId("s").substring(2));
        intent.addProperty("confirmation_method", "automatic");
        intent.addProperty("created", now);
        intent.addProperty("currency", request.currency());
        Json.put(intent, "customer", request.customerId());
        Json.put(intent, "description", request.description());
        intent.addProperty("latest_charge", chargeId);
        intent.addProperty("livemode", false);
        intent.add("metadata", Json.stringMap(request.metadata()));
        intent.addProperty("payment_method", Json.string(paymentMethod, "id"));
        intent.add("payment_method_types", Json.strings("card"));
        intent.addProperty("status", "succeeded");

        JsonObject outcome = new JsonObject();
        outcome.addProperty("network_status", "approved_by_network");
        outcome.add("reason", JsonNull.INSTANCE);
        outcome.addProperty("risk_level", "normal");
        outcome.addProperty("seller_message", "Payment complete.");
        outcome.addProperty("type", "authorized");
        JsonObject methodDetails = new JsonObject();
        methodDetails.add("card", card.deepCopy());
        methodDetails.addProperty("type", "card");

        JsonObject charge = new JsonObject();
        charge.addProperty("id", chargeId);
        charge.addProperty("object", "charge");
        charge.addProperty("amount", request.amount());
        charge.addProperty("amount_captured", request.amount());
        charge.addProperty("amount_refunded", 0);
        Json.putNulls(charge, "balance_transaction", "failure_code", "failure_message", "receipt_email",
                "receipt_url", "review", "statement_descriptor");
        charge.add("billing_details", billingDetails(request.email()));
        charge.addProperty("captured", true);
        charge.addProperty("created", now);
        charge.addProperty("currency", request.currency());
        Json.put(charge, "customer", request.customerId());
        Json.put(charge, "description", request.description());
        charge.addProperty("disputed", false);
        charge.addProperty("livemode", false);
        charge.add("metadata", Json.stringMap(request.metadata()));
        charge.add("outcome", outcome);
        charge.addProperty("paid", true);
        charge.addProperty("payment_intent", intentId);
        charge.addProperty("payment_method", Json.string(paymentMethod, "id"));
        charge.add("payment_method_details", methodDetails);
        charge.addProperty("refunded", false);
        charge.add("refunds", Json.list(List.of(), false, "/v1/charges/" + chargeId + "/refunds"));
        charge.addProperty("status", "succeeded");

        return new Payment(store.insert(intent), store.insert(charge));
    }

    /** The test card behind a saved payment method. */
    public TestCard cardOf(JsonObject paymentMethod) {
        return TestCards.lookup(Json.string(paymentMethod, "_card_number"))
                .orElseThrow(() -> new IllegalStateException("payment method without a test card"));
    }

    /**
     * A charge the issuer declined: the intent waits for another payment method, the charge failed. Records
     * {@code payment_intent.payment_failed} and {@code charge.failed}.
     */
    public Payment declined(Charge request, JsonObject paymentMethod, TestCard card) {
        Payment payment = charge(request, paymentMethod);
        JsonObject error = new JsonObject();
        error.addProperty("type", "card_error");
        error.addProperty("code", "card_declined");
        Json.put(error, "decline_code", card.declineCode());
        Json.put(error, "message", card.message());
        error.addProperty("charge", Json.string(payment.charge(), "id"));
        JsonObject intent = payment.intent();
        intent.addProperty("amount_received", 0);
        intent.addProperty("status", "requires_payment_method");
        intent.add("last_payment_error", error);
        JsonObject charge = payment.charge();
        charge.addProperty("amount_captured", 0);
        charge.addProperty("captured", false);
        charge.addProperty("paid", false);
        charge.addProperty("status", "failed");
        charge.addProperty("failure_code", "card_declined");
        Json.put(charge, "failure_message", card.message());
        JsonObject outcome = charge.getAsJsonObject("outcome");
        outcome.addProperty("network_status", "declined_by_network");
        Json.put(outcome, "reason", card.declineCode());
        outcome.addProperty("seller_message", "The bank did not return any further details with this decline.");
        outcome.addProperty("type", "issuer_declined");
        store.recordEvent("payment_intent.payment_failed", intent, null);
        store.recordEvent("charge.failed", charge, null);
        return payment;
    }

    /** Records {@code payment_intent.succeeded} and {@code charge.succeeded}. */
    public void announce(Payment payment) {
        store.recordEvent("payment_intent.succeeded", payment.intent(), null);
        store.recordEvent("charge.succeeded", payment.charge(), null);
    }

    /**
     * Refunds all or part of a charge, named directly or through its payment intent.
     *
     * @param amount the amount to refund, or null for everything not yet refunded
     */
    public JsonObject refund(String chargeId, String paymentIntentId, Long amount, String reason,
            Map<String, String> metadata) {
        JsonObject charge = chargeFor(chargeId, paymentIntentId);
        long refundable = Json.integer(charge, "amount") - Json.integer(charge, "amount_refunded");
        long refundAmount = amount == null ? refundable : amount;
        if (refundable <= 0) {
            throw new ApiError(400, "invalid_request_error", "charge_already_refunded",
                    "Charge " + Json.string(charge, "id") + " has already been refunded.", null);
        }
        if (refundAmount <= 0 || refundAmount > refundable) {
            throw ApiError.invalidParam("amount", "Refund amount (" + refundAmount
                    + ") is greater than unrefunded amount on charge (" + refundable + ")");
        }
        JsonObject refund = new JsonObject();
        refund.addProperty("id", store.newId("re"));
        refund.addProperty("object", "refund");
        refund.addProperty("amount", refundAmount);
        refund.add("balance_transaction", JsonNull.INSTANCE);
        refund.addProperty("charge", Json.string(charge, "id"));
        refund.addProperty("created", store.now());
        refund.addProperty("currency", Json.string(charge, "currency"));
        refund.add("metadata", Json.stringMap(metadata));
        refund.addProperty("payment_intent", Json.string(charge, "payment_intent"));
        Json.put(refund, "reason", reason);
        refund.add("receipt_number", JsonNull.INSTANCE);
        refund.addProperty("status", "succeeded");
        store.insert(refund);

        JsonObject before = charge.deepCopy();
        long refunded = Json.integer(charge, "amount_refunded") + refundAmount;
        charge.addProperty("amount_refunded", refunded);
        charge.addProperty("refunded", refunded == Json.integer(charge, "amount"));
        JsonArray refunds = charge.getAsJsonObject("refunds").getAsJsonArray("data");
        JsonArray newestFirst = new JsonArray();
        newestFirst.add(refund.deepCopy());
        newestFirst.addAll(refunds);
        charge.getAsJsonObject("refunds").add("data", newestFirst);

        store.recordEvent("charge.refunded", charge, Changes.previousAttributes(before, charge));
        store.recordEvent("refund.created", refund, null);
        return refund;
    }

    private JsonObject chargeFor(String chargeId, String paymentIntentId) {
        if (chargeId != null) {
            return store.find("charge", chargeId).orElseThrow(() -> ApiError.noSuch("charge", chargeId, "charge"));
        }
        if (paymentIntentId == null) {
            throw ApiError.missingParam("charge");
        }
        JsonObject intent = store.find("payment_intent", paymentIntentId)
                .orElseThrow(() -> ApiError.noSuch("payment_intent", paymentIntentId, "payment_intent"));
        String latest = Json.string(intent, "latest_charge");
        return store.find("charge", latest).orElseThrow(() -> ApiError.stateConflict(
                "This PaymentIntent does not have a successful charge to refund."));
    }
}
