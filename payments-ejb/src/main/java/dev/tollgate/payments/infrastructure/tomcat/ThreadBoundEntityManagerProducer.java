package dev.tollgate.payments.infrastructure.tomcat;

import dev.tollgate.payments.infrastructure.ServletContainerOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Repositories inject one EntityManager; on Tomcat it forwards every call to the EntityManager of the transaction
 * on the current thread, as a container-managed one does on a full server.
 */
@ApplicationScoped
@ServletContainerOnly
public class ThreadBoundEntityManagerProducer {

    @Inject
    LocalTransactions transactions;

    @Produces
    EntityManager entityManager() {
        return (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "EntityManager of the current Tollgate transaction";
                        };
                    }
                    try {
                        return method.invoke(transactions.currentEntityManager(), args);
                    } catch (InvocationTargetException failure) {
                        throw failure.getCause();
                    }
                });
    }
}
