package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The webhook delivery scenarios on the embedded H2 file database (the default). */
class WebhookDeliveryOnH2Scenarios extends WebhookDeliveryScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}
