package dev.tollgate.payments.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What an attempt's error keeps: one short line, no key. */
class WebhookAttemptTest {

    private static WebhookAttempt failedWith(String error) {
        return new WebhookAttempt("evt_1", Instant.EPOCH, AttemptOutcome.FAILED, error, Duration.ZERO,
                EventSource.WEBHOOK, "1@host");
    }

    @Test
    void aKeyInAnErrorIsMaskedToItsLastFourCharacters() {
        assertEquals("Invalid API Key provided: sk_…WxYz; secret whsec_…9876",
                failedWith("Invalid API Key provided: sk_test_51AbCdWxYz; secret whsec_abc123def9876").error());
    }

    @Test
    void anErrorIsKeptOnOneShortLine() {
        String error = failedWith("first line\nsecond\tline " + "x".repeat(500)).error();
        assertEquals(300, error.length());
        assertEquals("first line second line x", error.substring(0, 24));
    }

    @Test
    void aPlainShortNoteIsKeptAsItIsAndALongOneIsCut() {
        String note = "event type not handled";
        assertSame(note, failedWith(note).error());
        assertEquals(300, failedWith("y".repeat(301)).error().length());
        assertEquals("a b", failedWith("a\rb").error(), "a carriage return alone is a line break too");
        assertEquals("key rk_…9876", failedWith("key rk_live_9876").error());
    }

    @Test
    void aBlankErrorIsNone() {
        assertNull(failedWith(" ").error());
    }
}
