package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.ChangeCause;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChange;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Entitlement rows; joins the caller's transaction. Rows are written only under the lock of their account
 * ({@link AccountRepository#lock}), which is what makes two writers of one user queue up; the row needs no lock
 * of its own.
 */
public interface EntitlementRepository {

    Optional<Entitlement> find(String userId);

    /** The entitlements these users have (a user without one is left out), read at once for a page of users. */
    List<Entitlement> findAll(Collection<String> userIds);

    void add(Entitlement entitlement);

    /** The user's entitlement, a fresh one of no access added first if the user has none. */
    default Entitlement findOrAdd(String userId, Instant now) {
        return orAdd(find(userId), userId, now);
    }

    /** The user's entitlement as {@code found} in this transaction, a fresh one of no access added if none was. */
    default Entitlement orAdd(Optional<Entitlement> found, String userId, Instant now) {
        return found.orElseGet(() -> {
            Entitlement fresh = Entitlement.none(userId, now);
            add(fresh);
            return fresh;
        });
    }

    /**
     * Writes back an entitlement that changed (its version moved, or Stripe's features were remembered). When the
     * version moved, a history row goes with it, in the same transaction, naming the open {@link ChangeCause}.
     */
    void update(Entitlement entitlement);

    /** The user's newest history rows, newest first. */
    List<EntitlementChange> history(String userId, int limit);
}
