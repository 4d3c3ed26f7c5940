package dev.tollgate.payments.infrastructure.persistence;

import org.jdbi.v3.core.HandleCallback;

/**
 * Plain SQL inside the caller's transaction, through Jdbi on the connection that transaction runs on, so that a
 * statement and the entities' changes commit or roll back together. For the webhook path's tables — the event
 * log and the entitlement state — where the persistence provider's per-statement machinery cost more than the
 * statement itself. Every statement names its parameters; instants travel as {@code TIMESTAMP WITH TIME ZONE}
 * in UTC ({@link TollgateJdbi}).
 */
public interface TransactionalJdbc {

    /** Runs {@code work} with a handle on the running transaction's connection; the transaction ends elsewhere. */
    <T> T withHandle(HandleCallback<T, RuntimeException> work);

    /**
     * Notes {@code key} in the running transaction, for what the transaction holds until it ends (a row lock).
     *
     * @return true the first time, false when this transaction has noted it before
     */
    boolean noteInCurrentTransaction(Object key);
}
