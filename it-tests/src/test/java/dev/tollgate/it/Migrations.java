package dev.tollgate.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Flyway migrations in the source tree ({@code payments-ejb/src/main/resources/db/migration}): a deployed WAR
 * must report the highest of their versions, or a migration was not found or not applied in that container.
 */
final class Migrations {

    /** Set by failsafe; the default serves a run from an IDE whose working directory is {@code it-tests}. */
    private static final String LOCATION_PROPERTY = "it.migrations.dir";

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

    private Migrations() {
    }

    /** The highest version among the {@code V<version>__<name>.sql} files, as Flyway prints it ("4", "4.1"). */
    static String latestVersion() throws IOException {
        Path folder = Path.of(System.getProperty(LOCATION_PROPERTY,
                "../payments-ejb/src/main/resources/db/migration"));
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(match -> match.group(1).replace('_', '.'))
                    .max(Migrations::compareVersions)
                    .orElseThrow(() -> new IllegalStateException("No V*__*.sql migration in " + folder));
        }
    }

    private static int compareVersions(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? Long.parseLong(a[i]) : 0;
            long y = i < b.length ? Long.parseLong(b[i]) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }
}
