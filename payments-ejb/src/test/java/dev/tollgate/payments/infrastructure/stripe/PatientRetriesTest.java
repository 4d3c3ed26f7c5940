package dev.tollgate.payments.infrastructure.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which answers a polite stretch tries again, and after how long. */
class PatientRetriesTest {

    private final PatientRetries retries = new PatientRetries(Duration.ofMillis(500), Duration.ofSeconds(8));

    @Test
    void aRetryAfterGivenAsADateIsWaitedForUntilThen() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));

        Duration pause = retries.pauseBefore(1, answer(429, Map.of("Retry-After", inTenSeconds))).orElseThrow();

        assertTrue(pause.compareTo(Duration.ofSeconds(8)) > 0 && pause.compareTo(Duration.ofSeconds(10)) <= 0,
                pause.toString());
    }

    @Test
    void aRetryAfterBeyondAMinuteWaitsAMinute() {
        assertEquals(Optional.of(PatientRetries.LONGEST_RETRY_AFTER),
                retries.pauseBefore(1, answer(429, Map.of("Retry-After", "3600"))));
    }

    @Test
    void anUnreadableRetryAfterBacksOffInstead() {
        Duration pause = retries.pauseBefore(1, answer(429, Map.of("Retry-After", "soon"))).orElseThrow();

        assertTrue(pause.compareTo(Duration.ofMillis(250)) >= 0 && pause.compareTo(Duration.ofMillis(500)) <= 0,
                pause.toString());
    }

    @Test
    void pausesDoubleWithJitterUpToTheLongest() {
        for (int retry = 1; retry <= 6; retry++) {
            long full = Math.min(500L << (retry - 1), 8000);
            Duration pause = retries.pauseBefore(retry, null).orElseThrow();
            assertTrue(pause.toMillis() >= full / 2 && pause.toMillis() <= full, "retry " + retry + ": " + pause);
        }
    }

    @Test
    void stripeSaysWhenAnAnswerIsWorthRetrying() {
        assertTrue(retries.pauseBefore(1, answer(409, Map.of())).isPresent(), "a conflict (a lock) clears");
        assertTrue(retries.pauseBefore(1, answer(502, Map.of())).isPresent());
        assertTrue(retries.pauseBefore(1, answer(500, Map.of("Stripe-Should-Retry", "false"))).isEmpty());
        assertTrue(retries.pauseBefore(1, answer(400, Map.of("Stripe-Should-Retry", "true"))).isPresent());
        assertTrue(retries.pauseBefore(1, answer(400, Map.of())).isEmpty());
        assertTrue(retries.pauseBefore(1, answer(401, Map.of())).isEmpty());
        assertTrue(retries.pauseBefore(1, answer(200, Map.of())).isEmpty());
    }

    private static StripeResponse answer(int status, Map<String, String> headers) {
        Map<String, List<String>> all = new HashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new StripeResponse(status, HttpHeaders.of(all), "{}");
    }
}
