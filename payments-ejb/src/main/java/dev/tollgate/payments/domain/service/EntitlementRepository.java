package dev.tollgate.payments.domain.service;

import dev.tollgate.payments.domain.model.Entitlement;
import java.util.Optional;

/** Entitlement rows; joins the caller's transaction. */
public interface EntitlementRepository {

    /** Reads the row and locks it until the transaction ends, so two syncs of one user queue up. */
    Optional<Entitlement> findForUpdate(String userId);

    Optional<Entitlement> find(String userId);

    void add(Entitlement entitlement);
}
