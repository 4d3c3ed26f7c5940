package dev.tollgate.payments.infrastructure;

/**
 * Which kind of container this deployment runs in. Weld's servlet listener is bundled only in the Tomcat WAR,
 * so its presence is a reliable tell (a JNDI probe for the transaction registry gave false answers on WildFly).
 */
public enum ContainerFlavour {
    SERVLET_CONTAINER, FULL_SERVER;

    private static final String WELD_SERVLET_LISTENER = "org.jboss.weld.environment.servlet.EnhancedListener";

    public static ContainerFlavour current() {
        try {
            Class.forName(WELD_SERVLET_LISTENER, false, ContainerFlavour.class.getClassLoader());
            return SERVLET_CONTAINER;
        } catch (ClassNotFoundException absent) {
            return FULL_SERVER;
        }
    }
}
