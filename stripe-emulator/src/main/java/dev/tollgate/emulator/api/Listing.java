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
     * One page of {@code oldestFirst} that passes {@code filter}, rendered and expanded.
     *
     * @param kind the object kind for "No such …" errors on a bad cursor
     */
    static JsonObject page(List<JsonObject> oldestFirst, Predicate<JsonObject> filter, Params params, String url,
            String kind, Expander expander) {
        long limit = params.integer("limit").orElse((long) DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiError.invalidParam("limit", "This value must be between 1 and 100 (it was " + limit + ").");
        }
        Predicate<JsonObject> created = createdFilter(params);
        List<JsonObject> newestFirst = new ArrayList<>();
        for (JsonObject object : oldestFirst) {
            if (filter.test(object) && created.test(object)) {
                newestFirst.add(object);
            }
        }
        Collections.reverse(newestFirst);

        String startingAfter = params.string("starting_after").orElse(null);
        String endingBefore = params.string("ending_before").orElse(null);
        List<JsonObject> window;
        boolean hasMore;
        if (endingBefore != null) {
            int cursor = indexOf(newestFirst, endingBefore, kind, "ending_before");
            int from = (int) Math.max(0, cursor - limit);
            window = newestFirst.subList(from, cursor);
            hasMore = from > 0;
        } else {
            int from = startingAfter == null ? 0 : indexOf(newestFirst, startingAfter, kind, "starting_after") + 1;
            int to = (int) Math.min(newestFirst.size(), from + limit);
            window = newestFirst.subList(from, to);
            hasMore = to < newestFirst.size();
        }
        List<JsonObject> rendered = new ArrayList<>();
        window.forEach(object -> rendered.add(PublicView.of(object)));
        return expander.expand(Json.list(rendered, hasMore, url), params.strings("expand"));
    }

    private static int indexOf(List<JsonObject> list, String id, String kind, String param) {
        for (int i = 0; i < list.size(); i++) {
            if (id.equals(Json.string(list.get(i), "id"))) {
                return i;
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
