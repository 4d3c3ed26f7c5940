package dev.tollgate.payments.infrastructure.tomcat;

import dev.tollgate.payments.infrastructure.ServletContainerOnly;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Transactional;

/**
 * Gives {@code @Transactional} services on Tomcat the boundaries the EJB container gives them elsewhere (the rules are
 * {@link LocalTransactions#required}'s). Ours because the interceptors that implement the annotation come with a JTA
 * transaction manager and drive it, and Tomcat has none (see {@link LocalTransactions}).
 */
@Transactional
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
@ServletContainerOnly
public class ResourceLocalTransactionInterceptor {

    @Inject
    LocalTransactions transactions;

    @AroundInvoke
    Object inTransaction(InvocationContext invocation) throws Exception {
        return transactions.required(invocation::proceed);
    }
}
