package dev.tollgate.gate;

/**
 * Optional hook into the payments side for a missed renewal: before refusing a user whose access ended although
 * the stored status says the subscription should renew ({@code active}, {@code trialing}, {@code past_due}),
 * the gate asks this check once (at most every five minutes per user) and then re-reads the row.
 *
 * <p>Register an implementation as the servlet context attribute {@value #ATTRIBUTE} of the gated webapp, e.g.
 * from a {@code ServletContextListener}, or once for all gated webapps that share the gate's classes with
 * {@link SharedRenewalCheck#register(RenewalCheck)} (what the payments webapp does); the attribute wins. The gate
 * looks the check up when it needs it, so registration order does not matter. Without one, the gate simply
 * refuses and relies on webhooks and reconciliation.
 */
@FunctionalInterface
public interface RenewalCheck {

    /** The servlet context attribute under which the gate looks for the check. */
    String ATTRIBUTE = "dev.tollgate.gate.RenewalCheck";

    /**
     * Asks the payments side to re-read {@code userId}'s subscription from Stripe and store the result; returns
     * when that is done (the gate re-reads the row right after). Should be quick: the user's request waits.
     */
    void recheck(String userId) throws Exception;
}
