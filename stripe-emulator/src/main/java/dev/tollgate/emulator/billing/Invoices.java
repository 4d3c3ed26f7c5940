package dev.tollgate.emulator.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.List;

/**
 * Subscription invoices, dahlia shape: the subscription is named at {@code parent.subscription_details} and
 * the payment under {@code payments}. Each step records its event, so snapshots show draft → open → paid.
 * Call under the store's lock.
 */
public final class Invoices {
    private final Store store;
    private final Prorations prorations;

    public Invoices(Store store, Prorations prorations) {
        this.store = store;
        this.prorations = prorations;
    }

    public JsonObject require(String id) {
        return store.find("invoice", id).orElseThrow(() -> ApiError.noSuch("invoice", id, null));
    }

    /**
     * A draft invoice for the subscription's current period, taking in its pending invoice items (prorations) as
     * lines; no event yet (see {@link #recordCreated}). The customer's balance is left alone until
     * {@link #finalizeInvoice}, so a trial can zero the draft first.
     */
    public JsonObject draftFor(JsonObject subscription, JsonObject customer, String billingReason) {
        return draft(subscription, customer, billingReason, true);
    }

    /**
     * A draft invoice of the subscription's pending invoice items alone ({@code billing_reason}
     * {@code subscription_update}): what {@code proration_behavior=always_invoice} bills at once, the period's own
     * line being paid already.
     */
    public JsonObject draftForProrations(JsonObject subscription, JsonObject customer) {
        return draft(subscription, customer, "subscription_update", false);
    }

    private JsonObject draft(JsonObject subscription, JsonObject customer, String billingReason,
            boolean withPeriodLines) {
        long now = store.now();
        String id = store.newId("in");
        String subscriptionId = Json.string(subscription, "id");
        JsonArray lines = new JsonArray();
        long total = 0;
        for (JsonObject pending : prorations.pendingFor(subscriptionId)) {
            JsonObject line = invoiceItemLine(id, subscriptionId, pending);
            pending.addProperty("invoice", id);
            total += Json.integer(line, "amount");
            lines.add(line);
        }
        for (JsonElement element : withPeriodLines ? subscription.getAsJsonObject("items").getAsJsonArray("data")
                : new JsonArray()) {
            JsonObject line = line(id, subscriptionId, element.getAsJsonObject());
            total += Json.integer(line, "amount");
            lines.add(line);
        }
        long due = Math.max(0, total);

        JsonObject subscriptionDetails = new JsonObject();
        subscriptionDetails.add("metadata", subscription.get("metadata").deepCopy());
        subscriptionDetails.addProperty("subscription", subscriptionId);
        JsonObject parent = new JsonObject();
        parent.add("quote_details", JsonNull.INSTANCE);
        parent.add("subscription_details", subscriptionDetails);
        parent.addProperty("type", "subscription_details");
        JsonObject transitions = new JsonObject();
        Json.putNulls(transitions, "finalized_at", "marked_uncollectible_at", "paid_at", "voided_at");

        JsonObject invoice = new JsonObject();
        invoice.addProperty("id", id);
        invoice.addProperty("object", "invoice");
        invoice.addProperty("account_country", "US");
        invoice.addProperty("account_name", "Stripe emulator");
        invoice.addProperty("amount_due", due);
        invoice.addProperty("amount_paid", 0);
        invoice.addProperty("amount_remaining", due);
        invoice.addProperty("attempt_count", 0);
        invoice.addProperty("attempted", false);
        invoice.addProperty("auto_advance", true);
        invoice.addProperty("billing_reason", billingReason);
        invoice.addProperty("collection_method", "charge_automatically");
        invoice.addProperty("created", now);
        invoice.addProperty("currency", Json.string(subscription, "currency"));
        invoice.addProperty("customer", Json.string(customer, "id"));
        Json.put(invoice, "customer_email", Json.string(customer, "email"));
        Json.put(invoice, "customer_name", Json.string(customer, "name"));
        Json.putNulls(invoice, "default_payment_method", "description", "due_date", "effective_at",
                "hosted_invoice_url", "invoice_pdf", "next_payment_attempt", "number",
                "webhooks_delivered_at");
        Json.put(invoice, "test_clock", Json.string(customer, "test_clock"));
        invoice.add("discounts", new JsonArray());
        invoice.add("lines", Json.list(toList(lines), false, "/v1/invoices/" + id + "/lines"));
        invoice.addProperty("livemode", false);
        invoice.add("metadata", new JsonObject());
        invoice.add("parent", parent);
        invoice.add("payments", Json.list(List.of(), false, "/v1/invoice_payments?invoice=" + id));
        invoice.addProperty("period_end", now);
        invoice.addProperty("period_start", now);
        invoice.add("ending_balance", JsonNull.INSTANCE); // set when finalized, as on Stripe
        invoice.addProperty("starting_balance", 0);
        invoice.addProperty("status", "draft");
        invoice.add("status_transitions", transitions);
        invoice.addProperty("subtotal", total);
        invoice.addProperty("subtotal_excluding_tax", total);
        invoice.addProperty("total", total);
        invoice.addProperty("total_excluding_tax", total);
        return store.insert(invoice);
    }

