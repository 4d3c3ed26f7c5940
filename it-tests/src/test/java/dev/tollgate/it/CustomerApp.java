package dev.tollgate.it;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A customer's existing webapp with Tollgate's gate dropped in: the demo's sample app (its own {@code web.xml}
 * with FORM login, JSPs, no Tollgate code) plus the built {@code payments-filter} jar in {@code WEB-INF/lib}.
 * Its rules come from the server's environment ({@code PAYMENTS_PROTECT}, {@code PAYMENTS_PRICING_URL}); its
 * database is the server's default data source on WildFly and Payara and the {@code jdbc/tollgate} resource of
 * Tomcat's {@code conf/context.xml}, as README.md tells an operator.
 */
final class CustomerApp {

    /** Deployed at {@code /app}. */
    static final String DEPLOYED_NAME = "app.war";

    private CustomerApp() {
    }

    static WebArchive withTheGateJar() {
        File pages = existing("it.sample.app.dir", "the sample app's folder (demo/src/main/sample-app)");
        File gate = existing("it.gate.jar", "the built payments-filter jar");
        return ShrinkWrap.create(ExplodedImporter.class, DEPLOYED_NAME).importDirectory(pages)
                .as(WebArchive.class).addAsLibrary(gate);
    }

    private static File existing(String property, String what) {
        String path = System.getProperty(property);
        if (path == null || !new File(path).exists()) {
            throw new IllegalStateException("No " + what + " at " + property + "=" + path
                    + ": build the modules first (mvn install -DskipTests, or mvn verify at the root)");
        }
        return new File(path);
    }
}
