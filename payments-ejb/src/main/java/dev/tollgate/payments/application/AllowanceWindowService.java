package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.AllowanceWindowRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The transactions of {@link AllowanceWindows}: which users have a window due, and one user's settle under their
 * account's lock. A real EJB on Payara and WildFly; on Tomcat a CDI bean with the same boundaries.
 */
@Stateless
@Dependent
@Transactional
public class AllowanceWindowService {

    @Inject
    AllowanceWindowRepository windows;

    @Inject
    AccountRepository accounts;

    @Inject
    CustomerSync customerSync;

    @Inject
    Clock clock;

    /** Users with an allowance window started and not yet granted, at most {@code max}. */
    public List<String> usersDue(int max) {
        return windows.usersDue(clock.instant(), max);
    }

    /**
     * Grants the user's windows that have started (and expires what the windows before left), exactly once however
     * many nodes try: the account's lock orders them and the ledger's keys refuse a second grant.
     */
    public Optional<EntitlementChanged> settle(String userId) {
        Optional<EntitlementChanged> changed = accounts.find(userId)
                .flatMap(customerSync::settleAllowanceWindows);
        windows.unscheduleDue(userId, clock.instant());
        return changed;
    }
}
