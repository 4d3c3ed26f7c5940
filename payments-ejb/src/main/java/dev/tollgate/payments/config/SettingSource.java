package dev.tollgate.payments.config;

import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds a named setting: environment variable, then JVM system property, then servlet context-param, then the
 * JNDI env-entry {@code java:comp/env/<name>}. The first non-blank value wins, so an operator can always
 * override what the WAR ships with.
 */
public final class SettingSource {

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> contextParams;

    public SettingSource(UnaryOperator<String> environment, UnaryOperator<String> contextParams) {
        this.environment = environment;
        this.contextParams = contextParams;
    }

    /** The real process environment plus the given context-params (may be {@code name -> null}). */
    public static SettingSource of(UnaryOperator<String> contextParams) {
        return new SettingSource(System::getenv, contextParams);
    }

    public Optional<String> get(String name) {
        return firstNonBlank(environment.apply(name))
                .or(() -> firstNonBlank(System.getProperty(name)))
                .or(() -> firstNonBlank(contextParams.apply(name)))
                .or(() -> firstNonBlank(jndiEnvEntry(name)));
    }

    private static Optional<String> firstNonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static String jndiEnvEntry(String name) {
        try {
            Object value = new InitialContext().lookup("java:comp/env/" + name);
            return value == null ? null : value.toString();
        } catch (NamingException | RuntimeException notBound) {
            return null; // no JNDI here, or no such entry: both simply mean "not set this way"
        }
    }
}
