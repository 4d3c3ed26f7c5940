package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.CreditEntry;
import java.util.Optional;

/** The append-only credit ledger; joins the caller's transaction. */
public interface CreditLedger {

    Optional<CreditEntry> findBySource(String sourceKey);

    void add(CreditEntry entry);

    /** The user's movements, newest first, at most {@code limit}. */
    java.util.List<CreditEntry> ofUser(String userId, int limit);

    /** Every movement of the user, oldest first. */
    java.util.List<CreditEntry> allOfUser(String userId);

    /** The user's newest movement of this unit and reason whose key starts with {@code keyPrefix}. */
    Optional<CreditEntry> latest(String userId, String unit, String reason, String keyPrefix);

    /** Units of the entry's kind the user spent (a positive number) in movements recorded after {@code entry}. */
    long spentAfter(CreditEntry entry);

    /** The user's balance of {@code unit} as the sum of its movements (for credits, entitlement.credits is kept too). */
    long balance(String userId, String unit);
}
