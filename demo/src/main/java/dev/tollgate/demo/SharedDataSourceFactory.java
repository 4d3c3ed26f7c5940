package dev.tollgate.demo;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NamingException;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;
import javax.sql.DataSource;

/**
 * Hands a DataSource the demo created itself to a webapp's JNDI lookup. Tomcat instantiates this class by name
 * for a {@code <Resource factory="...">}; the resource's {@value #KEY} property says which shared DataSource
 * to return. Both webapps get the very same pool object, so they see the same database through one H2 engine.
 */
public final class SharedDataSourceFactory implements ObjectFactory {

    /** Name of the resource property that picks the shared DataSource. */
    public static final String KEY = "sharedDataSource";

    private static final Map<String, DataSource> SHARED = new ConcurrentHashMap<>();

    /** Makes {@code dataSource} available to resources whose {@value #KEY} property is {@code key}. */
    static void share(String key, DataSource dataSource) {
        SHARED.put(key, dataSource);
    }

    /** Forgets the DataSource shared under {@code key}. */
    static void withdraw(String key) {
        SHARED.remove(key);
    }

    @Override
    public Object getObjectInstance(Object reference, Name name, Context context, Hashtable<?, ?> environment)
            throws NamingException {
        if (!(reference instanceof Reference ref) || ref.get(KEY) == null) {
            return null; // not ours: let JNDI try other factories
        }
        RefAddr key = ref.get(KEY);
        DataSource dataSource = SHARED.get(String.valueOf(key.getContent()));
        if (dataSource == null) {
            throw new NamingException("No shared DataSource '" + key.getContent() + "' (is the demo stopping?)");
        }
        return dataSource;
    }
}
