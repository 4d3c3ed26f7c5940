package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.DemoDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/metrics} over HTTP through the unchanged WAR: who may read it (the monitoring token or the admin
 * role, nobody else), and that its figures move with what the WAR does — a paid checkout's events counted by type
 * and status, every delivery in the latency histogram and under its answer's status, a forged one under 400.
 */
class MetricsOnH2Scenarios extends StageScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }

    @Test
    void onlyTheMonitoringTokenAndTheAdminRoleReadTheMetrics() throws Exception {
        String user = newStageUser("nometrics");

        assertEquals(200, metrics("Bearer " + WebhookStage.MONITORING_TOKEN).statusCode());
        assertEquals(200, metrics(WebhookStage.basicAuthorization(AdminApi.ADMIN)).statusCode());
        HttpResponse<String> anonymous = metrics(null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals(401, metrics("Bearer not-the-token-0123456789abcdef").statusCode());
        HttpResponse<String> notAdmin = metrics(WebhookStage.basicAuthorization(user));
        assertEquals(403, notAdmin.statusCode());
        assertTrue(!notAdmin.body().contains("tollgate_"), "a refusal shows no figure");
    }

    @Test
    void theFiguresMoveWithProcessedEventsAndAnsweredDeliveries() throws Exception {
        String before = readMetrics();

        stage.subscribeToPro(newStageUser("metrics"));
        String forged = StripeEvents.event(StripeEvents.newEventId(), "invoice.created",
                Instant.now().getEpochSecond(), "2026-07-29.dahlia", new com.google.gson.JsonObject());
        assertEquals(400, stage.deliver(forged, WebhookStage.sign(forged, WebhookStage.FOREIGN_SECRET)).statusCode());
        String after = readMetrics();

        String created = "tollgate_webhook_events{type=\"customer.subscription.created\",status=\"processed\"}";
        assertEquals(value(before, created) + 1, value(after, created), after);
        String paid = "tollgate_webhook_events{type=\"checkout.session.completed\",status=\"processed\"}";
        assertEquals(value(before, paid) + 1, value(after, paid), after);
        String answered = "tollgate_webhook_requests_total{code=\"200\"}";
        double deliveries = value(after, answered) - value(before, answered);
        assertTrue(deliveries >= 2, "the checkout's deliveries were answered 200: " + deliveries);
        String refused = "tollgate_webhook_requests_total{code=\"400\"}";
        assertEquals(value(before, refused) + 1, value(after, refused), after);
        String count = "tollgate_webhook_request_duration_seconds_count";
        assertEquals(value(before, count) + deliveries + 1, value(after, count), after);
        assertEquals(value(after, count), value(after, "tollgate_webhook_request_duration_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(value(after, "tollgate_webhook_request_duration_seconds_sum")
                > value(before, "tollgate_webhook_request_duration_seconds_sum"));
        assertTrue(after.contains("# TYPE tollgate_webhook_request_duration_seconds histogram"), after);
        assertTrue(after.contains("tollgate_drift_open 0\n"), after);
    }

    private String readMetrics() throws Exception {
        HttpResponse<String> answer = metrics("Bearer " + WebhookStage.MONITORING_TOKEN);
        assertEquals(200, answer.statusCode(), answer.body());
        String type = answer.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("text/plain") && type.contains("version=0.0.4"), type);
        return answer.body();
    }

    private HttpResponse<String> metrics(String authorization) throws Exception {
        URI metrics = stage.webhookUrl().resolve("../admin/metrics");
        HttpRequest.Builder request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sample's value; 0 when the text has no such sample (nothing counted yet). */
    private static double value(String text, String sample) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
