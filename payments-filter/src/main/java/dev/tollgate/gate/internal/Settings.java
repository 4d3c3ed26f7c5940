package dev.tollgate.gate.internal;

import jakarta.servlet.FilterConfig;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Looks a configuration name up in a fixed order of sources and returns the first non-blank value, trimmed.
 * For the filter the order is: filter init-param, context-param, environment variable, JVM system property —
 * the most specific place first, so a webapp's own {@code web.xml} can override what the server sets for all.
 */
public final class Settings {

    private final List<Source> sources;

    /** One place a value can come from, named for log lines ("PAYMENTS_PROTECT from context-param"). */
    public record Source(String name, UnaryOperator<String> lookup) {
    }

    public Settings(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /** The filter's order: init-param, context-param, environment variable, system property. */
    public static Settings of(FilterConfig config) {
        return new Settings(List.of(
                new Source("filter init-param", config::getInitParameter),
                new Source("context-param", config.getServletContext()::getInitParameter),
                new Source("environment variable", System::getenv),
                new Source("system property", System::getProperty)));
    }

    /** The first non-blank value of {@code name}, trimmed, or {@code null}. */
    public String get(String name) {
        for (Source source : sources) {
            String value = valueIn(source, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The value of {@code name}, or {@code defaultValue} when no source has one. */
    public String get(String name, String defaultValue) {
        String value = get(name);
        return value == null ? defaultValue : value;
    }

    /** Which source supplies {@code name} (for log lines), or {@code "default"}. */
    public String sourceOf(String name) {
        for (Source source : sources) {
            if (valueIn(source, name) != null) {
                return source.name();
            }
        }
        return "default";
    }

    private static String valueIn(Source source, String name) {
        String value = source.lookup().apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
