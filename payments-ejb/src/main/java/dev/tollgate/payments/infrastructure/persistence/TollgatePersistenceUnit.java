package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.CreditEntry;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The "tollgate" persistence unit, described in code rather than in {@code persistence.xml} so that its data
 * source is the one this deployment resolved ({@code PAYMENTS_DATASOURCE}, the server's default, or the embedded
 * H2) on every container: a descriptor names its data source when it is packaged. On Payara and WildFly it is a
 * JTA unit on that data source; on Tomcat a resource-local one. The schema belongs to Flyway: no provider
 * generates DDL. Only the credit ledger is mapped; the event log and the entitlement state are Jdbi statements
 * in the same transaction (docs/design.md, "Persistence").
 */
public final class TollgatePersistenceUnit implements PersistenceUnitInfo {

    static final List<String> MANAGED_CLASSES = List.of(InstantAsTimestamp.class.getName(),
            CreditEntry.class.getName());

    private final PersistenceUnitTransactionType transactionType;
    private final DataSource dataSource;
    private final URL rootUrl;

    /** @param rootUrl the unit's root for providers that need one (see {@link #rootFor}), or null */
    public TollgatePersistenceUnit(PersistenceUnitTransactionType transactionType, DataSource dataSource,
                                   URL rootUrl) {
        this.transactionType = transactionType;
        this.dataSource = dataSource;
        this.rootUrl = rootUrl;
    }

    /**
     * The root URL to give {@code provider}: EclipseLink (Payara) names a unit after its root and fails without one,
     * so it gets the jar these classes came from; Hibernate (Tomcat, WildFly) needs none, and would scan one
     * (a WildFly {@code vfs:} URL it cannot read without the server's JPA integration), so it gets null.
     */
    public static URL rootFor(PersistenceProvider provider) {
        return provider.getClass().getName().startsWith("org.eclipse.persistence.")
                ? TollgatePersistenceUnit.class.getProtectionDomain().getCodeSource().getLocation() : null;
    }

    @Override public String getPersistenceUnitName() { return "tollgate"; }
    @Override public String getPersistenceProviderClassName() { return null; }
    @Override public PersistenceUnitTransactionType getTransactionType() { return transactionType; }

    @Override
    public DataSource getJtaDataSource() {
        return transactionType == PersistenceUnitTransactionType.JTA ? dataSource : null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return transactionType == PersistenceUnitTransactionType.RESOURCE_LOCAL ? dataSource : null;
    }

    @Override public List<String> getMappingFileNames() { return List.of(); }
    @Override public List<URL> getJarFileUrls() { return List.of(); }
    @Override public URL getPersistenceUnitRootUrl() { return rootUrl; }
    @Override public List<String> getManagedClassNames() { return MANAGED_CLASSES; }
    @Override public boolean excludeUnlistedClasses() { return true; }
    @Override public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.NONE; }
    @Override public ValidationMode getValidationMode() { return ValidationMode.NONE; }

    /** Settings for Hibernate (Tomcat, WildFly) and EclipseLink (Payara); each provider ignores the other's. */
    @Override
    public Properties getProperties() {
        Properties properties = new Properties();
        properties.setProperty("hibernate.hbm2ddl.auto", "none");
        properties.setProperty("eclipselink.ddl-generation", "none");
        properties.setProperty("eclipselink.logging.level", "WARNING");
        // Nothing rewrites the entity classes as they load; EclipseLink must not expect it.
        properties.setProperty("eclipselink.weaving", "false");
        if (transactionType == PersistenceUnitTransactionType.JTA) {
            // Bootstrapped by Tollgate, not by the server's JPA integration, so each provider is told whose
            // transaction manager it joins.
            properties.setProperty("hibernate.transaction.jta.platform",
                    "org.hibernate.engine.transaction.jta.platform.internal.JBossAppServerJtaPlatform");
            properties.setProperty("eclipselink.target-server", "Glassfish");
        }
        return properties;
    }

    @Override public String getPersistenceXMLSchemaVersion() { return "3.0"; }
    @Override public ClassLoader getClassLoader() { return TollgatePersistenceUnit.class.getClassLoader(); }
    @Override public void addTransformer(ClassTransformer transformer) { }
    @Override public ClassLoader getNewTempClassLoader() { return null; }
}
