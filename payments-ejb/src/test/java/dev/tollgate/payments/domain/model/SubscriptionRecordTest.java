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

    @Test
    void pastDueSinceIsTheFirstPastDueStateAndEndsWithIt() {
        SubscriptionRecord record = new SubscriptionRecord(state(SubscriptionStatus.ACTIVE), T, T);
        assertTrue(record.pastDueSince().isEmpty());
        record.take(state(SubscriptionStatus.PAST_DUE), T.plusMillis(10_500), T.plusSeconds(20));
        assertEquals(Optional.of(T.plusSeconds(10)), record.pastDueSince(), "Stripe's whole second of the state");
        record.take(state(SubscriptionStatus.PAST_DUE), T.plusSeconds(30), T.plusSeconds(31));
        assertEquals(Optional.of(T.plusSeconds(10)), record.pastDueSince(), "a retry that failed again keeps it");
        record.take(state(SubscriptionStatus.ACTIVE), T.plusSeconds(40), T.plusSeconds(41));
        assertTrue(record.pastDueSince().isEmpty(), "paid: no longer past_due");

        SubscriptionRecord firstSeenPastDue = new SubscriptionRecord(state(SubscriptionStatus.PAST_DUE),
                T.plusSeconds(50), T.plusSeconds(51));
        assertEquals(Optional.of(T.plusSeconds(50)), firstSeenPastDue.pastDueSince());
    }

    @Test
    void theFirstPaidInvoiceIsKeptAndSurvivesNewStates() {
        SubscriptionRecord record = new SubscriptionRecord(state(SubscriptionStatus.ACTIVE), T, T);
        assertFalse(record.paymentsSeen().anInvoiceWasPaid());
        assertTrue(record.invoicePaid(T.plusSeconds(1)));
        assertFalse(record.invoicePaid(T.plusSeconds(99)), "known already");
        record.take(state(SubscriptionStatus.PAST_DUE), T.plusSeconds(5), T.plusSeconds(6));
        PaymentsSeen seen = record.paymentsSeen();
        assertEquals(T.plusSeconds(1), seen.invoicePaidAt());
        assertEquals(T.plusSeconds(5), seen.pastDueSince());
        SubscriptionRecord restored = SubscriptionRecord.restored(record.toSubscription(),
                record.stripeAsOf().getEpochSecond(), record.updatedAt(), seen.invoicePaidAt(), seen.pastDueSince());
        assertEquals(seen, restored.paymentsSeen());
    }
}
