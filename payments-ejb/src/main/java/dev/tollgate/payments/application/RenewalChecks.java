package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.ChangeCause;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Answers the gate's renewal questions (ARCHITECTURE rule 4: a missed renewal webhook never locks out a paying
 * customer). Run every fraction of a second by the payments WAR's scheduler: claims the open questions, re-reads
 * each user from Stripe through the one sync path ({@link EntitlementService#syncUser}), publishes a change and
 * answers, so the waiting gate decides on what is now stored. Every claimed question is answered, also when the
 * user is unknown, has no Stripe customer or the sync fails: the gate must stop waiting.
 */
@ApplicationScoped
public class RenewalChecks {

    private static final Logger LOG = Logger.getLogger(RenewalChecks.class.getName());

    @Inject
    RenewalCheckService questions;

    @Inject
    EntitlementService entitlements;

    /**
     * One poll. {@code publish} hears of each committed change before its question is answered.
     *
     * @return how many questions this node answered
     */
    public int answerOpen(Consumer<EntitlementChanged> publish) {
        List<String> claimed = questions.claimOpen();
        for (String user : claimed) {
            try (ChangeCause.Scope cause = ChangeCause.of(ChangeCause.Source.RENEWAL_CHECK, null).open()) {
                entitlements.syncUser(user).ifPresent(publish);
            } catch (RuntimeException failed) {
                LOG.warning(() -> "Tollgate renewal check of " + user + " failed, answered without a change: "
                        + innermost(failed));
            } finally {
                questions.answer(user);
            }
        }
        return claimed.size();
    }

    /** What went wrong under the container's wrapping (EJBException, PersistenceException), for one log line. */
    private static String innermost(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getName() + ": " + cause.getMessage();
    }
}
