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
 * The unchanged {@code payments.war} on a full server (whichever the failsafe execution launched): it starts with
 * the server's own CDI, EJB, JPA provider and default data source, migrates its schema, answers /health, and
 * commits a webhook event in a container-managed transaction that a later delivery can see.
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
        HttpResponse<String> response = payments.health();

        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = PaymentsClient.json(response);
        assertEquals("UP", health.get("status").getAsString(), response.body());
        assertEquals("UP", health.get("database").getAsString(), response.body());
        assertEquals("test", health.get("stripeMode").getAsString(), response.body());
    }

    @Test
    void unhandledEventIsRecordedOnceAndItsRedeliveryIsADuplicate() throws Exception {
        SignedEvent event = SignedEvent.unhandled(WEBHOOK_SECRET);

        HttpResponse<String> first = payments.deliver(event);
        assertEquals(200, first.statusCode(), first.body());
        assertOutcome("ignored", first);

        // Only a committed webhook_event row can make the second delivery a duplicate: this is the
        // transactional write, observed from a later transaction.
        HttpResponse<String> second = payments.deliver(event.redelivered(WEBHOOK_SECRET));
        assertEquals(200, second.statusCode(), second.body());
        assertOutcome("duplicate", second);
    }

    @Test
    void eventWithABadSignatureIsRefusedAndLeavesNoTrace() throws Exception {
        SignedEvent event = SignedEvent.unhandled(WEBHOOK_SECRET);

        HttpResponse<String> forged = payments.deliver(event.redelivered("whsec_not_the_configured_secret"));
        assertEquals(400, forged.statusCode(), forged.body());

        // Had the forged delivery been recorded, the genuine one would be reported as a duplicate.
        HttpResponse<String> genuine = payments.deliver(event);
        assertEquals(200, genuine.statusCode(), genuine.body());
        assertOutcome("ignored", genuine);
    }

    private static void assertOutcome(String expected, HttpResponse<String> response) {
        assertTrue(response.body().contains(expected),
                "expected outcome '" + expected + "' in the webhook answer, got: " + response.body());
    }
}
