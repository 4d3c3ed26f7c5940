package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One {@link WebhookStage} (embedded Tomcat, the unchanged WAR, the emulator, a database) for all scenarios of a
 * class; the subclasses pick the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StageScenarios {

    protected WebhookStage stage;
    protected Rows rows;

    abstract DemoDatabase.Kind database();

    @BeforeAll
    void startStage() throws Exception {
        stage = WebhookStage.start(database());
        rows = stage.rows();
    }

    @AfterAll
    void stopStage() {
        if (stage != null) {
            stage.close();
        }
    }
}
