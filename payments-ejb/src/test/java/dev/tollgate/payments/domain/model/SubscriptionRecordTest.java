package dev.tollgate.payments.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.StripeStateRecord.Freshness;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriptionRecordTest {

    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

    private static Subscription state(SubscriptionStatus status) {
        return new Subscription("sub_1", "cus_1", status, List.of("price_pro"), T, T.plusSeconds(86_400), false, T);
    }

    @Test
    void aStateIsNewerOlderOrOfTheSameSecondByStripesWholeSecondClock() {
        SubscriptionRecord record = new SubscriptionRecord(state(SubscriptionStatus.ACTIVE), T, T);
        assertEquals(Freshness.NEWER, record.freshnessOf(T.plusSeconds(1)));
        assertEquals(Freshness.SAME_SECOND, record.freshnessOf(T.plusMillis(999)));
        assertEquals(Freshness.OLDER, record.freshnessOf(T.minusSeconds(1)));
    }

    @Test
    void takingAStateMovesTheAsOfMarkerAndTheState() {
        SubscriptionRecord record = new SubscriptionRecord(state(SubscriptionStatus.ACTIVE), T, T);
        record.take(state(SubscriptionStatus.CANCELED), T.plusSeconds(5), T.plusSeconds(6));
        assertEquals(SubscriptionStatus.CANCELED, record.toSubscription().status());
        assertEquals(T.plusSeconds(5), record.stripeAsOf());
        assertEquals(Freshness.OLDER, record.freshnessOf(T.plusSeconds(4)));
    }

    @Test
    void aRecordCoversAnOlderEventAndASameSecondOneOnlyWhenThatIsEnough() {
        assertTrue(Freshness.covers(Optional.of(Freshness.OLDER), false));
        assertFalse(Freshness.covers(Optional.of(Freshness.SAME_SECOND), false), "a tie is asked about");
        assertTrue(Freshness.covers(Optional.of(Freshness.SAME_SECOND), true), "an invoice of the record's second");
        assertFalse(Freshness.covers(Optional.of(Freshness.NEWER), true));
        assertFalse(Freshness.covers(Optional.empty(), true), "no record covers nothing");
    }
}
