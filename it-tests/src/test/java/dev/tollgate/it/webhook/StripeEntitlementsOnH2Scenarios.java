package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The Stripe Entitlements scenarios on the embedded H2 file database (the default). */
class StripeEntitlementsOnH2Scenarios extends StripeEntitlementsScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}
