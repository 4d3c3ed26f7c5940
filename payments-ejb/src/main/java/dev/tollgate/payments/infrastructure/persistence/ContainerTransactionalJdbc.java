package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.application.PaymentsRuntime;
import dev.tollgate.payments.infrastructure.FullServerOnly;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * On Payara and WildFly: a connection from the persistence unit's own JTA data source. The server enlists it in
 * the running transaction and shares the physical connection with the persistence context, so closing this handle
 * commits nothing; the transaction does.
 */
@ApplicationScoped
@FullServerOnly
public class ContainerTransactionalJdbc implements TransactionalJdbc {

    @Inject
    PaymentsRuntime runtime;

    @Resource
    TransactionSynchronizationRegistry registry;

    @Override
    public <T> T inCurrentTransaction(Work<T> work) {
        try (Connection connection = runtime.dataSource().getConnection()) {
            return work.on(connection);
        } catch (SQLException failure) {
            throw new PersistenceException(failure);
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
