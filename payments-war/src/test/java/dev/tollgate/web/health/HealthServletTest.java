package dev.tollgate.web.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.application.HealthCheck;
import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.web.FakeHttp;
import dev.tollgate.web.TestSettings;
import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class HealthServletTest {

    private HealthCheck.HealthReport report = new HealthCheck.HealthReport("test", 1, 0, 2, 3, java.util.Optional.of(ReconcileRun.restored(7,
            ReconcileJob.CATCH_UP, "node-a", false, ReconcileRun.Status.COMPLETED, Instant.parse("2026-12-03T10:00:00Z"),
            Instant.parse("2026-12-03T10:00:02Z"), null, null, "evt_9", 2, 150, 12, 0, null)), java.util.Optional.empty(),
            List.of("1 webhook event(s) refused \"quoted\""));
    private boolean databaseDown;

    private FakeHttp.Response get(FakeHttp.Request request) throws Exception {
        HealthServlet servlet = new HealthServlet();
        servlet.healthCheck = new HealthCheck() {
            @Override
            public HealthReport check() {
                if (databaseDown) {
                    throw new IllegalStateException("Connection refused: jdbc:postgresql://secret-host/db");
                }
                return report;
            }
        };
        servlet.runtime = new PaymentsRuntime();
        servlet.runtime.install(TestSettings.config(), (DataSource) null, "7");
        servlet.readers = new MonitoringReaders();
        servlet.readers.runtime = servlet.runtime;
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.build(), response.build());
        return response;
    }

    @Test
    void anyoneLearnsOnlyThatItIsUp() throws Exception {
        FakeHttp.Response response = get(FakeHttp.Request.get("/health"));
        assertEquals(200, response.status());
        assertEquals("application/json;charset=UTF-8", response.contentType());
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals("{\"status\":\"UP\"}", response.body());
    }

    @Test
    void anAdminReadsEveryDetailAsJson() throws Exception {
        FakeHttp.Response response = get(FakeHttp.Request.get("/admin/health").user("admin", "payments-admin"));
        assertEquals(200, response.status());
        assertEquals("{\"status\":\"UP\",\"database\":\"UP\",\"stripeMode\":\"test\",\"stripeApi\":\"stripe\","
                + "\"schemaVersion\":\"7\",\"events\":{\"refused\":1,\"unmatched\":0,\"failing\":2},"
                + "\"reconcile\":{\"openDrift\":3,\"lastCatchUp\":\"completed 2026-12-03T10:00:02Z: catch-up run 7"
                + " (completed): 150 seen, 12 applied, 2 Stripe calls\"},"
                + "\"problems\":[\"1 webhook event(s) refused \\\"quoted\\\"\"]}", response.body());
    }

    @Test
    void theMonitoringTokenReadsTheDetailsAndAWrongOneDoesNot() throws Exception {
        assertTrue(get(FakeHttp.Request.get("/health").header("Authorization", "Bearer " + TestSettings.MONITORING_TOKEN))
                .body().contains("\"schemaVersion\":\"7\""));
        assertEquals("{\"status\":\"UP\"}",
                get(FakeHttp.Request.get("/health").header("Authorization", "Bearer wrong-token")).body());
    }

    @Test
    void aDatabaseThatDoesNotAnswerIs503DownWithoutItsMessage() throws Exception {
        databaseDown = true;
        FakeHttp.Response anyone = get(FakeHttp.Request.get("/health"));
        assertEquals(503, anyone.status());
        assertEquals("{\"status\":\"DOWN\"}", anyone.body());

        FakeHttp.Response admin = get(FakeHttp.Request.get("/admin/health").user("admin", "payments-admin"));
        assertEquals(503, admin.status());
        assertEquals("{\"status\":\"DOWN\",\"database\":\"DOWN\",\"stripeMode\":\"test\",\"stripeApi\":\"stripe\","
                + "\"problems\":[\"database does not answer\"]}", admin.body());
    }
}
