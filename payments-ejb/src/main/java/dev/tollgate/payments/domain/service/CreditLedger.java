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

    /** The user's newest movement of this reason whose key starts with {@code keyPrefix}. */
    Optional<CreditEntry> latest(String userId, String reason, String keyPrefix);

    /** Credits the user spent (a positive number) in movements recorded after {@code entry}. */
    long spentAfter(CreditEntry entry);
}
