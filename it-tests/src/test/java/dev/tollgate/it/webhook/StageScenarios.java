package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.demo.DemoOptions;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
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
    /** A browser's HTTP: one request per call, redirects shown rather than followed. */
    protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    abstract DemoDatabase.Kind database();

    /** What a scenario family adds to the stage's options (WAR settings, the sample app's rules); none by default. */
    DemoOptions configure(DemoOptions options) {
        return options;
    }

    /** A new user of the sample app (password = name), named {@code prefix} and a random suffix. */
    String newStageUser(String prefix) {
        String user = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        stage.addUser(user);
        return user;
    }

    @BeforeAll
    void startStage() throws Exception {
        stage = WebhookStage.start(database(), this::configure);
        rows = stage.rows();
    }

    @AfterAll
    void stopStage() {
        if (stage != null) {
            stage.close();
        }
    }
}
