package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;

/** The trial-end scenarios on the embedded H2 file database. */
class TrialEndOnH2Scenarios extends TrialEndScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }
}
