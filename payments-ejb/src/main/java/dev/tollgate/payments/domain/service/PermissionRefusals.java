package dev.tollgate.payments.domain.service;

/**
 * Where the Stripe adapter reports a call Stripe refused because the restricted key lacks a permission, whatever
 * asked for it (a customer's checkout, a reconcile job, a webhook's re-fetch), so the operator is told on
 * {@code /health} and the console. The application keeps the list; the adapter only reports.
 */
public interface PermissionRefusals {

    /**
     * Stripe refused {@code what} (e.g. "listing subscriptions") because the key lacks {@code permission}
     * (Stripe's name, e.g. {@code rak_subscription_read}).
     */
    void lacking(String permission, String what);
}
