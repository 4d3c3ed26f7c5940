package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.infrastructure.FullServerOnly;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * On Payara and WildFly: handles on connections of the persistence unit's own JTA data source. The server enlists
 * each in the running transaction and shares the physical connection with the persistence context, so closing a
 * handle commits nothing; the transaction does.
 */
@ApplicationScoped
@FullServerOnly
public class ContainerTransactionalJdbc implements TransactionalJdbc {

    @Inject
    PaymentsRuntime runtime;

    @Resource
    TransactionSynchronizationRegistry registry;

    private volatile Jdbi jdbi;

    /**
     * Runs {@code work} on the running transaction's handle: one per transaction, opened by its first statement and
     * closed when the transaction completes, since opening a handle copies Jdbi's configuration and borrows a
     * connection handle from the pool. Outside a transaction, a handle for this work alone.
     */
    @Override
    public <T> T withHandle(HandleCallback<T, RuntimeException> work) {
        if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return jdbi().withHandle(work);
        }
        Handle handle = (Handle) registry.getResource(TransactionHandle.KEY);
        if (handle == null) {
            Handle opened = jdbi().open();
            registry.putResource(TransactionHandle.KEY, opened);
            registry.registerInterposedSynchronization(new TransactionHandle(opened));
            handle = opened;
        }
        return work.withHandle(handle);
    }

    private Jdbi jdbi() {
        Jdbi ready = jdbi;
        if (ready == null) {
            // The data source is known once the WAR has started (PaymentsStartup), not when this bean is made.
            ready = TollgateJdbi.configure(Jdbi.create(runtime.dataSource()));
            jdbi = ready;
        }
        return ready;
    }

    /** Closes a transaction's handle, and with it its connection handle, once the transaction has completed. */
    private record TransactionHandle(Handle handle) implements Synchronization {

        /** The registry key of the running transaction's handle. */
        static final Object KEY = TransactionHandle.class.getName() + ".handle";

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            handle.close();
        }
    }

    @Override
    public boolean noteInCurrentTransaction(Object key) {
        if (registry.getResource(key) != null) {
            return false;
        }
        registry.putResource(key, Boolean.TRUE);
        return true;
    }
}
