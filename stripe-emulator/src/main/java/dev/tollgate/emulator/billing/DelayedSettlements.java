package dev.tollgate.emulator.billing;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Checkout payments made with a delayed-notification method ({@link TestCard#settlesLater}): Checkout completed them
 * unpaid, with the payment processing; {@link #DELAY_SECONDS} later on the customer's clock (its test clock, or the
 * emulator's own time) the bank's answer comes. Succeeded: the payment and the session turn paid and
 * {@code checkout.session.async_payment_succeeded} is recorded; failed: the payment fails with the bank's reason and
 * {@code checkout.session.async_payment_failed} is recorded, the session staying unpaid. In subscription mode the
 * subscription is {@code active} meanwhile and its first invoice {@code open}; the answer pays that invoice
 * ({@code invoice.paid}) or fails it as a failed renewal charge does ({@code invoice.payment_failed}, the
 * subscription {@code past_due}, retried per the {@link RenewalPolicy}). Call under the store's lock.
 */
public final class DelayedSettlements {

    /** How long the bank takes to answer, on the customer's clock. */
    public static final long DELAY_SECONDS = 3 * 60;
    private static final String SETTLES_AT = "_settles_at";
    private static final String SETTLES_AS = "_settles_as";
    private static final String SETTLES_INTENT = "_settles_intent";

    private final Store store;
    private final Invoices invoices;
    private final Renewals renewals;

    public DelayedSettlements(Store store, Invoices invoices, Renewals renewals) {
        this.store = store;
        this.invoices = invoices;
        this.renewals = renewals;
    }

    /** Marks the just-completed session's payment as processing, answered {@link #DELAY_SECONDS} from now. */
    void processing(JsonObject session, Payments.Payment payment, TestCard card) {
        JsonObject intent = payment.intent();
        intent.addProperty("amount_received", 0);
        intent.addProperty("status", "processing");
        JsonObject charge = payment.charge();
        charge.addProperty("paid", false);
        charge.addProperty("status", "pending");
        store.recordEvent("payment_intent.processing", intent, null);
        store.recordEvent("charge.pending", charge, null);
        session.addProperty(SETTLES_AT, store.now() + DELAY_SECONDS);
        session.addProperty(SETTLES_AS, card.number());
        session.addProperty(SETTLES_INTENT, payment.intentId());
    }

    /**
     * Answers, each at its moment and in time order, every delayed payment due by {@code target} whose customer
     * {@code customerScope} accepts.
     */
    public void runUntil(long target, Predicate<JsonObject> customerScope, Renewals.Clockwork clockwork) {
        List<JsonObject> due = store.all("checkout.session").stream()
                .filter(session -> session.has(SETTLES_AT) && Json.integer(session, SETTLES_AT) <= target)
                .filter(session -> store.find("customer", Json.string(session, "customer"))
                        .filter(customerScope).isPresent())
                .sorted(Comparator.comparingLong(session -> Json.integer(session, SETTLES_AT)))
                .toList();
        for (JsonObject session : due) {
            clockwork.runAt(Json.integer(session, SETTLES_AT), () -> settle(session));
        }
    }

    private void settle(JsonObject session) {
        TestCard method = TestCards.lookup(Json.string(session, SETTLES_AS)).orElseThrow();
        JsonObject intent = store.find("payment_intent", Json.string(session, SETTLES_INTENT)).orElseThrow();
        session.remove(SETTLES_AT);
        session.remove(SETTLES_AS);
        session.remove(SETTLES_INTENT);
        JsonObject charge = store.find("charge", Json.string(intent, "latest_charge")).orElseThrow();
        JsonObject firstInvoice = store.find("invoice", Json.string(session, "invoice")).orElse(null);
        if (method.outcome() == CardOutcome.SETTLES_LATER) {
            intent.addProperty("amount_received", Json.integer(intent, "amount"));
            intent.addProperty("status", "succeeded");
            charge.addProperty("paid", true);
            charge.addProperty("status", "succeeded");
            store.recordEvent("payment_intent.succeeded", intent, null);
            store.recordEvent("charge.succeeded", charge, null);
            if (firstInvoice != null) {
                invoices.markPaid(firstInvoice, new Payments.Payment(intent, charge));
            }
            session.addProperty("payment_status", "paid");
            store.recordEvent("checkout.session.async_payment_succeeded", session, null);
            return;
        }
        JsonObject error = new JsonObject();
        error.addProperty("type", "invalid_request_error");
        error.addProperty("code", method.declineCode());
        error.addProperty("message", method.message());
        error.addProperty("charge", Json.string(charge, "id"));
        intent.addProperty("status", "requires_payment_method");
        intent.add("last_payment_error", error);
        charge.addProperty("amount_captured", 0);
        charge.addProperty("captured", false);
        charge.addProperty("status", "failed");
        charge.addProperty("failure_code", method.declineCode());
        charge.addProperty("failure_message", method.message());
        store.recordEvent("payment_intent.payment_failed", intent, null);
        store.recordEvent("charge.failed", charge, null);
        if (firstInvoice != null) {
            JsonObject subscription = store.find("subscription", Json.string(session, "subscription")).orElseThrow();
            renewals.paymentFailed(subscription, firstInvoice);
        }
        store.recordEvent("checkout.session.async_payment_failed", session, null);
    }
}
