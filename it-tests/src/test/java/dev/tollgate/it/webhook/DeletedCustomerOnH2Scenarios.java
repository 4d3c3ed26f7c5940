package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The deleted-customer scenarios on the embedded H2 file database. */
class DeletedCustomerOnH2Scenarios extends DeletedCustomerScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}
