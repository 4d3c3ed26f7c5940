package dev.tollgate.emulator.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Paying an open Checkout Session with a test card, the way Stripe does it: for a subscription, the customer
 * (if new), the subscription, its first invoice and the payment; for a one-time payment, the payment alone.
 * Events come in Stripe's order: {@code customer.created}, {@code customer.subscription.created},
 * {@code invoice.created}, {@code invoice.finalized}, {@code invoice.paid}, {@code invoice.payment_succeeded},
 * {@code payment_intent.succeeded}, {@code charge.succeeded}, {@code checkout.session.completed}.
 */
public final class Purchase {
    private final Store store;
    private final Customers customers;
    private final Subscriptions subscriptions;
    private final Invoices invoices;
    private final Payments payments;
    private final Checkout checkout;
    private final Disputes disputes;
    private final DelayedSettlements settlements;

    public Purchase(Store store, Customers customers, Subscriptions subscriptions, Invoices invoices,
            Payments payments, Checkout checkout, Disputes disputes, DelayedSettlements settlements) {
        this.disputes = disputes;
        this.settlements = settlements;
        this.store = store;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.payments = payments;
        this.checkout = checkout;
    }

    /** How the payer answered the 3-D Secure step: not asked yet, approved, or failed. */
    public enum Authentication { NOT_ASKED, APPROVED, FAILED }

    /**
     * Pays the session; all or nothing.
     *
     * @param cardNumber as typed on the page; may be blank for a trial that needs no payment method
     * @param email the payer's email when the session has neither customer nor customer_email
     * @param authentication the outcome of the 3-D Secure step, for cards that ask for one
     * @return the completed session
     * @throws PaymentDeclined when the card does not pay; nothing is changed then
     * @throws AuthenticationRequired when the card asks for 3-D Secure first; nothing is changed then
     */
    public JsonObject pay(String sessionId, String cardNumber, String email, Authentication authentication) {
        return store.atomically(() -> {
            JsonObject session = checkout.require(sessionId);
            if (!"open".equals(Json.string(session, "status"))) {
                throw ApiError.stateConflict("This Checkout Session is no longer open.");
            }
            TestCard card = cardFor(session, cardNumber, trial(session));
            if (card != null && card.needsAuthentication() && authentication != Authentication.APPROVED) {
                if (authentication == Authentication.FAILED) {
                    throw new PaymentDeclined("We are unable to authenticate your payment method. Please choose a "
                            + "different payment method and try again.");
                }
                throw new AuthenticationRequired();
            }
            String payerEmail = firstNonBlank(Json.string(session, "customer_email"), email);
            // A customer on a test clock buys at the clock's time, so its periods follow that clock.
            long moment = customers.timeOf(Json.string(session, "customer"));
            return store.at(moment, () -> {
                if ("subscription".equals(Json.string(session, "mode"))) {
                    paySubscription(session, card, payerEmail);
                } else {
                    payOnce(session, card, payerEmail);
                }
                return session;
            });
        });
    }

    /** Whether the Checkout starts the subscription with a trial (days, or an end). */
    private static boolean trial(JsonObject session) {
        return session.has("_trial_period_days") || session.has("_trial_end");
    }

    /** The card typed, or null when a trial may start without one; refuses cards that cannot do the job. */
    private static TestCard cardFor(JsonObject session, String cardNumber, boolean trial) {
        boolean blank = cardNumber == null || cardNumber.isBlank();
        if (blank && trial && "if_required".equals(Json.string(session, "payment_method_collection"))) {
            return null;
        }
        TestCard card = TestCards.lookup(cardNumber)
                .orElseThrow(() -> new PaymentDeclined("Your card number is incorrect."));
        // A trial only saves the card; anything else charges it now, or (a debit) starts a payment answered later.
        if (!card.attaches() || (!trial && !card.charges() && !card.settlesLater())) {
            throw new PaymentDeclined(card.message());
        }
        return card;
    }

