package dev.tollgate.payments.infrastructure.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a request in a polite stretch is retried, in place of stripe-java's own retries (which never retry a 429 and
 * ignore {@code Retry-After}). A 429 waits for Stripe's {@code Retry-After} (seconds or an HTTP date, at most
 * {@link #LONGEST_RETRY_AFTER}), or else backs off; no answer (refused, reset, timed out), a 409 and a 5xx are
 * retried after a jittered exponential pause unless Stripe says {@code Stripe-Should-Retry: false}; anything else is
 * the answer. At most {@value #MAX_RETRIES} retries; then the last answer or failure stands, and the gateway reports
 * Stripe as unavailable. A retry resends the same request, so a POST keeps its idempotency key.
 */
final class PatientRetries {

    static final int MAX_RETRIES = 5;
    /** A background job may wait, but not for ever on one header. */
    static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(60);

    private final Duration firstPause;
    private final Duration longestPause;

    /** Pauses of about 0.5, 1, 2, 4 and 8 seconds: some 15 s of patience for Stripe to recover. */
    PatientRetries() {
        this(Duration.ofMillis(500), Duration.ofSeconds(8));
    }

    PatientRetries(Duration firstPause, Duration longestPause) {
        this.firstPause = firstPause;
        this.longestPause = longestPause;
    }

    /** One send over the network, without retries. */
    @FunctionalInterface
    interface Send {
        StripeResponse send(StripeRequest request) throws StripeException;
    }

    StripeResponse send(StripeRequest request, Send network) throws StripeException {
        for (int retry = 1; ; retry++) {
            StripeResponse answer = null;
            ApiConnectionException noAnswer = null;
            try {
                answer = network.send(request);
            } catch (ApiConnectionException failure) {
                noAnswer = failure;
            }
            Optional<Duration> pause = retry > MAX_RETRIES ? Optional.empty() : pauseBefore(retry, answer);
            if (pause.isEmpty()) {
                if (noAnswer != null) {
                    throw noAnswer;
                }
                return answer;
            }
            Pauses.pause(pause.get());
        }
    }

    /** The pause before retry number {@code retry}, or empty when the answer stands; {@code answer} null: none. */
    Optional<Duration> pauseBefore(int retry, StripeResponse answer) {
        if (answer == null) {
            return Optional.of(backoff(retry));
        }
        if (answer.code() == 429) {
            return Optional.of(retryAfter(answer.headers()).orElseGet(() -> backoff(retry)));
        }
        String shouldRetry = answer.headers().firstValue("Stripe-Should-Retry").orElse("");
        if ("false".equals(shouldRetry)) {
            return Optional.empty();
        }
        if ("true".equals(shouldRetry) || answer.code() == 409 || answer.code() >= 500) {
            return Optional.of(backoff(retry));
        }
        return Optional.empty();
    }

    /** Doubling from the first pause up to the longest, each drawn between half and all of it. */
    private Duration backoff(int retry) {
        long full = firstPause.toNanos();
        for (int i = 1; i < retry && full < longestPause.toNanos(); i++) {
            full *= 2;
        }
        full = Math.min(full, longestPause.toNanos());
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(full / 2, full + 1));
    }

    private static Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(String::trim).flatMap(PatientRetries::parseRetryAfter)
                .map(wait -> wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait);
    }

    private static Optional<Duration> parseRetryAfter(String value) {
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
