package dev.tollgate.payments.domain.service;

import java.time.Instant;
import java.util.List;

/**
 * The gate's renewal questions ({@code renewal_check}): the gate opens one per user before refusing a lapsed
 * subscriber, a payments node claims it, re-reads the user from Stripe and answers it. Joins the caller's
 * transaction.
 */
public interface RenewalCheckRepository {

    /**
     * Users with an open question that no node is working on: never claimed, or claimed before
     * {@code claimExpiredBefore} (the node that claimed it stopped). Oldest question first, at most {@code max}.
     */
    List<String> openUsers(Instant claimExpiredBefore, int max);

    /**
     * Claims the user's open question for this node: a conditional update, so of two nodes that saw it open only
     * one gets it. Returns whether this node did.
     */
    boolean claim(String userId, Instant now, Instant claimExpiredBefore);

    /** Marks the user's open question answered; the waiting gate then decides on what is stored. */
    void answer(String userId, Instant now);
}
