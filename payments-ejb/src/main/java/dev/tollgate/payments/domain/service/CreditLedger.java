package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.CreditEntry;
import java.util.Optional;

/** The append-only credit ledger; joins the caller's transaction. */
public interface CreditLedger {

    Optional<CreditEntry> findBySource(String sourceKey);

    void add(CreditEntry entry);

    /** The user's movements, newest first, at most {@code limit}. */
    java.util.List<CreditEntry> ofUser(String userId, int limit);
}
