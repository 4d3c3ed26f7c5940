package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;

import com.google.gson.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The unchanged payments WAR on whichever container the failsafe execution launched: {@code payments.war} on a full
 * server (the server's own CDI, EJB container, JPA provider and default data source) or {@code payments-tomcat.war}
 * on Tomcat (bundled Weld and Hibernate, an H2 file or a JNDI data source). It starts, migrates its schema to the
 * latest version, answers /health, and commits webhook events in transactions that later requests can see.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PaymentsWarSmokeIT {

    /** The secret the server was started with (pom.xml hands the same value to both sides). */
    private static final String WEBHOOK_SECRET = System.getProperty("it.stripe.webhook.secret");

    @ArquillianResource
    private URL context;

    private PaymentsClient payments;

    @Deployment(testable = false)
    static WebArchive paymentsWar() {
        return PaymentsWar.asBuilt();
    }

    @BeforeEach
    void connect() {
        assertTrue(WEBHOOK_SECRET != null && WEBHOOK_SECRET.startsWith("whsec_"),
                "failsafe must pass it.stripe.webhook.secret");
        payments = new PaymentsClient(context);
    }

    @Test
    void healthReportsTheApplicationAndItsDatabaseUp() throws Exception {
        JsonObject health = upHealth();

        assertEquals("test", health.get("stripeMode").getAsString(), health.toString());
    }

    @Test
    void healthTellsAnonymousCallersOnlyUpOrDown() throws Exception {
        HttpResponse<String> anonymous = payments.health();

        assertEquals(200, anonymous.statusCode(), anonymous.body());
        assertEquals("{\"status\":\"UP\"}", anonymous.body());
    }

    @Test
    void healthReportsTheLatestMigrationApplied() throws Exception {
        JsonObject health = upHealth();

        // Flyway's classpath scan can come back empty inside a server's virtual file system; then the schema
        // would stop short of the newest migration.
        assertEquals(Migrations.latestVersion(), health.get("schemaVersion").getAsString(), health.toString());
    }

    @Test
    void unhandledEventIsRecordedAsIgnoredAndItsRedeliveryIsADuplicate() throws Exception {
        SignedEvent event = SignedEvent.unhandled(WEBHOOK_SECRET);

        assertEquals("ignored", outcomeOf(payments.deliver(event)));
        // Only a committed webhook_event row makes the redelivery a duplicate: the transactional write, seen
        // from a later transaction.
        assertEquals("duplicate", outcomeOf(payments.deliver(event.resignedWith(WEBHOOK_SECRET))));
    }

    @Test
    void eventWithABadSignatureIsRefusedAndLeavesNoTrace() throws Exception {
        SignedEvent event = SignedEvent.unhandled(WEBHOOK_SECRET);

        HttpResponse<String> forged = payments.deliver(event.resignedWith("whsec_not_the_configured_secret"));
        assertEquals(400, forged.statusCode(), forged.body());

        // Had the forged delivery been recorded, the genuine one would be answered as a duplicate.
        assertEquals("ignored", outcomeOf(payments.deliver(event)));
    }

    @Test
    void liveEventAtATestModeEndpointIsRefusedAndReportedByHealth() throws Exception {
        long refusedBefore = refusedEvents(upHealth());

        HttpResponse<String> answer = payments.deliver(SignedEvent.unhandledLive(WEBHOOK_SECRET));

        assertEquals(400, answer.statusCode(), answer.body());
        JsonObject health = upHealth();
        assertEquals(refusedBefore + 1, refusedEvents(health), health.toString());
    }

    private JsonObject upHealth() throws Exception {
        HttpResponse<String> response = payments.healthDetails();
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = PaymentsClient.json(response);
        assertEquals("UP", health.get("status").getAsString(), response.body());
        assertEquals("UP", health.get("database").getAsString(), response.body());
        return health;
    }

    private static long refusedEvents(JsonObject health) {
        return health.getAsJsonObject("events").get("refused").getAsLong();
    }

    /** The {@code status} of a webhook answer, which must be a 200. */
    private static String outcomeOf(HttpResponse<String> answer) {
        assertEquals(200, answer.statusCode(), answer.body());
        return PaymentsClient.json(answer).get("status").getAsString();
    }
}
