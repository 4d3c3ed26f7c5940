package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.ChangeCause;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.PlanCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Grants the allowance windows that start inside a billing period ({@code plan.pro.allowance.reports=500/month} on a
 * yearly subscription): Stripe sends nothing then, so the payments WAR looks every second for windows due in
 * {@code allowance_window} and settles each user's allowances through the one sync path (only when the catalog
 * has such a window: {@link #canFallDue}). Exactly once per window:
 * every node may run it, the account's lock and the ledger's unique keys make a second grant impossible.
 */
@ApplicationScoped
public class AllowanceWindows {

    private static final Logger LOG = Logger.getLogger(AllowanceWindows.class.getName());
    /** Users settled per look; the rest wait for the next one, a second later. */
    static final int PER_LOOK = 100;

    @Inject
    AllowanceWindowService service;

    @Inject
    PlanCatalog catalog;

    /**
     * Whether a window can ever fall due: only a plan with an allowance on a window of its own (not the billing
     * period) is scheduled, so without one there is nothing to look for.
     */
    public boolean canFallDue() {
        return catalog.hasWindowsInsidePeriods();
    }

    /**
     * One look. {@code publish} hears of each committed change of a user's credits.
     *
     * @return how many users had a window due
     */
    public int grantDue(Consumer<EntitlementChanged> publish) {
        List<String> due = service.usersDue(PER_LOOK);
        for (String user : due) {
            try (ChangeCause.Scope cause = ChangeCause.of(ChangeCause.Source.ALLOWANCE_WINDOW, null).open()) {
                service.settle(user).ifPresent(publish);
            } catch (RuntimeException failed) {
                // left due: the next look tries again
                LOG.warning(() -> "Tollgate could not grant the allowance window of " + user + " (tried again in a"
                        + " second): " + failed);
            }
        }
        return due.size();
    }
}
