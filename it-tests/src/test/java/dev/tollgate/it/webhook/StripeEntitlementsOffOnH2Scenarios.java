package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The scenarios without PAYMENTS_STRIPE_ENTITLEMENTS on the embedded H2 file database (the default). */
class StripeEntitlementsOffOnH2Scenarios extends StripeEntitlementsOffScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}
