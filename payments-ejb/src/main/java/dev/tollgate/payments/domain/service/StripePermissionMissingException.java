package dev.tollgate.payments.domain.service;

/**
 * Stripe refused the request because the restricted key ({@code rk_…}) lacks a permission (403). Repeating it will
 * not help until someone gives the key that permission in Stripe's Dashboard; the message names it and never the key.
 */
public class StripePermissionMissingException extends StripeRejectedException {

    private final String permission;

    public StripePermissionMissingException(String permission, Throwable cause) {
        super("Stripe refused the key: it lacks the permission '" + permission + "' (give it to the restricted key"
                + " in Stripe's Dashboard, Developers > API keys)", cause);
        this.permission = permission;
    }

    /** Stripe's name of the permission, e.g. {@code rak_checkout_session_write}; "unknown" when Stripe named none. */
    public String permission() {
        return permission;
    }
}