    private static List<JsonObject> toList(JsonArray array) {
        return array.asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    /** An invoice line for a pending invoice item, dahlia shape ({@code parent.invoice_item_details}). */
    private JsonObject invoiceItemLine(String invoiceId, String subscriptionId, JsonObject invoiceItem) {
        JsonObject itemDetails = new JsonObject();
        itemDetails.addProperty("invoice_item", Json.string(invoiceItem, "id"));
        itemDetails.addProperty("proration", Json.bool(invoiceItem, "proration"));
        itemDetails.add("proration_details", invoiceItem.get("proration_details").deepCopy());
        itemDetails.addProperty("subscription", subscriptionId);
        JsonObject parent = new JsonObject();
        parent.add("invoice_item_details", itemDetails);
        parent.add("subscription_item_details", JsonNull.INSTANCE);
        parent.addProperty("type", "invoice_item_details");
        return newLine(invoiceId, parent, Json.integer(invoiceItem, "amount"), invoiceItem,
                Json.string(invoiceItem, "description"), false, Json.integer(invoiceItem, "quantity"));
    }

    private JsonObject line(String invoiceId, String subscriptionId, JsonObject item) {
        JsonObject price = item.getAsJsonObject("price");
        long quantity = Json.integer(item, "quantity");
        JsonObject itemDetails = new JsonObject();
        itemDetails.add("invoice_item", JsonNull.INSTANCE);
        itemDetails.addProperty("proration", false);
        itemDetails.add("proration_details", JsonNull.INSTANCE);
        itemDetails.addProperty("subscription", subscriptionId);
        itemDetails.addProperty("subscription_item", Json.string(item, "id"));
        JsonObject parent = new JsonObject();
        parent.add("invoice_item_details", JsonNull.INSTANCE);
        parent.add("subscription_item_details", itemDetails);
        parent.addProperty("type", "subscription_item_details");
        JsonObject billed = new JsonObject();
        billed.addProperty("currency", Json.string(price, "currency"));
        billed.add("period", period(Json.integer(item, "current_period_start"),
                Json.integer(item, "current_period_end")));
        billed.add("pricing", pricingOf(price));
        return newLine(invoiceId, parent, Json.integer(price, "unit_amount") * quantity, billed,
                quantity + " × " + Json.string(price, "product"), true, quantity);
    }

    /** @param billed what the line bills: its {@code currency}, {@code period} and {@code pricing} */
    private JsonObject newLine(String invoiceId, JsonObject parent, long amount, JsonObject billed,
            String description, boolean discountable, long quantity) {
        JsonObject line = new JsonObject();
        line.addProperty("id", store.newId("il"));
        line.addProperty("object", "line_item");
        line.addProperty("amount", amount);
        line.addProperty("currency", Json.string(billed, "currency"));
        line.addProperty("description", description);
        line.add("discount_amounts", new JsonArray());
        line.addProperty("discountable", discountable);
        line.add("discounts", new JsonArray());
        line.addProperty("invoice", invoiceId);
        line.addProperty("livemode", false);
        line.add("metadata", new JsonObject());
        line.add("parent", parent);
        line.add("period", billed.get("period").deepCopy());
        line.add("pricing", billed.get("pricing").deepCopy());
        line.addProperty("quantity", quantity);
        line.addProperty("subtotal", amount);
        return line;
    }

    /** A line's or an invoice item's {@code period}. */
    static JsonObject period(long start, long end) {
        JsonObject period = new JsonObject();
        period.addProperty("end", end);
        period.addProperty("start", start);
        return period;
    }

    /** A line's or an invoice item's {@code pricing}: the price and product it bills. */
    static JsonObject pricingOf(JsonObject price) {
        JsonObject priceDetails = new JsonObject();
        priceDetails.addProperty("price", Json.string(price, "id"));
        priceDetails.addProperty("product", Json.string(price, "product"));
        JsonObject pricing = new JsonObject();
        pricing.add("price_details", priceDetails);
        pricing.addProperty("type", "price_details");
        pricing.addProperty("unit_amount_decimal", Json.string(price, "unit_amount_decimal"));
        return pricing;
    }

    /** A trial's invoice: the same lines, nothing to pay. */
    public void zeroForTrial(JsonObject invoice) {
        for (JsonElement line : invoice.getAsJsonObject("lines").getAsJsonArray("data")) {
            line.getAsJsonObject().addProperty("amount", 0);
            line.getAsJsonObject().addProperty("subtotal", 0);
        }
        for (String field : List.of("amount_due", "amount_remaining", "subtotal", "subtotal_excluding_tax", "total",
                "total_excluding_tax")) {
            invoice.addProperty(field, 0);
        }
    }

    /**
     * A payment attempt failed: the invoice stays open and counts the attempt. Records
     * {@code invoice.payment_failed}.
     *
     * @param nextAttempt when the next retry is scheduled, or null when there is none
     */
    public void markPaymentFailed(JsonObject invoice, Long nextAttempt) {
        JsonObject before = invoice.deepCopy();
        invoice.addProperty("attempt_count", Json.integer(invoice, "attempt_count") + 1);
        invoice.addProperty("attempted", true);
        invoice.add("next_payment_attempt", nextAttempt == null ? JsonNull.INSTANCE
                : new JsonPrimitive(nextAttempt));
        store.recordEvent("invoice.payment_failed", invoice, Changes.previousAttributes(before, invoice));
    }

    public void recordCreated(JsonObject invoice) {
        store.recordEvent("invoice.created", invoice, null);
    }

    /**
     * draft → open, with a number; records {@code invoice.finalized}. As on Stripe, this is when the customer's
     * balance is applied to what the invoice finally comes to (after a trial zeroed it): a credit ({@code balance}
     * below zero) pays what it can, and a total below zero becomes such a credit ({@code customer.updated}).
     */
    public void finalizeInvoice(JsonObject invoice) {
        long now = store.now();
        applyCustomerBalance(invoice);
        invoice.addProperty("status", "open");
        invoice.addProperty("number", Json.string(invoice, "id").substring(3, 11).toUpperCase() + "-0001");
        invoice.addProperty("effective_at", now);
        invoice.getAsJsonObject("status_transitions").addProperty("finalized_at", now);
        store.recordEvent("invoice.finalized", invoice, null);
    }

    private void applyCustomerBalance(JsonObject invoice) {
        JsonObject customer = store.find("customer", Json.string(invoice, "customer")).orElseThrow();
        long total = Json.integer(invoice, "total");
        long startingBalance = Json.integer(customer, "balance");
        long due = Math.max(0, total + startingBalance);
        long endingBalance = Math.min(0, total + startingBalance);
        invoice.addProperty("starting_balance", startingBalance);
        invoice.addProperty("ending_balance", endingBalance);
        invoice.addProperty("amount_due", due);
        invoice.addProperty("amount_remaining", due);
        if (endingBalance != startingBalance) {
            JsonObject before = customer.deepCopy();
            customer.addProperty("balance", endingBalance);
            store.recordEvent("customer.updated", customer, Changes.previousAttributes(before, customer));
        }
    }

    /**
     * open → paid; records {@code invoice.paid} and {@code invoice.payment_succeeded}.
     *
     * @param payment the payment, or null for an invoice with nothing to pay (a trial's)
     */
    public void markPaid(JsonObject invoice, Payments.Payment payment) {
        long now = store.now();
        JsonObject before = invoice.deepCopy();
        long amount = Json.integer(invoice, "amount_due");
        invoice.addProperty("amount_paid", amount);
        invoice.addProperty("amount_remaining", 0);
        invoice.addProperty("attempt_count", Json.integer(invoice, "attempt_count") + (payment == null ? 0 : 1));
        invoice.addProperty("attempted", true);
        invoice.add("next_payment_attempt", JsonNull.INSTANCE);
        invoice.addProperty("status", "paid");
        invoice.getAsJsonObject("status_transitions").addProperty("paid_at", now);
        if (payment != null) {
            invoice.getAsJsonObject("payments").getAsJsonArray("data").add(invoicePayment(invoice, payment, now));
        }

        JsonObject previous = Changes.previousAttributes(before, invoice);
        store.recordEvent("invoice.paid", invoice, previous);
        store.recordEvent("invoice.payment_succeeded", invoice, previous);
    }

    private JsonObject invoicePayment(JsonObject invoice, Payments.Payment payment, long now) {
        JsonObject reference = new JsonObject();
        reference.addProperty("payment_intent", payment.intentId());
        reference.addProperty("type", "payment_intent");
        JsonObject transitions = new JsonObject();
        transitions.add("canceled_at", JsonNull.INSTANCE);
        transitions.addProperty("paid_at", now);

        JsonObject invoicePayment = new JsonObject();
        invoicePayment.addProperty("id", store.newId("inpay"));
        invoicePayment.addProperty("object", "invoice_payment");
        invoicePayment.addProperty("amount_paid", Json.integer(invoice, "amount_due"));
        invoicePayment.addProperty("amount_requested", Json.integer(invoice, "amount_due"));
        invoicePayment.addProperty("created", now);
        invoicePayment.addProperty("currency", Json.string(invoice, "currency"));
        invoicePayment.addProperty("invoice", Json.string(invoice, "id"));
        invoicePayment.addProperty("is_default", true);
        invoicePayment.addProperty("livemode", false);
        invoicePayment.add("payment", reference);
        invoicePayment.addProperty("status", "paid");
        invoicePayment.add("status_transitions", transitions);
        return invoicePayment;
    }
}
