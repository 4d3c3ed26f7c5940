package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.emulator.StripeEmulator;
import java.net.URI;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the scenario suites play on, on any container: the unchanged payments WAR at {@code /payments}, a
 * customer's app gated by the dropped-in filter jar at {@code /app}, the Stripe emulator in this JVM (the server's
 * {@code STRIPE_API_BASE}) delivering signed webhooks to the server, and the server's own users.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class CustomerAppStage {

    protected static final String WEBHOOK_SECRET = System.getProperty("it.stripe.webhook.secret");
    protected static final URI SERVER = URI.create("http://localhost:" + System.getProperty("it.http.port") + "/");
    protected static final URI APP = SERVER.resolve("/app/");
    protected static final URI PAYMENTS = SERVER.resolve("/payments/");
    /** In the emulator's default catalog and in the server's PAYMENTS_PLANS (pro=price_pro_monthly). */
    protected static final String PRO_PRICE = "price_pro_monthly";
    protected static final String BASIC_PRICE = "price_basic_monthly";
    protected static final String PAYING_CARD = "4242 4242 4242 4242";
    private static final Duration DELIVERIES_DEADLINE = Duration.ofSeconds(30);

    protected static StripeEmulator stripe;

    @Deployment(name = "payments", order = 1, testable = false)
    static WebArchive paymentsWar() {
        return PaymentsWar.asBuilt();
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive customerApp() {
        return CustomerApp.withTheGateJar();
    }

    @BeforeAll
    static void startStripeAndAddUsers() throws Exception {
        ServerUsers.addToRunningServer();
        stripe = StripeEmulator.builder().port(Integer.getInteger("it.emulator.port"))
                .webhookEndpoint(PAYMENTS.resolve("stripe/webhook").toString()).webhookSecret(WEBHOOK_SECRET)
                .build().start();
    }

    @AfterAll
    static void stopStripe() {
        if (stripe != null) {
            stripe.close();
            stripe = null;
        }
    }

    /** Waits until the emulator has delivered every event so far to the server. */
    protected static void awaitDeliveries() {
        assertTrue(stripe.awaitDeliveriesIdle(DELIVERIES_DEADLINE),
                "the emulator's deliveries did not finish: " + stripe.deliveries());
    }
}
