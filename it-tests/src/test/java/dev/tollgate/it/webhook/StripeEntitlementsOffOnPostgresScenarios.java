package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The scenarios without PAYMENTS_STRIPE_ENTITLEMENTS on the machine's PostgreSQL (a fresh schema). */
class StripeEntitlementsOffOnPostgresScenarios extends StripeEntitlementsOffScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}
