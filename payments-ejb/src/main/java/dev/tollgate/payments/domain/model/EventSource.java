package dev.tollgate.payments.domain.model;

import java.util.Locale;

/** How an event reached Tollgate first. */
public enum EventSource {
    /** Stripe delivered it to the webhook endpoint. */
    WEBHOOK,
    /** The catch-up found it in Stripe's event list: its delivery never arrived or never applied. */
    RECONCILE,
    /** An admin asked for it again. */
    REPLAY;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
