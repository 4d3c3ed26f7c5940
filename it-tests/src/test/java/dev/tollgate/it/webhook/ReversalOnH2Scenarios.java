package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The refund and dispute scenarios on the embedded H2 file database (the default). */
class ReversalOnH2Scenarios extends ReversalScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}
