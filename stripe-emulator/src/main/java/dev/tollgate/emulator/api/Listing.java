package dev.tollgate.emulator.api;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.PublicView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * Stripe's cursor pagination over newest-first lists: {@code limit} (1–100, default 10), {@code starting_after}
 * (older than that id), {@code ending_before} (newer than that id), and the {@code created} filter
 * (an exact value or {@code created[gt|gte|lt|lte]}). Call under the store's lock.
 */
final class Listing {
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 100;

    private Listing() {
    }

    /**
     * One page of {@code oldestFirst} that passes {@code filter}, rendered and expanded. Only the page, the cursor
     * and one object past the page are looked at, never the whole list, so paging through N objects costs about N
     * filter tests in all, as on Stripe, not N per page: a benchmark of a client that lists 50,000 events 100 at a
     * time measures the client, not this.
     *
     * @param kind the object kind for "No such …" errors on a bad cursor
     */
    static JsonObject page(List<JsonObject> oldestFirst, Predicate<JsonObject> filter, Params params, String url,
            String kind, Expander expander) {
        long limit = params.integer("limit").orElse((long) DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiError.invalidParam("limit", "This value must be between 1 and 100 (it was " + limit + ").");
        }
        Predicate<JsonObject> wanted = filter.and(createdFilter(params));
        String startingAfter = params.string("starting_after").orElse(null);
        String endingBefore = params.string("ending_before").orElse(null);
        List<JsonObject> window = new ArrayList<>();
        int next;
        int step;
        if (endingBefore != null) {
            // the objects just newer than the cursor, nearest first; shown newest first
            step = 1;
            next = positionOf(oldestFirst, endingBefore, wanted, kind, "ending_before") + step;
        } else {
            step = -1;
            next = startingAfter == null ? oldestFirst.size() - 1
                    : positionOf(oldestFirst, startingAfter, wanted, kind, "starting_after") + step;
        }
        for (; next >= 0 && next < oldestFirst.size() && window.size() < limit; next += step) {
            if (wanted.test(oldestFirst.get(next))) {
                window.add(oldestFirst.get(next));
            }
        }
        boolean hasMore = false;
        for (; !hasMore && next >= 0 && next < oldestFirst.size(); next += step) {
            hasMore = wanted.test(oldestFirst.get(next));
        }
        if (step == 1) {
            Collections.reverse(window);
        }
        List<JsonObject> rendered = new ArrayList<>();
        window.forEach(object -> rendered.add(PublicView.of(object)));
        return expander.expand(Json.list(rendered, hasMore, url), params.strings("expand"));
    }

    /** Where the cursor object is in {@code oldestFirst}; it must be one the listing shows. */
    private static int positionOf(List<JsonObject> oldestFirst, String id, Predicate<JsonObject> wanted, String kind,
                                  String param) {
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            JsonObject object = oldestFirst.get(i);
            if (id.equals(Json.string(object, "id"))) {
                if (wanted.test(object)) {
                    return i;
                }
                break;
            }
        }
        throw ApiError.noSuch(kind, id, param);
    }

    private static Predicate<JsonObject> createdFilter(Params params) {
        if (!params.isHash("created")) {
            return params.integer("created").<Predicate<JsonObject>>map(
                    exact -> object -> Json.integer(object, "created") == exact).orElse(object -> true);
        }
        Params range = params.hash("created");
        long gt = range.integer("gt").orElse(Long.MIN_VALUE);
        long gte = range.integer("gte").orElse(Long.MIN_VALUE);
        long lt = range.integer("lt").orElse(Long.MAX_VALUE);
        long lte = range.integer("lte").orElse(Long.MAX_VALUE);
        return object -> {
            long created = Json.integer(object, "created");
            return created > gt && created >= gte && created < lt && created <= lte;
        };
    }
}
