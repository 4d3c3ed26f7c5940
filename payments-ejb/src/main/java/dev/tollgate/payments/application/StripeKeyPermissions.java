package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.service.PermissionRefusals;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The permissions Stripe said this node's restricted key lacks, so {@code /health} and the console's overview name
 * them to the operator the moment any Stripe call failed for one: a customer's checkout or portal request, a
 * reconcile job, a webhook's re-fetch (the Stripe adapter reports every refusal here). Kept in memory per node: a key with the permission
 * added needs no restart to work, and the problem leaves {@code /health} a day after the last refusal (or with the
 * restart that brings a new key).
 */
@ApplicationScoped
public class StripeKeyPermissions implements PermissionRefusals {

    /** How long a refusal stays a problem after it was last seen. */
    static final Duration REMEMBERED = Duration.ofHours(24);

    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
    private final Clock clock;

    public StripeKeyPermissions() {
        this(Clock.systemUTC());
    }

    StripeKeyPermissions(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void lacking(String permission, String what) {
        refusals.put(permission, new Refusal(what, clock.instant()));
    }

    /** One sentence per permission refused within the last day, newest first. */
    public List<String> problems() {
        Instant since = clock.instant().minus(REMEMBERED);
        refusals.values().removeIf(refusal -> refusal.at().isBefore(since));
        return refusals.entrySet().stream()
                .sorted((a, b) -> b.getValue().at().compareTo(a.getValue().at()))
                .map(entry -> "the Stripe key lacks the permission '" + entry.getKey() + "': Stripe refused "
                        + entry.getValue().what() + " at " + entry.getValue().at() + " (give the restricted key that"
                        + " permission in Stripe's Dashboard, Developers > API keys)")
                .toList();
    }

    private record Refusal(String what, Instant at) {
    }
}
