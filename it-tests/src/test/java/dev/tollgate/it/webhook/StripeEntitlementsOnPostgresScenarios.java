package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The Stripe Entitlements scenarios on the machine's PostgreSQL (127.0.0.1:5432, database test, a fresh schema). */
class StripeEntitlementsOnPostgresScenarios extends StripeEntitlementsScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}
