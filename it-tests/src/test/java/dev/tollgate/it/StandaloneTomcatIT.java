package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code payments-tomcat.war} in a real standalone Tomcat, configured only the way README.md tells a user to (see
 * {@link StandaloneTomcat}); no Arquillian, no embedded container. With {@code -Dit.database=postgresql} the
 * README's PostgreSQL resource is used, otherwise the WAR's own H2 file.
 */
class StandaloneTomcatIT {

    private static final Duration START_DEADLINE = Duration.ofSeconds(180);
    private static final String WEBHOOK_SECRET = System.getProperty("it.stripe.webhook.secret");

    private static StandaloneTomcat tomcat;
    private static PaymentsClient payments;

    @BeforeAll
    static void startTomcat() throws Exception {
        Path base = Path.of(System.getProperty("it.tomcat.home"));
        int port = Integer.parseInt(System.getProperty("it.http.port"));
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : new String[] {"STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE",
                "PAYMENTS_APP_URL", "PAYMENTS_PLANS"}) {
            settings.put(name, System.getenv(name));
        }
        settings.put("PAYMENTS_DATA_DIR", base.resolve("data").toString());
        boolean postgres = "postgresql".equals(ServerDatabase.kind());
        tomcat = StandaloneTomcat.start(Path.of(System.getProperty("it.catalina.home", "/usr/share/tomcat10")),
                base, port, Path.of(System.getProperty("payments.war")), settings,
                postgres ? postgresContext() : null,
                postgres ? Path.of(System.getProperty("it.postgresql.driver")) : null);
        payments = new PaymentsClient(new URL("http://127.0.0.1:" + port + "/payments/"));
        awaitHealthAnswer();
    }

    /**
     * The suite's PostgreSQL {@code conf/context.xml} with this run's values written in, as a user's file would
     * hold them (the embedded suites fill the same placeholders from system properties instead).
     */
    private static String postgresContext() throws java.io.IOException {
        String template = java.nio.file.Files.readString(Path.of(System.getProperty("it.tomcat.postgres.context")));
        for (String name : new String[] {"it.postgres.host", "it.postgres.port", "it.postgres.user",
                "it.postgres.database", "it.tomcat.users"}) {
            template = template.replace("${" + name + "}", System.getProperty(name));
        }
        return template;
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void healthIsUpWithTheLatestSchema() throws Exception {
        HttpResponse<String> response = payments.health();

        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = PaymentsClient.json(response);
        assertEquals("UP", health.get("status").getAsString(), response.body());
        assertEquals("UP", health.get("database").getAsString(), response.body());
        assertEquals(Migrations.latestVersion(), health.get("schemaVersion").getAsString(), response.body());
    }

    @Test
    void signedEventIsRecordedOnceInTheConfiguredDatabase() throws Exception {
        SignedEvent event = SignedEvent.unhandled(WEBHOOK_SECRET);

        assertEquals("ignored", status(payments.deliver(event)));
        assertEquals("duplicate", status(payments.deliver(event.resignedWith(WEBHOOK_SECRET))));
    }

    private static String status(HttpResponse<String> answer) {
        assertEquals(200, answer.statusCode(), answer.body());
        return PaymentsClient.json(answer).get("status").getAsString();
    }

    /** Polls /health until Tomcat has deployed the WAR (any answer but 404) or the deadline passes. */
    private static void awaitHealthAnswer() throws Exception {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(tomcat.isRunning(), "Tomcat exited:\n" + tomcat.consoleTail());
            try {
                if (payments.health().statusCode() != 404) {
                    return;
                }
            } catch (java.io.IOException notListeningYet) {
                // Tomcat has not opened its connector yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("payments WAR not deployed within " + START_DEADLINE + ":\n" + tomcat.consoleTail());
    }
}
