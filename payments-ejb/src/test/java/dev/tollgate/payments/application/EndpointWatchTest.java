package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.WebhookEndpoint;
import dev.tollgate.payments.domain.service.WebhookEndpointRegistry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The overview's endpoint check asks Stripe once per five minutes, once a minute after a failure. */
class EndpointWatchTest {

    private static final String URL = "https://shop.example/payments/stripe/webhook";

    private final RenewalCheckClaims.MovableClock clock =
            new RenewalCheckClaims.MovableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private int asked;
    private boolean stripeDown;

    private final EndpointWatch watch = new EndpointWatch();

    EndpointWatchTest() {
        watch.setup = new EndpointSetup(new WebhookEndpointRegistry() {
            @Override
            public String pinnedApiVersion() {
                return "2026-07-29.dahlia";
            }

            @Override
            public List<WebhookEndpoint> all() {
                asked++;
                if (stripeDown) {
                    throw new IllegalStateException("Stripe is unavailable");
                }
                return List.of();
            }

            @Override
            public CreatedEndpoint create(String url, Collection<String> eventTypes, String apiVersion) {
                throw new UnsupportedOperationException();
            }

            @Override
            public WebhookEndpoint enable(String endpointId, Collection<String> eventTypes) {
                throw new UnsupportedOperationException();
            }
        });
        watch.clock = clock;
    }

    @Test
    void aCheckIsKeptFiveMinutesAndForgottenOnRequest() {
        EndpointWatch.Observation first = watch.observe(URL);
        assertTrue(first.check().problems().get(0).contains("No webhook endpoint"), first.toString());
        clock.at(clock.instant().plusSeconds(299));
        watch.observe(URL);
        assertEquals(1, asked);

        clock.at(clock.instant().plusSeconds(2));
        watch.observe(URL);
        assertEquals(2, asked);

        watch.forget();
        watch.observe(URL);
        assertEquals(3, asked);
    }

    @Test
    void aFailureToAskIsShownAndAskedAgainAfterAMinute() {
        stripeDown = true;
        EndpointWatch.Observation failed = watch.observe(URL);
        assertNull(failed.check());
        assertTrue(failed.failure().contains("Stripe is unavailable"), failed.failure());

        stripeDown = false;
        clock.at(clock.instant().plusSeconds(61));

        assertNotNull(watch.observe(URL).check());
        assertEquals(2, asked);
    }
}
