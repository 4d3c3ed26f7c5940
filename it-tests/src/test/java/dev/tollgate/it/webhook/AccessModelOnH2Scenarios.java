package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;
import org.junit.jupiter.api.Test;

/** The model-based access test on the embedded H2 file database (the default): random lifecycles and the named ones. */
class AccessModelOnH2Scenarios extends AccessModelScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }

    @Test
    void randomLifecyclesGetTheAnswerTheRuleGivesAfterEveryStep() throws Exception {
        runRandomLifecycles(stage);
    }
}
