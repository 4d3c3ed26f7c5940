package dev.tollgate.payments.config;

import java.util.List;

/** The deployment is misconfigured; the message names every offending variable and never shows a secret. */
public class ConfigurationException extends RuntimeException {

    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super("Tollgate payments cannot start: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
