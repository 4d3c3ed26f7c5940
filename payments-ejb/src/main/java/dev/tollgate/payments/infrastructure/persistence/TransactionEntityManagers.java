package dev.tollgate.payments.infrastructure.persistence;

import jakarta.persistence.EntityManager;

/**
 * The EntityManager of the running transaction, opened when first asked for in it and closed when it ends: what
 * {@code @PersistenceContext} gives, for a persistence unit Tollgate bootstraps itself (its data source is chosen
 * at start). Payara/WildFly keep it in the JTA transaction, Tomcat in {@code LocalTransactions}.
 */
public interface TransactionEntityManagers {

    /** @throws jakarta.persistence.TransactionRequiredException outside a transaction */
    EntityManager current();
}
