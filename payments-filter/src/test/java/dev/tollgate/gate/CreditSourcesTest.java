package dev.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CreditSourcesTest {

    /** A ledger row; the key only tells the reader what it stands for. */
    private static CreditSources.Movement entry(String key, long amount, String reason) {
        return new CreditSources.Movement(amount, reason);
    }

    @Test
    void spendsTakeTheAllowanceBeforeBoughtCredits() {
        CreditSources sources = CreditSources.of(List.of(
                entry("cs_1", 100, "checkout"),
                entry("allowance:sub_1:1", 500, "allowance"),
                entry("spend:a", -120, "spend")));
        assertEquals(new CreditSources(380, 100, 0), sources);
        assertEquals(480, sources.total());
    }

    @Test
    void beyondTheAllowanceTheOldestBoughtCreditsGoFirst() {
        CreditSources sources = CreditSources.of(List.of(
                entry("grant:1", 30, "admin_grant"),
                entry("cs_1", 100, "checkout"),
                entry("allowance:sub_1:1", 50, "allowance"),
                entry("spend:a", -70, "spend")));
        assertEquals(new CreditSources(0, 100, 10), sources);
    }

    @Test
    void anExpiredAllowanceLeavesOnlyTheNewPeriodsAndTheBoughtCredits() {
        CreditSources sources = CreditSources.of(List.of(
                entry("allowance:sub_1:1", 500, "allowance"),
                entry("cs_1", 100, "checkout"),
                entry("spend:a", -120, "spend"),
                entry("allowance-expiry:sub_1:1", -380, "allowance_expired"),
                entry("allowance:sub_1:2", 500, "allowance"),
                entry("spend:b", -10, "spend"),
                entry("spend:c", 0, "spend_refused")));
        assertEquals(new CreditSources(490, 100, 0), sources);
    }
}
