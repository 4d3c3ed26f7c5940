package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The customer page's scenarios on the embedded H2 file database. */
class CustomerPageOnH2Scenarios extends CustomerPageScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}
