package dev.tollgate.gate;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The payments webapp's {@link RenewalCheck}, registered once for every gated webapp that shares the gate's
 * classes with it (the gate jar in the container's {@code lib/}, or loaded parent-first as in the demo), so the
 * gated apps need no code of their own to get it. A gated webapp's own servlet-context attribute
 * {@value RenewalCheck#ATTRIBUTE} still wins over this one.
 *
 * <p>Like {@link EntitlementBoard}, this is static per class loader: a gated webapp with its own copy of the jar
 * in {@code WEB-INF/lib} does not see a check registered through another copy.
 *
 * <pre>{@code
 * public void contextInitialized(ServletContextEvent event) { SharedRenewalCheck.register(check); }
 * public void contextDestroyed(ServletContextEvent event)   { SharedRenewalCheck.unregister(check); }
 * }</pre>
 * Unregister when the registering webapp stops: the shared class would otherwise keep the stopped webapp's
 * classes alive, and gated apps would call into it.
 */
public final class SharedRenewalCheck {

    private static final AtomicReference<RenewalCheck> REGISTERED = new AtomicReference<>();

    private SharedRenewalCheck() {
    }

    /** Makes {@code check} the shared one, replacing any earlier registration (a redeployed payments webapp). */
    public static void register(RenewalCheck check) {
        REGISTERED.set(Objects.requireNonNull(check, "check"));
    }

    /**
     * Removes {@code check} if it is still the registered one; a check registered since (by a newer deployment)
     * stays. Returns whether it was removed.
     */
    public static boolean unregister(RenewalCheck check) {
        return REGISTERED.compareAndSet(check, null);
    }

    /** The registered check, or {@code null}. */
    static RenewalCheck registered() {
        return REGISTERED.get();
    }
}
