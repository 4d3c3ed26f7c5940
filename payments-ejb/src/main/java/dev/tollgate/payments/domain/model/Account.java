package dev.tollgate.payments.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user of the app (its principal name) and the Stripe customer that pays for it. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(name = "stripe_customer_id")
    private String stripeCustomerId;

    @Column(name = "email")
    private String email;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Account() {
        // for JPA
    }

    public Account(String userId, String email, Instant createdAt) {
        this.userId = userId;
        this.email = email;
        this.createdAt = createdAt;
    }

    public String userId() { return userId; }
    public String stripeCustomerId() { return stripeCustomerId; }

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
