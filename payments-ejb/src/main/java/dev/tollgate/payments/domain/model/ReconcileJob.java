package dev.tollgate.payments.domain.model;

import java.util.Arrays;

/** The background jobs of reconciliation; at most one node runs each at a time. */
public enum ReconcileJob {
    /** Lists Stripe's recent events and passes every one we never saw through the webhook pipeline. */
    CATCH_UP("catch-up"),
    /** Compares every customer's entitlement with what the policy decides from Stripe's subscriptions. */
    DRIFT_SCAN("drift-scan");

    private final String dbValue;

    ReconcileJob(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static ReconcileJob fromDb(String value) {
        return Arrays.stream(values()).filter(job -> job.dbValue.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No reconcile job " + value));
    }
}
