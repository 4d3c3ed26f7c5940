package dev.tollgate.emulator.billing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What time does to subscriptions. When a clock moves, every due step of the subscriptions it governs runs in
 * time order, each at its own moment: {@code trial_will_end} three days before a trial ends; at a period end the
 * subscription ends ({@code cancel_at_period_end}), pauses or cancels (a trial without a payment method), or
 * renews — a new item period, a {@code subscription_cycle} invoice, a charge; a failed charge makes the
 * subscription {@code past_due} and is retried per the {@link RenewalPolicy}. Call under the store's lock.
 */
public final class Renewals {
    private static final long TRIAL_WILL_END_NOTICE = 3L * 24 * 60 * 60;

    private final Store store;
    private final Subscriptions subscriptions;
    private final Invoices invoices;
    private final Payments payments;
    private final Disputes disputes;
    private final Prorations prorations;
    private volatile RenewalPolicy policy = RenewalPolicy.DEFAULT;

    public Renewals(Store store, Subscriptions subscriptions, Invoices invoices, Payments payments,
            Disputes disputes, Prorations prorations) {
        this.store = store;
        this.prorations = prorations;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.payments = payments;
        this.disputes = disputes;
    }

    public void policy(RenewalPolicy renewalPolicy) {
        this.policy = renewalPolicy;
    }

    /** How a clock runs one step at the step's moment (a test clock freezes time; the emulator's own moves). */
    @FunctionalInterface
    public interface Clockwork {
        void runAt(long epochSecond, Runnable step);
    }

    private enum Kind { TRIAL_WILL_END, PERIOD_END, RETRY }

    private record Step(long at, Kind kind, JsonObject subscription) {
    }

    /** Runs, oldest first, every step due up to {@code target} of the subscriptions in {@code scope}. */
    public void runUntil(long target, Predicate<JsonObject> scope, Clockwork clockwork) {
        Step step = nextStep(target, scope);
        while (step != null) {
            Step due = step;
            clockwork.runAt(due.at(), () -> perform(due));
            step = nextStep(target, scope);
        }
    }

    private Step nextStep(long target, Predicate<JsonObject> scope) {
        Step earliest = null;
        for (JsonObject subscription : store.all("subscription")) {
            if (!scope.test(subscription)) {
                continue;
            }
            Step step = stepOf(subscription);
            if (step != null && step.at() <= target && (earliest == null || step.at() < earliest.at())) {
                earliest = step;
            }
        }
        return earliest;
    }

    private Step stepOf(JsonObject subscription) {
        String status = Json.string(subscription, "status");
        long periodEnd = Subscriptions.currentPeriodEnd(subscription);
        Step step = null;
        if ("trialing".equals(status) && !Json.bool(subscription, "_trial_will_end_sent")) {
            long notice = Json.integer(subscription, "trial_end") - TRIAL_WILL_END_NOTICE;
            if (notice >= Json.integer(subscription, "trial_start")) {
                step = new Step(notice, Kind.TRIAL_WILL_END, subscription);
            }
        }
        if ("trialing".equals(status) || "active".equals(status) || "past_due".equals(status)) {
            step = earlier(step, new Step(periodEnd, Kind.PERIOD_END, subscription));
        }
        if ("past_due".equals(status)) {
            JsonObject invoice = store.find("invoice", Json.string(subscription, "latest_invoice")).orElse(null);
            if (invoice != null && "open".equals(Json.string(invoice, "status"))
                    && Json.integer(invoice, "next_payment_attempt") > 0) {
                step = earlier(step, new Step(Json.integer(invoice, "next_payment_attempt"), Kind.RETRY,
                        subscription));
            }
        }
        return step;
    }

    private static Step earlier(Step a, Step b) {
        return a == null || b.at() < a.at() ? b : a;
    }

    private void perform(Step step) {
        JsonObject subscription = step.subscription();
        switch (step.kind()) {
            case TRIAL_WILL_END -> {
                subscription.addProperty("_trial_will_end_sent", true);
                store.recordEvent("customer.subscription.trial_will_end", subscription, null);
            }
            case PERIOD_END -> endPeriod(subscription);
            case RETRY -> collect(subscription, invoiceOf(subscription));
            default -> throw new IllegalStateException("unknown step " + step.kind());
        }
    }

    private JsonObject invoiceOf(JsonObject subscription) {
        return invoices.require(Json.string(subscription, "latest_invoice"));
    }

