package dev.tollgate.payments.infrastructure.persistence;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The comma lists some columns hold (plans, features, prices): the gate reads them with a plain split, so the
 * stored form stays a comma list; only the repositories see it.
 */
final class CommaList {

    private CommaList() {
    }

    /** The values sorted, so that an unchanged set is stored as the same text. */
    static String sorted(Collection<String> values) {
        return String.join(",", new TreeSet<>(values));
    }

    /** {@code first}, then the other values sorted: the gate takes the first of the plans as the user's plan. */
    static String firstThenSorted(String first, Set<String> values) {
        if (first == null) {
            return sorted(values);
        }
        TreeSet<String> rest = new TreeSet<>(values);
        rest.remove(first);
        return rest.isEmpty() ? first : first + "," + String.join(",", rest);
    }

    /** The values in their stored order. */
    static List<String> list(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    static Set<String> set(String joined) {
        return new LinkedHashSet<>(list(joined));
    }
}
