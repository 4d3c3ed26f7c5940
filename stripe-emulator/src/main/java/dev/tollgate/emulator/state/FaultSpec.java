package dev.tollgate.emulator.state;

import java.time.Duration;
import java.util.Locale;

/**
 * The {@code key=value,key=value} form in which delivery and API faults are written (options, environment, the
 * control endpoint). Parsing the form lives here once; what each key means stays with its plan.
 */
public final class FaultSpec {

    private FaultSpec() {
    }

    /** Takes one {@code key=value} pair and returns the plan with it applied. */
    @FunctionalInterface
    public interface Step<T> {
        T apply(T plan, String key, String value);
    }

    /**
     * Applies each pair in order to {@code start}; keys are lower-cased, blanks skipped.
     *
     * @throws IllegalArgumentException naming the bad pair or value
     */
    public static <T> T fold(String spec, T start, Step<T> step) {
        T plan = start;
        if (spec == null || spec.isBlank()) {
            return plan;
        }
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("fault '" + pair.trim() + "' is not key=value");
            }
            String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = pair.substring(eq + 1).trim();
            try {
                plan = step.apply(plan, key, value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault " + key + " has a bad value '" + value + "'");
            }
        }
        return plan;
    }

    /** {@code 250ms}, {@code 2s}, {@code 1.5s}, or plain milliseconds. */
    public static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        }
        return Duration.ofMillis(Long.parseLong(text));
    }
}
