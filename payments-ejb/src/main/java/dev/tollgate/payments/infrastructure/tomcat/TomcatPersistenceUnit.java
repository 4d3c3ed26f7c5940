package dev.tollgate.payments.infrastructure.tomcat;

import dev.tollgate.payments.domain.model.CreditEntry;
import dev.tollgate.payments.infrastructure.persistence.InstantAsTimestamp;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The "tollgate" persistence unit described in code, because on Tomcat nobody reads persistence.xml for us. Keep
 * the class list in step with {@code META-INF/persistence.xml}.
 */
final class TomcatPersistenceUnit implements PersistenceUnitInfo {

    static final List<String> ENTITY_CLASSES = List.of(
            InstantAsTimestamp.class.getName(), CreditEntry.class.getName());

    private final DataSource dataSource;

    TomcatPersistenceUnit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override public String getPersistenceUnitName() { return "tollgate"; }
    @Override public String getPersistenceProviderClassName() { return null; }
    @Override public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }
    @Override public DataSource getJtaDataSource() { return null; }
    @Override public DataSource getNonJtaDataSource() { return dataSource; }
    @Override public List<String> getMappingFileNames() { return List.of(); }
    @Override public List<URL> getJarFileUrls() { return List.of(); }
    @Override public URL getPersistenceUnitRootUrl() { return null; }
    @Override public List<String> getManagedClassNames() { return ENTITY_CLASSES; }
    @Override public boolean excludeUnlistedClasses() { return true; }
    @Override public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.NONE; }
    @Override public ValidationMode getValidationMode() { return ValidationMode.NONE; }

    @Override
    public Properties getProperties() {
        Properties properties = new Properties();
        properties.setProperty("hibernate.hbm2ddl.auto", "none"); // Flyway owns the schema
        return properties;
    }

    @Override public String getPersistenceXMLSchemaVersion() { return "3.0"; }
    @Override public ClassLoader getClassLoader() { return TomcatPersistenceUnit.class.getClassLoader(); }
    @Override public void addTransformer(ClassTransformer transformer) { }
    @Override public ClassLoader getNewTempClassLoader() { return null; }
}
