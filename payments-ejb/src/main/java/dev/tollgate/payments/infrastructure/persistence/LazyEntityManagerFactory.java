package dev.tollgate.payments.infrastructure.persistence;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The persistence unit's factory, built on first use: its data source is known only once the deployment has
 * started, after the beans that hold this were made. Built through the first provider the container offers
 * (Hibernate on Tomcat and WildFly, EclipseLink on Payara).
 */
public final class LazyEntityManagerFactory {

    private final PersistenceUnitTransactionType transactionType;
    private final Supplier<DataSource> dataSource;
    private volatile EntityManagerFactory factory;

    public LazyEntityManagerFactory(PersistenceUnitTransactionType transactionType, Supplier<DataSource> dataSource) {
        this.transactionType = transactionType;
        this.dataSource = dataSource;
    }

    public EntityManagerFactory get() {
        EntityManagerFactory existing = factory;
        if (existing == null) {
            synchronized (this) {
                if (factory == null) {
                    PersistenceProvider provider = PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                            .getPersistenceProviders().get(0);
                    factory = provider.createContainerEntityManagerFactory(new TollgatePersistenceUnit(
                            transactionType, dataSource.get(), TollgatePersistenceUnit.rootFor(provider)), Map.of());
                }
                existing = factory;
            }
        }
        return existing;
    }

    /** Closes the factory if it was built. */
    public synchronized void close() {
        if (factory != null) {
            factory.close();
            factory = null;
        }
    }
}
