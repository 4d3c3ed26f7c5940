package dev.tollgate.it;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The payments WAR exactly as {@code payments-war} built it; tests never assemble their own copy. */
final class PaymentsWar {

    /** Set by failsafe to the copy pom.xml takes of the built WAR; the default serves a run from an IDE. */
    private static final String LOCATION_PROPERTY = "payments.war";

    private PaymentsWar() {
    }

    /** The context path every container serves the payments WAR at ({@code PAYMENTS_APP_URL} ends with it). */
    private static final String DEPLOYED_NAME = "payments.war";

    /**
     * The built WAR ({@code payments.war}, or {@code payments-tomcat.war} in a Tomcat run), read as is and deployed
     * under the name {@value #DEPLOYED_NAME}; fails with the command that builds it when it is missing.
     */
    static WebArchive asBuilt() {
        File war = new File(System.getProperty(LOCATION_PROPERTY, "../payments-war/target/payments.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("No payments WAR at " + war.getAbsolutePath()
                    + ": build it first (mvn -pl payments-war -am install -DskipTests, or mvn verify at the root)");
        }
        WebArchive built = ShrinkWrap.createFromZipFile(WebArchive.class, war);
        // Only the name changes (it sets the context path); every entry is the built one, byte for byte.
        return built.getName().equals(DEPLOYED_NAME) ? built
                : ShrinkWrap.create(WebArchive.class, DEPLOYED_NAME).merge(built);
    }
}
