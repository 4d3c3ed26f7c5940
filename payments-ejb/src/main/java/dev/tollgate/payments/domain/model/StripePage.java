package dev.tollgate.payments.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * One page of one of Stripe's lists, newest first: what one API call returned.
 *
 * @param items the page's objects, translated
 * @param nextCursor the id to continue after ({@code starting_after}); empty when this was the last page
 */
public record StripePage<T>(List<T> items, Optional<String> nextCursor) {

    public StripePage {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return nextCursor.isPresent();
    }
}
