package dev.tollgate.demo;

import java.util.Locale;

/**
 * The database a browser test's demo runs on: {@code -Dbrowser.database=h2|postgresql} for all of them, else each
 * class's own default. The default build runs the console's test on PostgreSQL and the refunds' test on H2, so both
 * databases are covered without running each browser test twice.
 */
final class BrowserDatabase {

    static final String PROPERTY = "browser.database";

    private BrowserDatabase() {
    }

    static DemoDatabase.Kind chosen(DemoDatabase.Kind byDefault) {
        String value = System.getProperty(PROPERTY, "").trim();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "" -> byDefault;
            case "h2" -> DemoDatabase.Kind.H2;
            case "postgresql" -> DemoDatabase.Kind.POSTGRESQL;
            default -> throw new IllegalArgumentException(PROPERTY + " must be h2 or postgresql, not '" + value + "'");
        };
    }
}