    private void paySubscription(JsonObject session, TestCard card, String email) {
        if (card != null && card.settlesLater() && trial(session)) {
            throw new PaymentDeclined("This payment method is emulated without a trial only: use a card.");
        }
        JsonObject customer = customerFor(session, email, true);
        String customerId = Json.string(customer, "id");
        JsonObject method = card == null ? null : payments.attachCard(card, customerId, Json.string(customer, "email"));

        List<Subscriptions.Line> lines = new ArrayList<>();
        for (JsonObject item : Checkout.lines(session)) {
            lines.add(new Subscriptions.Line(item.getAsJsonObject("price"), Json.integer(item, "quantity")));
        }
        Subscriptions.Trial trial = null;
        if (trial(session)) {
            long end = session.has("_trial_end") ? Json.integer(session, "_trial_end")
                    : store.now() + Json.integer(session, "_trial_period_days") * 24 * 60 * 60;
            trial = new Subscriptions.Trial(end, Json.string(session, "_missing_payment_method"));
        }
        JsonObject subscription = subscriptions.create(customerId, lines,
                stringMap(session.getAsJsonObject("_subscription_metadata")),
                method == null ? null : Json.string(method, "id"), trial);
        JsonObject invoice = invoices.draftFor(subscription, customer, "subscription_create");
        if (trial != null) {
            invoices.zeroForTrial(invoice);
        }
        subscription.addProperty("latest_invoice", Json.string(invoice, "id"));
        store.recordEvent("customer.subscription.created", subscription, null);

        invoices.recordCreated(invoice);
        invoices.finalizeInvoice(invoice);
        Payments.Payment payment = null;
        if (trial == null) {
            payment = payments.charge(new Payments.Charge(customerId, Json.integer(invoice, "amount_due"),
                    Json.string(invoice, "currency"), "Subscription creation", Map.of(),
                    Json.string(customer, "email")), method);
        }
        session.addProperty("subscription", Json.string(subscription, "id"));
        session.addProperty("invoice", Json.string(invoice, "id"));
        if (payment != null && card.settlesLater()) {
            // A debit: the subscription is active at once, its first invoice open until the bank answers.
            settlements.processing(session, payment, card);
            complete(session, customer, email, "unpaid");
            return;
        }
        invoices.markPaid(invoice, payment);
        if (payment != null) {
            payments.announce(payment);
        }
        complete(session, customer, email, trial == null ? "paid" : "no_payment_required");
        if (payment != null && card.getsDisputed()) {
            disputes.open(payment.charge());
        }
    }

    private void payOnce(JsonObject session, TestCard card, String email) {
        boolean wantsCustomer = "always".equals(Json.string(session, "customer_creation"));
        JsonObject customer = customerFor(session, email, wantsCustomer);
        String customerId = customer == null ? null : Json.string(customer, "id");
        JsonObject method = payments.attachCard(card, customerId, email);
        Payments.Payment payment = payments.charge(new Payments.Charge(customerId,
                Json.integer(session, "amount_total"), Json.string(session, "currency"), null,
                stringMap(session.getAsJsonObject("_payment_intent_metadata")), email), method);
        session.addProperty("payment_intent", payment.intentId());
        if (card.settlesLater()) {
            settlements.processing(session, payment, card);
            complete(session, customer, email, "unpaid");
            return;
        }
        payments.announce(payment);
        complete(session, customer, email, "paid");
        if (card.getsDisputed()) {
            disputes.open(payment.charge());
        }
    }

    private JsonObject customerFor(JsonObject session, String email, boolean createIfMissing) {
        String existing = Json.string(session, "customer");
        if (existing != null) {
            return customers.require(existing, null);
        }
        if (!createIfMissing) {
            return null;
        }
        return customers.create(new Customers.Details(email, null, null, Map.of()));
    }

    private void complete(JsonObject session, JsonObject customer, String email, String paymentStatus) {
        JsonObject details = new JsonObject();
        Json.putNulls(details, "address", "name", "phone");
        Json.put(details, "email", customer == null ? email : firstNonBlank(Json.string(customer, "email"), email));
        details.addProperty("tax_exempt", "none");
        details.add("tax_ids", new JsonArray());
        session.add("customer_details", details);
        if (customer != null) {
            session.addProperty("customer", Json.string(customer, "id"));
        }
        session.addProperty("status", "complete");
        session.addProperty("payment_status", paymentStatus);
        session.add("url", JsonNull.INSTANCE);
        store.recordEvent("checkout.session.completed", session, null);
    }

    private static Map<String, String> stringMap(JsonObject object) {
        return object.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().getAsString()));
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second == null || second.isBlank() ? null : second;
    }
}
