package dev.tollgate.emulator.billing;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;

/**
 * A card the customer adds in the portal: attached to the customer ({@code payment_method.attached}), made the
 * customer's default ({@code invoice_settings.default_payment_method}, {@code customer.updated}) and the default of
 * every live subscription of theirs ({@code customer.subscription.updated}), so a trial begun without a card
 * converts at its end and later renewals charge it. (Stripe's subscriptions fall back to the customer's default;
 * the emulator's charge the subscription's own, hence both.) Call under the store's lock.
 */
public final class PortalCards {
    private final Store store;
    private final Payments payments;
    private final Subscriptions subscriptions;
    private final Portal portal;

    public PortalCards(Store store, Payments payments, Subscriptions subscriptions, Portal portal) {
        this.store = store;
        this.payments = payments;
        this.subscriptions = subscriptions;
        this.portal = portal;
    }

    /**
     * Adds the test card typed as {@code cardNumber} for the portal session's customer.
     *
     * @throws PaymentDeclined with Stripe's message when it is no test card or one that cannot be saved
     */
    public JsonObject add(JsonObject portalSession, String cardNumber) {
        TestCard card = TestCards.lookup(cardNumber)
                .orElseThrow(() -> new PaymentDeclined("Your card number is incorrect."));
        if (!card.attaches() || card.settlesLater()) {
            throw new PaymentDeclined(card.settlesLater() ? "The portal saves cards only." : card.message());
        }
        String customerId = Json.string(portalSession, "customer");
        JsonObject customer = store.find("customer", customerId).orElseThrow();
        JsonObject method = payments.attachCard(card, customerId, Json.string(customer, "email"));
        store.recordEvent("payment_method.attached", method, null);
        String methodId = Json.string(method, "id");

        JsonObject before = customer.deepCopy();
        customer.getAsJsonObject("invoice_settings").addProperty("default_payment_method", methodId);
        store.recordEvent("customer.updated", customer, Changes.previousAttributes(before, customer));
        for (JsonObject subscription : portal.subscriptionsOf(customerId)) {
            subscriptions.setDefaultPaymentMethod(Json.string(subscription, "id"), methodId);
        }
        return method;
    }
}
