package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.StripeStateRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What Stripe answered about one object before the user's account was locked, as of {@code asOf}, and the write of
 * our record it was asked against (none when we held no record). The answer is known to be newer than that write
 * only, so under the lock it is taken only while the record is still that write; otherwise a writer came in
 * between and the caller asks again.
 *
 * @param <T> the domain state Stripe answered with (a subscription, a refund or dispute)
 */
public record StripeAnswer<T>(T current, Instant asOf, T recordHeld, Instant recordAsOf, Instant recordWrittenAt) {

    /** Stripe's answer {@code current}, asked as of {@code asOf} while our record was {@code askedAgainst}. */
    static <T, R extends StripeStateRecord> StripeAnswer<T> against(T current, Instant asOf,
                                                                    Optional<R> askedAgainst, Function<R, T> held) {
        return askedAgainst.map(record -> new StripeAnswer<>(current, asOf, held.apply(record), record.stripeAsOf(),
                record.updatedAt())).orElseGet(() -> new StripeAnswer<>(current, asOf, null, null, null));
    }

    /** Whether {@code record} is still the write this answer was asked against (no writer came in between). */
    <R extends StripeStateRecord> boolean isAbout(Optional<R> record, Function<R, T> held) {
        if (record.isEmpty()) {
            return recordWrittenAt == null;
        }
        return Objects.equals(record.get().updatedAt(), recordWrittenAt)
                && record.get().stripeAsOf().equals(recordAsOf) && Objects.equals(held.apply(record.get()), recordHeld);
    }
}
