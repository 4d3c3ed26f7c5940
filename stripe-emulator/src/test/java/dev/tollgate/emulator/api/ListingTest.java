package dev.tollgate.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.state.IdGenerator;
import dev.tollgate.emulator.state.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A page costs the page, not the list, as on Stripe: a client paging through N objects 100 at a time makes about
 * N filter tests in all. (Each page once filtered the whole list: a catch-up of 50,000 events spent nine tenths
 * of its time here, in the emulator, not in the client it was measuring.)
 */
class ListingTest {

    private static final int OBJECTS = 10_000;

    private final Expander expander = new Expander(new Store(new IdGenerator(1), Clock.systemUTC()));
    private final List<JsonObject> oldestFirst = new ArrayList<>();
    private final AtomicInteger tests = new AtomicInteger();
    private final Predicate<JsonObject> everyOther = object -> {
        tests.incrementAndGet();
        return object.get("created").getAsLong() % 2 == 0;
    };

    ListingTest() {
        for (int i = 0; i < OBJECTS; i++) {
            JsonObject object = new JsonObject();
            object.addProperty("id", String.format("cus_%05d", i));
            object.addProperty("object", "customer");
            object.addProperty("created", i);
            oldestFirst.add(object);
        }
    }

    @Test
    void aPageLooksAtItsObjectsTheCursorAndOneMoreNotAtTheWholeList() {
        JsonObject page = page("limit=100&starting_after=cus_05000");

        assertEquals("cus_04998", ids(page).get(0));
        assertEquals("cus_04800", ids(page).get(99));
        assertTrue(page.get("has_more").getAsBoolean());
        // the cursor, the 200 objects among which the page's 100 matches lie, and two more to know there are more
        assertTrue(tests.get() <= 1 + 2 * 100 + 2, tests.get() + " filter tests for a page of 100");
    }

    @Test
    void pagingThroughEverythingShowsEachMatchOnceNewestFirst() {
        List<String> all = new ArrayList<>();
        JsonObject page = page("limit=100");
        all.addAll(ids(page));
        while (page.get("has_more").getAsBoolean()) {
            page = page("limit=100&starting_after=" + all.get(all.size() - 1));
            all.addAll(ids(page));
        }

        assertEquals(OBJECTS / 2, all.size());
        assertEquals("cus_09998", all.get(0));
        assertEquals("cus_00000", all.get(all.size() - 1));
        assertTrue(tests.get() <= 2 * OBJECTS, tests.get() + " filter tests to page through " + OBJECTS);
    }

    @Test
    void endingBeforeShowsTheNearestNewerOnesNewestFirst() {
        JsonObject page = page("limit=3&ending_before=cus_00100&created[lte]=110");

        assertEquals(List.of("cus_00106", "cus_00104", "cus_00102"), ids(page));
        assertTrue(page.get("has_more").getAsBoolean(), "cus_00108 and cus_00110 are newer still");
        assertFalse(page("limit=3&ending_before=cus_00104&created[lte]=110").get("has_more").getAsBoolean());
    }

    private JsonObject page(String query) {
        return Listing.page(oldestFirst, everyOther, Params.parse(query), "/v1/customers", "customer", expander);
    }

    private static List<String> ids(JsonObject page) {
        List<String> ids = new ArrayList<>();
        for (JsonElement object : page.getAsJsonArray("data")) {
            ids.add(object.getAsJsonObject().get("id").getAsString());
        }
        return ids;
    }
}
