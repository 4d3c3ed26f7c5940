package dev.tollgate.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A port the demo was told to use is taken. Checked before anything starts, so the person sees one line naming the
 * port and the setting that moves it, instead of Tomcat's bind failure and its stack traces.
 */
public final class PortInUseException extends IllegalStateException {

    private final int port;
    private final String mavenProperty;

    PortInUseException(int port, String option, String mavenProperty) {
        super("Port " + port + " is in use; choose another with " + option + " <port> (0 = any free port)");
        this.port = port;
        this.mavenProperty = mavenProperty;
    }

    /** Throws when {@code port} (not 0, "any") cannot be bound on any address right now. */
    static void requireFree(int port, String option, String mavenProperty) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (IOException taken) {
            throw new PortInUseException(port, option, mavenProperty);
        }
    }

    /** The one line to print: naming the Maven property when Maven started the demo, else the option. */
    String getMessage(boolean launchedByMaven) {
        return launchedByMaven
                ? "Port " + port + " is in use; choose another with " + mavenProperty + "=<port> (0 = any free port)"
                : getMessage();
    }
}
