package dev.tollgate.demo;

import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ContextResource;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Adds the demo's three webapps to the embedded Tomcat, configured the way an operator would configure them on a
 * standalone Tomcat: context-params for the settings and a container-managed {@code jdbc/tollgate} resource.
 */
final class DemoWebapps {

    private DemoWebapps() {
    }

    /**
     * The sample app at the root context, with the gate's jar in its {@code WEB-INF/lib}: the gate's
     * {@code web-fragment.xml} installs the filter, the app itself has no Tollgate code.
     */
    static Context addSampleApp(Tomcat tomcat, Path docBase, DemoSettings settings, String databaseKey) {
        return addApp(tomcat, "", docBase, settings.forSampleApp(), databaseKey);
    }

    /**
     * The second sample app at {@code /own-login}, which signs its users in itself: no container security, the gate's
     * jar in its {@code WEB-INF/lib} reading the app's own user attribute, hand-off tokens for its billing forms.
     */
    static Context addOwnLoginApp(Tomcat tomcat, Path docBase, DemoSettings settings, String databaseKey) {
        return addApp(tomcat, DemoSettings.OWN_LOGIN_PATH, docBase, settings.forOwnLoginApp(), databaseKey);
    }

    private static Context addApp(Tomcat tomcat, String contextPath, Path docBase, Map<String, String> params,
                                  String databaseKey) {
        Context context = tomcat.addWebapp(tomcat.getHost(), contextPath, docBase.toAbsolutePath().toString());
        shareGateClasses(context);
        params.forEach(context::addParameter);
        shareDatabase(context, databaseKey);
        return context;
    }

    /** The unchanged {@code payments-tomcat.war} at {@code /payments}. */
    static Context addPayments(Tomcat tomcat, Path war, DemoSettings settings, String databaseKey) {
        Context context = tomcat.addWebapp(tomcat.getHost(), DemoSettings.PAYMENTS_PATH,
                war.toAbsolutePath().toString());
        shareGateClasses(context);
        settings.forPayments().forEach(context::addParameter);
        shareDatabase(context, databaseKey);
        return context;
    }

    /**
     * Makes the webapp load parent-first, so the classes it shares with the demo's class path (the gate, H2)
     * are the demo's. Both webapps then see one {@code EntitlementBoard}: a payment the WAR commits is on the
     * gate's board at once, as with the gate's jar in Tomcat's {@code lib/}. (Each webapp still finds the gate's
     * {@code web-fragment.xml} in its own {@code WEB-INF/lib}.) Without this, the gate would notice within its
     * staleness bound instead.
     */
    private static void shareGateClasses(Context context) {
        ((StandardContext) context).setDelegate(true);
        // Only WEB-INF/lib holds web fragments and TLDs worth reading; scanning the class path is slow.
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        context.setJarScanner(scanner);
    }

    private static void shareDatabase(Context context, String databaseKey) {
        ContextResource resource = new ContextResource();
        resource.setName(DemoSettings.DATASOURCE_NAME);
        resource.setType("javax.sql.DataSource");
        resource.setAuth("Container");
        resource.setProperty("factory", SharedDataSourceFactory.class.getName());
        resource.setProperty(SharedDataSourceFactory.KEY, databaseKey);
        // The pool belongs to the demo, which closes it after both webapps have stopped.
        resource.setCloseMethod("");
        context.getNamingResources().addResource(resource);
    }

    /** Fails when a webapp did not start; Tomcat itself only logs that. */
    static void requireStarted(Context context, String what) {
        if (!context.getState().isAvailable()) {
            throw new IllegalStateException(what + " at '" + context.getPath()
                    + "/' did not start; the log above says why");
        }
    }
}