    private void endPeriod(JsonObject subscription) {
        if (Json.bool(subscription, "cancel_at_period_end")) {
            end(subscription, "cancellation_requested");
            return;
        }
        boolean trialEnds = "trialing".equals(Json.string(subscription, "status"));
        if (trialEnds && Json.string(subscription, "default_payment_method") == null) {
            String behavior = Json.string(subscription.getAsJsonObject("trial_settings")
                    .getAsJsonObject("end_behavior"), "missing_payment_method");
            if ("pause".equals(behavior)) {
                JsonObject before = subscription.deepCopy();
                subscription.addProperty("status", "paused");
                subscriptions.recordUpdate(subscription, before);
                store.recordEvent("customer.subscription.paused", subscription, null);
                return;
            }
            if ("cancel".equals(behavior)) {
                end(subscription, "payment_disabled");
                return;
            }
        }
        renew(subscription, trialEnds);
    }

    private void end(JsonObject subscription, String reason) {
        long now = store.now();
        subscription.addProperty("status", "canceled");
        if (Json.integer(subscription, "canceled_at") == 0) {
            subscription.addProperty("canceled_at", now);
        }
        subscription.addProperty("ended_at", now);
        subscription.getAsJsonObject("cancellation_details").addProperty("reason", reason);
        store.recordEvent("customer.subscription.deleted", subscription, null);
    }

    private void renew(JsonObject subscription, boolean trialEnds) {
        JsonObject before = subscription.deepCopy();
        startPeriods(subscription, null);
        if (trialEnds) {
            subscription.addProperty("status", "active");
        }
        JsonObject invoice = newInvoice(subscription, "subscription_cycle");
        subscriptions.recordUpdate(subscription, before);
        invoices.recordCreated(invoice);
        invoices.finalizeInvoice(invoice);
        collect(subscription, invoice);
    }

    /**
     * Resumes a paused subscription ({@code POST /v1/subscriptions/{id}/resume}): a new period from now, billed at
     * once to the subscription's payment method. Records {@code customer.subscription.resumed}.
     */
    public JsonObject resume(JsonObject subscription) {
        if (!"paused".equals(Json.string(subscription, "status"))) {
            throw ApiError.stateConflict("Only a paused subscription can be resumed.");
        }
        JsonObject before = subscription.deepCopy();
        startPeriods(subscription, store.now());
        subscription.addProperty("billing_cycle_anchor", store.now());
        subscription.addProperty("status", "active");
        JsonObject invoice = newInvoice(subscription, "subscription_update");
        subscriptions.recordUpdate(subscription, before);
        store.recordEvent("customer.subscription.resumed", subscription, null);
        invoices.recordCreated(invoice);
        invoices.finalizeInvoice(invoice);
        collect(subscription, invoice);
        return subscription;
    }

    /**
     * Switches a one-line subscription to a price billed at another interval (monthly → yearly), as Stripe does:
     * the billing cycle restarts now, the unused time on the old price becomes a proration credit (none with
     * {@code proration_behavior=none}), and an invoice for the new period (with that credit) is made and charged at
     * once ({@code subscription_update}). A trial cannot switch interval here.
     */
    public JsonObject switchInterval(String subscriptionId, JsonObject price, ProrationBehavior behavior) {
        JsonObject subscription = subscriptions.requireSwitchable(subscriptionId, price);
        JsonObject item = Subscriptions.onlyItem(subscription);
        if (Subscriptions.sameInterval(item.getAsJsonObject("price"), price)) {
            throw ApiError.invalidParam("price", "The price " + Json.string(price, "id") + " is billed at the same "
                    + "interval: that switch keeps the billing period.");
        }
        if ("trialing".equals(Json.string(subscription, "status"))) {
            throw ApiError.stateConflict("A subscription in its trial cannot switch to another billing interval.");
        }
        JsonObject before = subscription.deepCopy();
        if (behavior.prorates()) {
            prorations.forPriceChange(subscription, item, null);
        }
        Subscriptions.usePrice(item, price);
        startPeriods(subscription, store.now());
        subscription.addProperty("billing_cycle_anchor", store.now());
        JsonObject invoice = newInvoice(subscription, "subscription_update");
        subscriptions.recordUpdate(subscription, before);
        invoices.recordCreated(invoice);
        invoices.finalizeInvoice(invoice);
        collect(subscription, invoice);
        return subscription;
    }

