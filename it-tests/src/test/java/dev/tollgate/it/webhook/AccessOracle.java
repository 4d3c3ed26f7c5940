package dev.tollgate.it.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The access rule, written from its statement (README "Who has access", issue 12) and applied to Stripe's own
 * objects — never to what the payments WAR stored, and without its {@code AccessPolicy}:
 * <ul>
 *   <li>trialing and active grant their plan until the current period ends (also when cancelling at period end);
 *       past_due grants the grace days from the current period's start; every other status grants nothing;</li>
 *   <li>a full refund or a lost dispute dated at or after the start of a subscription's current period takes that
 *       subscription's access away (a refund dated by the refund that made its charge fully refunded, a dispute by
 *       its {@code charge.dispute.closed} as lost); a partial refund, an open or a won dispute take nothing;</li>
 *   <li>of the granting subscriptions the best plan wins: pro over basic. The sample app's catalog lets neither
 *       include the other, so {@code /pro/} admits exactly the pro winners and {@code /basic/} the basic ones.</li>
 * </ul>
 */
final class AccessOracle {

    /** The plans of the sample app's catalog, best first. */
    static final List<String> PLANS_BEST_FIRST = List.of("pro", "basic");

    private final Duration pastDueGrace;

    AccessOracle(Duration pastDueGrace) {
        this.pastDueGrace = pastDueGrace;
    }

    /** The plan whose gated path should admit the customer at {@code now}, or empty for none. */
    Optional<String> winningPlan(StripeTruth.Customer truth, Instant now) {
        for (String plan : PLANS_BEST_FIRST) {
            boolean granted = truth.subscriptions().stream()
                    .filter(subscription -> plan.equals(subscription.plan()))
                    .filter(subscription -> !takenBack(subscription, truth.tookBackAt()))
                    .anyMatch(subscription -> accessUntil(subscription).filter(now::isBefore).isPresent());
            if (granted) {
                return Optional.of(plan);
            }
        }
        return Optional.empty();
    }

    /** Until when a subscription's status grants access, reversals aside. */
    Optional<Instant> accessUntil(StripeTruth.Subscription subscription) {
        return switch (subscription.status()) {
            case "trialing", "active" -> Optional.of(subscription.periodEnd());
            case "past_due" -> Optional.of(subscription.periodStart().plus(pastDueGrace));
            default -> Optional.empty();
        };
    }

    private static boolean takenBack(StripeTruth.Subscription subscription, List<Instant> tookBackAt) {
        return tookBackAt.stream().anyMatch(moment -> !moment.isBefore(subscription.periodStart()));
    }
}
