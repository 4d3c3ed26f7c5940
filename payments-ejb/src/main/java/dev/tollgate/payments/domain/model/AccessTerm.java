package dev.tollgate.payments.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a plan bought once grants access: for life ({@code forever}) or for a fixed span from the payment
 * (an ISO-8601 duration such as {@code P365D} or {@code PT12H}).
 *
 * @param length the span; empty for life
 */
public record AccessTerm(Optional<Duration> length) {

    /** What "for life" stores as the end of access: a date no clock reaches, which every database keeps. */
    public static final Instant FOREVER = Instant.parse("9999-12-31T23:59:59Z");
    static final String LIFETIME = "forever";

    public AccessTerm {
        if (length.isPresent() && (length.get().isNegative() || length.get().isZero())) {
            throw new IllegalArgumentException("an access term must be longer than zero, got " + length.get());
        }
    }

    public static AccessTerm lifetime() {
        return new AccessTerm(Optional.empty());
    }

    /**
     * {@code forever} or an ISO-8601 duration.
     *
     * @param what the setting that gave it, named in the error
     */
    public static AccessTerm parse(String value, String what) {
        String trimmed = value == null ? "" : value.trim();
        if (LIFETIME.equals(trimmed)) {
            return lifetime();
        }
        try {
            Duration length = Duration.parse(trimmed);
            if (!length.isNegative() && !length.isZero()) {
                return new AccessTerm(Optional.of(length));
            }
        } catch (DateTimeParseException notADuration) {
            // reported below
        }
        throw new IllegalArgumentException("'" + what + "' needs " + LIFETIME + " or a positive ISO-8601 duration"
                + " such as P365D or PT12H, got '" + value + "'");
    }

    public boolean isLifetime() {
        return length.isEmpty();
    }

    /** The moment access bought at {@code paidAt} ends. */
    public Instant endOfAccess(Instant paidAt) {
        return length.map(paidAt::plus).filter(end -> end.isBefore(FOREVER)).orElse(FOREVER);
    }

    /** As the catalog writes it. */
    @Override
    public String toString() {
        return length.map(AccessTerm::written).orElse(LIFETIME);
    }

    /** Whole days as days ({@code P365D}), which {@link Duration#toString} would give in hours. */
    private static String written(Duration length) {
        return length.equals(Duration.ofDays(length.toDays())) ? "P" + length.toDays() + "D" : length.toString();
    }
}
