package dev.tollgate.payments.application;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.config.SettingSource;
import dev.tollgate.payments.domain.service.StripeGateway.Price;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Checkout, the entitlement service and the event handlers wired on the in-memory store and a scripted Stripe at a
 * fixed clock, selling one plan: {@code pro} by {@code price_pro}.
 */
final class CheckoutWiring {

    final InMemoryStore store = new InMemoryStore();
    final ScriptedStripe stripe = new ScriptedStripe();
    final CheckoutService checkout = new CheckoutService();
    final EntitlementService service = new EntitlementService();
    final EventHandlers handlers;

    CheckoutWiring(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        PaymentsConfig config = PaymentsConfig.load(new SettingSource(Map.of(
                "STRIPE_SECRET_KEY", "sk_test_51Example", "STRIPE_WEBHOOK_SECRET", "whsec_example123",
                "PAYMENTS_APP_URL", "http://localhost/payments", "PAYMENTS_PLANS", "pro=price_pro")::get,
                name -> null));
        handlers = store.eventHandlers(stripe, clock, config);
        service.accounts = store.accountRepository();
        service.entitlements = store.entitlementRepository();
        service.customerSync = handlers.customerSync;
        service.creditGrants = handlers.creditGrants;
        service.clock = clock;
        checkout.plans = config.plans();
        checkout.pages = config.checkoutPages();
        checkout.stripe = stripe;
        checkout.prices = new PriceList();
        checkout.entitlementService = service;
        checkout.portal = new BillingPortal();
        checkout.records = store.checkoutRecords(clock);
        checkout.clock = clock;
        checkout.portal.stripe = stripe;
        checkout.portal.pages = checkout.pages;
        checkout.portal.entitlementService = service;
        stripe.prices.put("price_pro", new Price("price_pro", "pro", true));
    }
}
