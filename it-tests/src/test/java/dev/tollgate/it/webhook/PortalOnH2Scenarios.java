package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The customer portal scenarios on the embedded H2 file database. */
class PortalOnH2Scenarios extends PortalScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}
