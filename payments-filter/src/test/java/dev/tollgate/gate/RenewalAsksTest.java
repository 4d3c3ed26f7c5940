package dev.tollgate.gate;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenewalAsksTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final RenewalAsks asks = new RenewalAsks();

    @Test
    void lapsedSubscriptionThatShouldRenewIsAskedAboutOnce() {
        Entitlement lapsed = Entitlement.of("alice", "pro", "", "active", 0, NOW.minusSeconds(60), 3);
        assertTrue(asks.shouldAsk(lapsed, NOW.toEpochMilli()));
        assertFalse(asks.shouldAsk(lapsed, NOW.toEpochMilli()), "rate-limited per user");
        assertTrue(asks.shouldAsk(Entitlement.of("bob", "pro", "", "past_due", 0, NOW.minusSeconds(60), 3),
                NOW.toEpochMilli()), "other users are asked about independently");
    }

    @Test
    void endedOrOpenAccessIsNotAskedAbout() {
        long now = NOW.toEpochMilli();
        assertFalse(asks.shouldAsk(Entitlement.of("a", "pro", "", "canceled", 0, NOW.minusSeconds(60), 3), now));
        assertFalse(asks.shouldAsk(Entitlement.of("b", "pro", "", "active", 0, NOW.plusSeconds(60), 3), now));
        assertFalse(asks.shouldAsk(Entitlement.none("c"), now));
    }

    @Test
    void aTakenBackPeriodIsAskedAboutOnceItsSubscriptionHasRenewed() {
        long now = NOW.toEpochMilli();
        assertFalse(asks.shouldAsk(Entitlement.of("a", "", "", "active", 0, null, NOW.plusSeconds(60), 3), now),
                "not before the renewal: the ask would use up the rate limit");
        assertTrue(asks.shouldAsk(Entitlement.of("a", "", "", "active", 0, null, NOW.minusSeconds(1), 3), now));
        assertFalse(asks.shouldAsk(Entitlement.of("b", "", "", "active", 0, null, null, 3), now),
                "revoked with no renewal ahead");
    }
}
