package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.emulator.http.ApiFaults;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Delivers an event while the emulator answers the WAR's retrieve of one Stripe object later than the WAR's time-out
 * (the WAR waits, then retries), and shows meanwhile, from a connection of the test's own, that the user's account
 * row can be locked: the user's spends and other writers do not wait for Stripe.
 */
final class HeldStripeAnswer {

    /** Longer than the WAR's time-out per Stripe call (5 s), shorter than the delivery's 30 s. */
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(20);

    private HeldStripeAnswer() {
    }

    /**
     * @param objectPath the API path of the object the WAR is expected to retrieve, e.g. {@code /v1/disputes/dp_1}
     * @return the WAR's answer to the delivery
     */
    static HttpResponse<String> deliverWhileTheAccountRowIsProbed(WebhookStage stage, DemoDatabase.Kind database,
                                                                 String user, String objectPath, String event)
            throws Exception {
        String counted = "GET " + objectPath.substring(0, objectPath.lastIndexOf('/'));
        stage.emulator().resetApiRequestCounts();
        stage.emulator().apiFaults(ApiFaults.parse("api_timeouts_next=1,api_timeout=" + SLOW_ANSWER.toSeconds()
                + "s,api_path=" + objectPath));
        try {
            CompletableFuture<HttpResponse<String>> delivery = stage.deliverAsync(event,
                    WebhookStage.sign(event, WebhookStage.OLD_SECRET));
            awaitRetrieve(stage, counted);

            // The WAR now waits for Stripe in the event's transaction: the user's row must not wait with it.
            assertTrue(AccountRowProbe.lockableAtOnce(stage.demoDataSource(), database, user),
                    "no transaction holds the user's account row while Stripe is asked (" + counted + ")");

            return delivery.get(60, TimeUnit.SECONDS);
        } finally {
            stage.emulator().apiFaults(ApiFaults.Settings.NONE);
        }
    }

    /** Waits until the WAR's retrieve reached the emulator (observed, not guessed). */
    private static void awaitRetrieve(WebhookStage stage, String counted) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (stage.emulator().apiRequestCounts().getOrDefault(counted, 0L) == 0) {
            assertTrue(Instant.now().isBefore(deadline), "the WAR never asked Stripe: " + counted);
            Thread.sleep(20);
        }
    }
}
