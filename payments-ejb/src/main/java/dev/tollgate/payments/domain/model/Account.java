package dev.tollgate.payments.domain.model;

import java.time.Instant;

/** A user of the app (its principal name) and the Stripe customer that pays for it. */
public class Account {

    private final String userId;
    private String stripeCustomerId;
    private final String email;
    private final Instant createdAt;

    /** A user we have just met, not yet linked to a Stripe customer. */
    public Account(String userId, String email, Instant createdAt) {
        this(userId, null, email, createdAt);
    }

    /** An account as it was stored. */
    public Account(String userId, String stripeCustomerId, String email, Instant createdAt) {
        this.userId = userId;
        this.stripeCustomerId = stripeCustomerId;
        this.email = email;
        this.createdAt = createdAt;
    }

    public String userId() { return userId; }
    public String stripeCustomerId() { return stripeCustomerId; }
    public String email() { return email; }
    public Instant createdAt() { return createdAt; }

    public boolean hasCustomer() {
        return stripeCustomerId != null;
    }

    /** Links the Stripe customer; a second, different customer for the same user is a bug upstream. */
    public void linkCustomer(String customerId) {
        if (stripeCustomerId != null && !stripeCustomerId.equals(customerId)) {
            throw new IllegalStateException("user " + userId + " is already linked to another Stripe customer");
        }
        this.stripeCustomerId = customerId;
    }
}