    /**
     * Invoices the subscription's pending prorations now and charges them ({@code always_invoice}): a net credit is
     * the customer's, a failed charge makes the subscription {@code past_due} and is retried per the policy, as a
     * failed renewal is. Nothing happens when nothing is pending (a switch in a trial).
     */
    public void invoiceProrationsNow(JsonObject subscription) {
        if (prorations.pendingFor(Json.string(subscription, "id")).isEmpty()) {
            return;
        }
        JsonObject customer = store.find("customer", Json.string(subscription, "customer")).orElseThrow();
        JsonObject invoice = invoices.draftForProrations(subscription, customer);
        JsonObject before = subscription.deepCopy();
        subscription.addProperty("latest_invoice", Json.string(invoice, "id"));
        subscriptions.recordUpdate(subscription, before);
        invoices.recordCreated(invoice);
        invoices.finalizeInvoice(invoice);
        collect(subscription, invoice);
    }

    /** Moves every item to its next period, starting where the last ended or, when given, at {@code start}. */
    private static void startPeriods(JsonObject subscription, Long start) {
        for (JsonElement element : subscription.getAsJsonObject("items").getAsJsonArray("data")) {
            JsonObject item = element.getAsJsonObject();
            JsonObject recurring = item.getAsJsonObject("price").getAsJsonObject("recurring");
            long from = start != null ? start : Json.integer(item, "current_period_end");
            item.addProperty("current_period_start", from);
            item.addProperty("current_period_end", Periods.end(from, Json.string(recurring, "interval"),
                    Math.max(1, Json.integer(recurring, "interval_count"))));
        }
    }

    private JsonObject newInvoice(JsonObject subscription, String billingReason) {
        JsonObject customer = store.find("customer", Json.string(subscription, "customer")).orElseThrow();
        JsonObject invoice = invoices.draftFor(subscription, customer, billingReason);
        subscription.addProperty("latest_invoice", Json.string(invoice, "id"));
        return invoice;
    }

    /** One payment attempt on an open invoice with the subscription's saved card. */
    private void collect(JsonObject subscription, JsonObject invoice) {
        if (Json.integer(invoice, "amount_due") == 0) {
            invoices.markPaid(invoice, null); // a credit paid it all: nothing to charge
            activate(subscription);
            return;
        }
        JsonObject customer = store.find("customer", Json.string(subscription, "customer")).orElseThrow();
        JsonObject method = store.find("payment_method", Json.string(subscription, "default_payment_method"))
                .orElse(null);
        TestCard card = method == null ? null : payments.cardOf(method);
        Payments.Charge charge = new Payments.Charge(Json.string(customer, "id"), Json.integer(invoice, "amount_due"),
                Json.string(invoice, "currency"), "Subscription update", Map.of(), Json.string(customer, "email"));
        if (card != null && (card.charges() || card.outcome() == CardOutcome.SETTLES_LATER)) {
            // a debit that the bank accepts is renewed as paid at once: renewals skip the processing days
            Payments.Payment payment = payments.charge(charge, method);
            invoices.markPaid(invoice, payment);
            payments.announce(payment);
            if (card.getsDisputed()) {
                disputes.open(payment.charge());
            }
            activate(subscription);
            return;
        }
        if (card != null) {
            payments.declined(charge, method, card);
        }
        paymentFailed(subscription, invoice);
    }

    /** Its invoice paid: the subscription is (again) {@code active}; records the update. */
    private void activate(JsonObject subscription) {
        JsonObject before = subscription.deepCopy();
        subscription.addProperty("status", "active");
        subscriptions.recordUpdate(subscription, before);
    }

    /**
     * A payment attempt on the subscription's open invoice failed (a charge, or a debit the bank refused later):
     * the invoice counts it, and the subscription turns {@code past_due} while the {@link RenewalPolicy} retries,
     * then {@code unpaid} or canceled.
     */
    void paymentFailed(JsonObject subscription, JsonObject invoice) {
        JsonObject before = subscription.deepCopy();
        int failedAttempts = (int) Json.integer(invoice, "attempt_count") + 1;
        Long nextAttempt = failedAttempts <= policy.retryDelays().size()
                ? store.now() + policy.retryDelays().get(failedAttempts - 1).toSeconds() : null;
        invoices.markPaymentFailed(invoice, nextAttempt);
        if (nextAttempt != null) {
            subscription.addProperty("status", "past_due");
            subscriptions.recordUpdate(subscription, before);
        } else if ("canceled".equals(policy.afterLastRetry())) {
            end(subscription, "payment_failed");
        } else {
            subscription.addProperty("status", "unpaid");
            subscriptions.recordUpdate(subscription, before);
        }
    }
}
