package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.emulator.StripeEmulator;
import java.net.URI;
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
    private static StripeEmulator stripe;
    private static URI server;

    @BeforeAll
    static void startTomcat() throws Exception {
        Path base = Path.of(System.getProperty("it.tomcat.home"));
        int port = Integer.parseInt(System.getProperty("it.http.port"));
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : new String[] {"STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE",
                "PAYMENTS_APP_URL", "PAYMENTS_PLANS", "PAYMENTS_PROTECT", "PAYMENTS_PRICING_URL",
                "PAYMENTS_MONITORING_TOKEN"}) {
            settings.put(name, System.getenv(name));
        }
        settings.put("PAYMENTS_DATA_DIR", base.resolve("data").toString());
        boolean postgres = "postgresql".equals(ServerDatabase.kind());
        StandaloneTomcat.Layout layout = new StandaloneTomcat.Layout(Path.of(System.getProperty("payments.war")),
                settings, contextXml(),
                Path.of(System.getProperty(postgres ? "it.postgresql.driver" : "it.h2.driver")),
                Path.of(System.getProperty("it.tomcat.users")), Path.of(System.getProperty("it.sample.app.dir")),
                Path.of(System.getProperty("it.gate.jar")));
        tomcat = StandaloneTomcat.start(Path.of(System.getProperty("it.catalina.home")),
                base, port, layout);
        server = URI.create("http://localhost:" + port + "/");
        payments = new PaymentsClient(server.resolve("/payments/").toURL());
        stripe = StripeEmulator.builder().port(Integer.getInteger("it.emulator.port"))
                .webhookEndpoint(server.resolve("/payments/stripe/webhook").toString()).webhookSecret(WEBHOOK_SECRET)
                .build().start();
        awaitHealthAnswer();
    }

    /**
     * The suite's {@code conf/context.xml} for the chosen database with this run's values written in, as a user's
     * file would hold them (the embedded suites fill the same placeholders from system properties instead), minus
     * the embedded suites' per-context realm: here the users come from the default {@code server.xml}'s realm, at
     * Host level, which single sign-on needs.
     */
    private static String contextXml() throws java.io.IOException {
        String template = java.nio.file.Files.readString(Path.of(System.getProperty("it.tomcat.context")));
        template = template.replace("${catalina.base}", System.getProperty("it.tomcat.home"));
        for (String name : new String[] {"it.postgres.host", "it.postgres.port", "it.postgres.user",
                "it.postgres.database"}) {
            template = template.replace("${" + name + "}", System.getProperty(name));
        }
        return template.replaceAll("<Realm [^>]*/>", "");
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
        if (stripe != null) {
            stripe.close();
        }
    }

    @Test
    void healthIsUpWithTheLatestSchema() throws Exception {
        HttpResponse<String> response = payments.healthDetails();

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

    @Test
    void theDroppedInGateSendsASignedInUserWithoutTheRightToPricing() throws Exception {
        Shopper bob = Shopper.signedIn(ServerUsers.BOB, server.resolve("/app/"));

        HttpResponse<String> pro = bob.get(server.resolve("/app/pro/"));

        assertEquals(303, pro.statusCode(), pro.body());
        assertEquals("/app/pricing", URI.create(pro.headers().firstValue("Location").orElseThrow()).getPath());
    }

    @Test
    void oneSignInToTheAppIsEnoughToStartACheckoutUnderTheSingleSignOnValve() throws Exception {
        assertEquals(401, Shopper.notSignedIn(ServerUsers.ERIN).get(server.resolve("/payments/billing/return"))
                .statusCode(), "/payments asks for credentials when nobody signed in");
        Shopper erin = Shopper.signedIn(ServerUsers.ERIN, server.resolve("/app/"));

        URI checkoutPage = erin.startCheckoutSignedInOnce(server.resolve("/payments/"), "price_pro_monthly");

        assertTrue(checkoutPage.toString().startsWith(stripe.baseUrl()), "sent to Stripe: " + checkoutPage);
    }

    @Test
    void aWithheldRenewalIsLetInAndAWithheldCancellationRefusedAtTheirPeriodEnd() throws Exception {
        new MissedRenewal(stripe, server.resolve("/app/"), server.resolve("/payments/"))
                .aWithheldRenewalIsLetInAndAWithheldCancellationRefusedAtTheirPeriodEnd(ServerUsers.FRANK,
                        ServerUsers.GRACE);
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
