package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The return page scenarios on the embedded H2 file database. */
class ReturnPageOnH2Scenarios extends ReturnPageScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}
