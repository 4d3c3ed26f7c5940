package dev.tollgate.emulator.billing;

import java.time.Duration;
import java.util.List;

/**
 * What happens when a renewal cannot be paid: Stripe retries the invoice on a schedule (each delay counts from
 * the previous attempt), then leaves the subscription {@code unpaid} or {@code canceled}, per the account's
 * "manage failed payments" setting.
 *
 * @param retryDelays the wait before each retry; the default 3, 5 and 7 days gives four attempts over 15 days
 * @param afterLastRetry {@code unpaid} or {@code canceled}
 */
public record RenewalPolicy(List<Duration> retryDelays, String afterLastRetry) {
    public static final RenewalPolicy DEFAULT = new RenewalPolicy(
            List.of(Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7)), "unpaid");

    public RenewalPolicy {
        retryDelays = List.copyOf(retryDelays);
        if (!"unpaid".equals(afterLastRetry) && !"canceled".equals(afterLastRetry)) {
            throw new IllegalArgumentException("after the last retry a subscription is unpaid or canceled");
        }
        if (retryDelays.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("retry delays must be positive");
        }
    }
}
