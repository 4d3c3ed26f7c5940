package dev.tollgate.payments.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcileSettingsTest {

    @Test
    void atTheDefaultsANodeLooksEveryThirtySeconds() {
        assertEquals(Duration.ofSeconds(30), every(Duration.ofHours(1), Duration.ofHours(24)).checkEvery());
    }

    @Test
    void aShortIntervalIsLookedAtEveryTenthOfItSoTheJobRunsAtMostATenthLate() {
        assertEquals(Duration.ofSeconds(3), every(Duration.ofSeconds(30), Duration.ofHours(24)).checkEvery());
        assertEquals(Duration.ofSeconds(6), every(Duration.ZERO, Duration.ofMinutes(1)).checkEvery(),
                "a job that runs only when asked does not count");
    }

    @Test
    void noNodeLooksMoreOftenThanOnceASecond() {
        assertEquals(Duration.ofSeconds(1), every(Duration.ofSeconds(3), Duration.ZERO).checkEvery());
    }

    @Test
    void withBothJobsOnlyWhenAskedTheLookIsThirtySeconds() {
        assertEquals(Duration.ofSeconds(30), every(Duration.ZERO, Duration.ZERO).checkEvery());
    }

    @Test
    void aScanListsPaidCheckoutsFromTheLastHealingScanLessADayOpenAndTheOverlap() {
        Instant lastScan = Instant.parse("2026-12-03T02:00:00Z");
        assertEquals(Optional.of(Instant.parse("2026-12-02T01:00:00Z")),
                every(Duration.ofHours(1), Duration.ofHours(24)).purchasesFrom(Optional.of(lastScan)));
    }

    @Test
    void theFirstScanListsFromTheConfiguredStartOrEveryCheckout() {
        Instant from = Instant.parse("2026-11-01T00:00:00Z");
        ReconcileSettings configured = new ReconcileSettings(Duration.ofMinutes(60), Optional.of(from),
                Duration.ofHours(1), Duration.ofHours(24), 20, Duration.ofSeconds(60));
        assertEquals(Optional.of(from), configured.purchasesFrom(Optional.empty()));
        assertEquals(Optional.empty(), every(Duration.ofHours(1), Duration.ofHours(24)).purchasesFrom(Optional.empty()));
    }

    private static ReconcileSettings every(Duration catchUp, Duration driftScan) {
        return new ReconcileSettings(Duration.ofMinutes(60), Optional.empty(), catchUp, driftScan, 20,
                Duration.ofSeconds(60));
    }
}
