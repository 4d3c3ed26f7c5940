package dev.tollgate.payments.domain.model;

import java.time.Instant;

/** A user of the app (its principal name) and the Stripe customer that pays for it. */
public class Account {

    private final String userId;
    private String stripeCustomerId;
    private final String email;
    private final Instant createdAt;

    /** A user we have just met, not yet linked to a Stripe customer. */
    public Account(String userId, Instant createdAt) {
        this(userId, null, null, createdAt);
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

    /**
     * Stripe deleted the linked customer: the account lets go of it, so that the next checkout creates a new one
     * instead of failing on "No such customer".
     *
     * @return the customer to keep in the user's history
     */
    public FormerCustomer unlinkDeletedCustomer(Instant now) {
        if (stripeCustomerId == null) {
            throw new IllegalStateException("user " + userId + " has no Stripe customer to unlink");
        }
        FormerCustomer former = new FormerCustomer(userId, stripeCustomerId, now);
        stripeCustomerId = null;
        return former;
    }

    /**
     * The idempotency key of creating this user's next Stripe customer. The same for every retry, double click and
     * concurrent checkout, so they all get one customer; another one after each customer Stripe deleted, because
     * Stripe answers a key it has seen in the last 24 hours with the object it made then: the deleted customer.
     * The first customer keeps the key it always had.
     *
     * @param formerCustomers how many customers of this user were deleted so far
     */
    public String customerCreationKey(int formerCustomers) {
        return formerCustomers == 0 ? "customer:" + userId : "customer:" + userId + ":" + (formerCustomers + 1);
    }
}
