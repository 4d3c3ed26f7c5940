package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EntitlementChanged;
import java.util.Optional;

/**
 * What a return from Checkout did: the change it made, if any, and the user's entitlement version once it was done.
 * The version matters when the change is empty: the webhook may have made the change a moment before and not yet
 * told the gate, which would then let the landing page see the user's old snapshot.
 *
 * @param change      the change this return made; empty when the webhook (or an earlier reload) made it
 * @param versionNow  the user's committed entitlement version after the return
 */
public record ConfirmedReturn(Optional<EntitlementChanged> change, long versionNow) {

    public static ConfirmedReturn made(EntitlementChanged change) {
        return new ConfirmedReturn(Optional.of(change), change.version());
    }

    public static ConfirmedReturn alreadyAt(long version) {
        return new ConfirmedReturn(Optional.empty(), version);
    }
}
