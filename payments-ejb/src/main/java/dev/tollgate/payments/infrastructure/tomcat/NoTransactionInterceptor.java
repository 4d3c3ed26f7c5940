package dev.tollgate.payments.infrastructure.tomcat;

import dev.tollgate.payments.infrastructure.ServletContainerOnly;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Transactional;

/**
 * {@code @Transactional(NOT_SUPPORTED)} on Tomcat: the work runs without a transaction, each statement committing on
 * its own ({@link LocalTransactions#notSupported}), as the EJB container runs {@code NOT_SUPPORTED} elsewhere. The
 * binding's value is part of it, so this and {@link ResourceLocalTransactionInterceptor} each take their own methods.
 */
@Transactional(Transactional.TxType.NOT_SUPPORTED)
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
@ServletContainerOnly
public class NoTransactionInterceptor {

    @Inject
    LocalTransactions transactions;

    @AroundInvoke
    Object withoutTransaction(InvocationContext invocation) throws Exception {
        return transactions.notSupported(invocation::proceed);
    }
}
