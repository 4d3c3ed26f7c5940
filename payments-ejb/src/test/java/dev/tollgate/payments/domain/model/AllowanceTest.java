package dev.tollgate.payments.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllowanceTest {

    @Test
    void whatWasNotSpentOfAGrantIsUnused() {
        assertEquals(300, Allowance.unused(500, 200, 900));
    }

    @Test
    void spendingMoreThanTheGrantLeavesNothingUnusedAndKeepsBoughtCredits() {
        assertEquals(0, Allowance.unused(500, 650, 100));
    }

    @Test
    void theUnusedPartIsNeverMoreThanTheBalance() {
        assertEquals(40, Allowance.unused(500, 100, 40));
        assertEquals(0, Allowance.unused(500, 0, 0));
    }

    @Test
    void keysNameTheSubscriptionAndThePeriodTheyWereGrantedFor() {
        Instant start = Instant.ofEpochSecond(1_800_000_000L);
        String grant = Allowance.grantKey("sub_1", start);
        assertEquals("allowance:sub_1:1800000000", grant);
        assertEquals("allowance-expiry:sub_1:1800000000", Allowance.expiryKey(grant));
        assertEquals(Optional.of(start), Allowance.periodStartOf(grant));
        assertEquals(Optional.empty(), Allowance.periodStartOf("cs_test_123"));
    }
}
