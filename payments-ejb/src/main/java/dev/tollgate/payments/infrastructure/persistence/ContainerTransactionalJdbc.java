package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.infrastructure.FullServerOnly;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
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

    @Override
    public <T> T withHandle(HandleCallback<T, RuntimeException> work) {
        Jdbi ready = jdbi;
        if (ready == null) {
            // The data source is known once the WAR has started (PaymentsStartup), not when this bean is made.
            ready = TollgateJdbi.configure(Jdbi.create(runtime.dataSource()));
            jdbi = ready;
        }
        return ready.withHandle(work);
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
