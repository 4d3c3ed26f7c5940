package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.it.Shopper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
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

    /** How long the gate may take to enforce a change made elsewhere: its staleness bound and a loaded machine. */
    static final Duration GATE_CATCH_UP = Duration.ofSeconds(10);

    protected WebhookStage stage;
    protected Rows rows;
    /** A browser's HTTP: one request per call, redirects shown rather than followed. */
    protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    abstract DemoDatabase.Kind database();

    /** This class's stage, once started (public: test interfaces such as {@link RandomAccessLifecycles} ask for it). */
    public WebhookStage stage() {
        return stage;
    }

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

    /**
     * Asks the sample app's gate for {@code /pro/} as {@code browser} until it answers {@code expected}, at most
     * {@link #GATE_CATCH_UP} (a change made elsewhere reaches the gate within its staleness bound); the last answer.
     */
    String awaitProArea(Shopper browser, String expected) throws Exception {
        Instant deadline = Instant.now().plus(GATE_CATCH_UP);
        String decision = proArea(browser);
        while (!expected.equals(decision) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100); // each loop observes the gate's answer
            decision = proArea(browser);
        }
        return decision;
    }

    /** The gate's answer to {@code browser} for the sample app's {@code /pro/}: "let in" or "to pricing". */
    String proArea(Shopper browser) throws Exception {
        return browser.gateDecisionOn(stage.appUrl().resolve("/pro/"));
    }

    /** The stage of this class: by default the demo's Tomcat with the payments WAR inside. */
    WebhookStage newStage() throws Exception {
        return WebhookStage.start(database(), this::configure);
    }

    @BeforeAll
    void startStage() throws Exception {
        stage = newStage();
        rows = stage.rows();
    }

    @AfterAll
    void stopStage() {
        if (stage != null) {
            stage.close();
        }
    }
}
