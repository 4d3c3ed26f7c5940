package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.demo.DemoDatabase;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Behaviour the webhook endpoint should have and, when this was written, did not. These tests fail until the
 * payments WAR is fixed; they are kept apart so a red build names the defect instead of hiding it.
 */
class KnownWebhookDefectScenarios {

    private static WebhookStage stage;

    @BeforeAll
    static void startStage() throws Exception {
        stage = WebhookStage.start(DemoDatabase.Kind.H2);
    }

    @AfterAll
    static void stopStage() {
        if (stage != null) {
            stage.close();
        }
    }

    /**
     * Issue 3: "wrong method → 405 … a short plain message". WebhookServlet does not answer GET itself, so
     * HttpServlet's sendError(405) reaches the container's error page: an HTML page of about 700 characters
     * (Tomcat's ErrorReportValve; no stack trace, but not the short plain body every other refusal has).
     */
    @Test
    void aGetOfTheWebhookIsAnswered405WithAShortPlainMessage() throws Exception {
        HttpResponse<String> response = stage.get(stage.webhookUrl());

        assertEquals(null, MalformedBodies.problemWith(response, 405));
    }
}
