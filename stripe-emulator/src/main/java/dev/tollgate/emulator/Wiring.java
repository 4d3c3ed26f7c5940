package dev.tollgate.emulator;

import dev.tollgate.emulator.api.CatalogApi;
import dev.tollgate.emulator.api.CheckoutApi;
import dev.tollgate.emulator.api.ControlApi;
import dev.tollgate.emulator.api.Controls;
import dev.tollgate.emulator.api.CustomersApi;
import dev.tollgate.emulator.api.DisputesApi;
import dev.tollgate.emulator.api.EntitlementsApi;
import dev.tollgate.emulator.api.EventsApi;
import dev.tollgate.emulator.api.InvoicesApi;
import dev.tollgate.emulator.api.PaymentMethodsApi;
import dev.tollgate.emulator.api.PaymentsApi;
import dev.tollgate.emulator.api.PortalApi;
import dev.tollgate.emulator.api.PortalConfigurationsApi;
import dev.tollgate.emulator.api.SubscriptionsApi;
import dev.tollgate.emulator.api.TestClocksApi;
import dev.tollgate.emulator.api.WebhookEndpointsApi;
import dev.tollgate.emulator.billing.Catalog;
import dev.tollgate.emulator.billing.Checkout;
import dev.tollgate.emulator.billing.Customers;
import dev.tollgate.emulator.billing.DelayedSettlements;
import dev.tollgate.emulator.billing.Disputes;
import dev.tollgate.emulator.billing.Entitlements;
import dev.tollgate.emulator.billing.Features;
import dev.tollgate.emulator.billing.Invoices;
import dev.tollgate.emulator.billing.Payments;
import dev.tollgate.emulator.billing.PlanSwitches;
import dev.tollgate.emulator.billing.Portal;
import dev.tollgate.emulator.billing.PortalCards;
import dev.tollgate.emulator.billing.PortalConfigurations;
import dev.tollgate.emulator.billing.Prorations;
import dev.tollgate.emulator.billing.Purchase;
import dev.tollgate.emulator.billing.Renewals;
import dev.tollgate.emulator.billing.Subscriptions;
import dev.tollgate.emulator.billing.TestClocks;
import dev.tollgate.emulator.delivery.WebhookDeliverer;
import dev.tollgate.emulator.hosted.CheckoutPage;
import dev.tollgate.emulator.hosted.PortalPage;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Store;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Builds the billing services on one store and registers every route: the API, the pages, the controls. */
final class Wiring {
    private Wiring() {
    }

    /** What the emulator's Java API reaches into after start. */
    record Wired(Renewals renewals, DelayedSettlements settlements, Disputes disputes,
            WebhookEndpointsApi webhookEndpoints) {
    }

    static Wired register(Router router, Store store, WebhookDeliverer deliverer, String baseUrl,
            InputStream catalogJson, Controls controls) {
        Features features = new Features(store);
        Catalog catalog = new Catalog(store, features);
        catalog.seed(new InputStreamReader(catalogJson, StandardCharsets.UTF_8));
        Entitlements entitlements = new Entitlements(store, features);
        store.follow(entitlements);
        Customers customers = new Customers(store);
        Prorations prorations = new Prorations(store);
        Subscriptions subscriptions = new Subscriptions(store, prorations);
        Invoices invoices = new Invoices(store, prorations);
        Payments payments = new Payments(store);
        Checkout checkout = new Checkout(store, catalog, baseUrl);
        Disputes disputes = new Disputes(store);
        Renewals renewals = new Renewals(store, subscriptions, invoices, payments, disputes, prorations);
        DelayedSettlements settlements = new DelayedSettlements(store, invoices, renewals);
        Purchase purchase = new Purchase(store, customers, subscriptions, invoices, payments, checkout, disputes,
                settlements);
        PlanSwitches planSwitches = new PlanSwitches(subscriptions, renewals);
        PortalConfigurations portalConfigurations = new PortalConfigurations(store);
        Portal portal = new Portal(store, baseUrl, planSwitches, portalConfigurations);
        TestClocks testClocks = new TestClocks(store, renewals, settlements);
        WebhookEndpointsApi webhookEndpoints = new WebhookEndpointsApi(store, deliverer);

        new CustomersApi(store, customers, subscriptions, testClocks).register(router);
        new TestClocksApi(store, testClocks, customers, subscriptions).register(router);
        new DisputesApi(store, disputes).register(router);
        new PaymentMethodsApi(store, payments, customers).register(router);
        webhookEndpoints.register(router);
        new CatalogApi(store, catalog).register(router);
        new EntitlementsApi(store, catalog, features, entitlements).register(router);
        new CheckoutApi(store, checkout, customers).register(router);
        new SubscriptionsApi(store, subscriptions, renewals, customers, planSwitches).register(router);
        new InvoicesApi(store, invoices).register(router);
        new PaymentsApi(store, payments).register(router);
        new EventsApi(store, deliverer).register(router);
        new PortalApi(store, portal, customers).register(router);
        new PortalConfigurationsApi(store, portalConfigurations).register(router);
        new ControlApi(deliverer, controls).register(router);
        new CheckoutPage(store, checkout, purchase).register(router);
        new PortalPage(store, portal, subscriptions, customers,
                new PortalCards(store, payments, subscriptions, portal)).register(router);
        return new Wired(renewals, settlements, disputes, webhookEndpoints);
    }
}
