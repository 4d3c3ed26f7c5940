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
    void keysNameTheSubscriptionAndTheWindowTheyWereGrantedFor() {
        Instant start = Instant.ofEpochSecond(1_800_000_000L);
        String grant = new Allowance(500).grantKey("sub_1", start);
        assertEquals("allowance:sub_1:1800000000", grant, "credits keep the key they always had");
        assertEquals("allowance-expiry:sub_1:1800000000", Allowance.expiryKey(grant));
        assertEquals(Optional.of(start), Allowance.windowStartOf(grant));
        assertEquals(Optional.empty(), Allowance.windowStartOf("cs_test_123"));
        String reports = new Allowance("reports", 20, Allowance.Every.MONTH).grantKey("sub_1", start);
        assertEquals("allowance:sub_1:reports:1800000000", reports);
        assertEquals("allowance-expiry:sub_1:reports:1800000000", Allowance.expiryKey(reports));
        assertEquals(Optional.of(start), Allowance.windowStartOf(reports));
    }

    private static final Instant JAN_31 = Instant.parse("2027-01-31T10:00:00Z");
    private static final Instant YEAR_LATER = Instant.parse("2028-01-31T10:00:00Z");
    private static final Allowance MONTHLY = new Allowance("reports", 500, Allowance.Every.MONTH);

    @Test
    void monthlyWindowsAreCountedFromThePeriodsStartAndClampedToShortMonths() {
        assertEquals(JAN_31, MONTHLY.windowStart(JAN_31, YEAR_LATER, JAN_31));
        assertEquals(JAN_31, MONTHLY.windowStart(JAN_31, YEAR_LATER, Instant.parse("2027-02-28T09:59:59Z")));
        assertEquals(Instant.parse("2027-02-28T10:00:00Z"),
                MONTHLY.windowStart(JAN_31, YEAR_LATER, Instant.parse("2027-02-28T10:00:00Z")));
        assertEquals(Instant.parse("2027-02-28T10:00:00Z"),
                MONTHLY.windowStart(JAN_31, YEAR_LATER, Instant.parse("2027-03-31T09:59:59Z")));
        assertEquals(Instant.parse("2027-03-31T10:00:00Z"),
                MONTHLY.windowStart(JAN_31, YEAR_LATER, Instant.parse("2027-03-31T10:00:00Z")),
                "back on the 31st: counted from the anchor, not from the clamped window before");
        assertEquals(Instant.parse("2027-04-30T10:00:00Z"),
                MONTHLY.windowStart(JAN_31, YEAR_LATER, Instant.parse("2027-05-15T00:00:00Z")));
    }

    @Test
    void theNextWindowStartsAMonthOnUnlessThePeriodEndsFirst() {
        assertEquals(Optional.of(Instant.parse("2027-02-28T10:00:00Z")),
                MONTHLY.nextWindowStart(JAN_31, YEAR_LATER, JAN_31));
        assertEquals(Optional.of(Instant.parse("2027-03-31T10:00:00Z")),
                MONTHLY.nextWindowStart(JAN_31, YEAR_LATER, Instant.parse("2027-02-28T10:00:00Z")));
        Instant lastWindow = Instant.parse("2027-12-31T10:00:00Z");
        assertEquals(lastWindow, MONTHLY.windowStart(JAN_31, YEAR_LATER, Instant.parse("2028-01-15T00:00:00Z")));
        assertEquals(Optional.empty(), MONTHLY.nextWindowStart(JAN_31, YEAR_LATER, lastWindow),
                "the twelfth window is the period's last: the renewal starts the next");
        assertEquals(lastWindow, MONTHLY.windowStart(JAN_31, YEAR_LATER, Instant.parse("2028-02-10T00:00:00Z")),
                "a renewal not recorded yet keeps the last window, never one past the period's end");
    }

    @Test
    void beforeThePeriodStartsAndForThePeriodItselfTheWindowIsThePeriod() {
        assertEquals(JAN_31, MONTHLY.windowStart(JAN_31, YEAR_LATER, JAN_31.minusSeconds(86_400)));
        Allowance perPeriod = new Allowance(500);
        assertEquals(JAN_31, perPeriod.windowStart(JAN_31, YEAR_LATER, Instant.parse("2027-09-01T00:00:00Z")));
        assertEquals(Optional.empty(), perPeriod.nextWindowStart(JAN_31, YEAR_LATER, JAN_31));
    }

    @Test
    void dailyWeeklyAndYearlyWindows() {
        Instant start = Instant.parse("2027-01-01T00:00:00Z");
        Instant end = Instant.parse("2030-01-01T00:00:00Z");
        Instant now = Instant.parse("2028-03-10T12:00:00Z");
        assertEquals(Instant.parse("2028-03-10T00:00:00Z"),
                new Allowance("x", 1, Allowance.Every.DAY).windowStart(start, end, now));
        assertEquals(Instant.parse("2028-03-10T00:00:00Z"),
                new Allowance("x", 1, Allowance.Every.WEEK).windowStart(start, end, now), "a Friday, as 2027-01-01");
        assertEquals(Instant.parse("2028-01-01T00:00:00Z"),
                new Allowance("x", 1, Allowance.Every.YEAR).windowStart(start, end, now));
        assertEquals(Optional.of(Instant.parse("2028-03-17T00:00:00Z")), new Allowance("x", 1, Allowance.Every.WEEK)
                .nextWindowStart(start, end, Instant.parse("2028-03-10T00:00:00Z")));
    }
}
