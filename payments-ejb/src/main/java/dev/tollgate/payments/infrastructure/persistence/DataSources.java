package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.config.ConfigurationException;
import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.infrastructure.ContainerFlavour;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Finds the database: the JNDI name in {@code PAYMENTS_DATASOURCE} when set; otherwise the server's default data
 * source on Payara and WildFly, or an embedded H2 file on Tomcat.
 */
public final class DataSources {

    /** The data source of Payara and WildFly when {@code PAYMENTS_DATASOURCE} is not set. */
    public static final String SERVER_DEFAULT = "java:comp/DefaultDataSource";

    private DataSources() {
    }

    public static DataSource resolve(PaymentsConfig config) {
        ContainerFlavour flavour = ContainerFlavour.current();
        if (config.dataSourceName().isPresent()) {
            return lookup(config.dataSourceName().get());
        }
        return flavour == ContainerFlavour.FULL_SERVER ? lookup(SERVER_DEFAULT) : EmbeddedH2.open(config.dataDir());
    }

    /**
     * Releases what {@link #resolve} opened itself (the embedded H2 pool); a JNDI data source belongs to the
     * server and is left alone.
     */
    public static void release(PaymentsConfig config, DataSource dataSource) {
        if (config.dataSourceName().isEmpty() && ContainerFlavour.current() == ContainerFlavour.SERVLET_CONTAINER) {
            EmbeddedH2.close(dataSource);
        }
    }

    private static DataSource lookup(String jndiName) {
        try {
            return (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException | ClassCastException notFound) {
            throw new ConfigurationException(List.of(PaymentsConfig.PAYMENTS_DATASOURCE + ": no DataSource bound at '"
                    + jndiName + "'"));
        }
    }
}
