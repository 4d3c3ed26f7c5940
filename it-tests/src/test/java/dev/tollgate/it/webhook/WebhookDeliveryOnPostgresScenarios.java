package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The webhook delivery scenarios on the machine's PostgreSQL (127.0.0.1:5432, database test, a fresh schema). */
class WebhookDeliveryOnPostgresScenarios extends WebhookDeliveryScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }
}
