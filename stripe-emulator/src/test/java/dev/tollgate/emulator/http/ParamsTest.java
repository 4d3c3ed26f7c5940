package dev.tollgate.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    @Test
    void bracketNotationBecomesNestedListsAndHashes() {
        Params params = Params.parse("mode=subscription&line_items[0][price]=price_a&line_items[0][quantity]=2"
                + "&line_items[1][price]=price_b&metadata[user]=alice&expand[0]=customer&expand[1]=subscription");

        assertEquals("subscription", params.requiredString("mode"));
        List<Params> lines = params.hashes("line_items");
        assertEquals(2, lines.size());
        assertEquals("price_b", lines.get(1).requiredString("price"));
        assertEquals(2L, lines.get(0).integer("quantity").orElseThrow());
        assertEquals(Map.of("user", "alice"), params.hash("metadata").stringPairs());
        assertEquals(List.of("customer", "subscription"), params.strings("expand"));
    }

    @Test
    void listIndexesAreOrderedNumericallyAndEmptyBracketsAppend() {
        Params params = Params.parse("a[10]=ten&a[2]=two&b[]=x&b[]=y&lookup_keys%5B0%5D=pro%20monthly");
        assertEquals(List.of("two", "ten"), params.strings("a"));
        assertEquals(List.of("x", "y"), params.strings("b"));
        assertEquals(List.of("pro monthly"), params.strings("lookup_keys"));
    }

    @Test
    void anEmptyValueReadsAsAbsentButIsKnownAsBlanked() {
        Params params = Params.parse("description=&metadata[gone]=");
        assertFalse(params.string("description").isPresent());
        assertTrue(params.isBlanked("description"));
        assertEquals(Map.of("gone", ""), params.hash("metadata").stringPairs());
    }

    @Test
    void badValuesNameTheParameter() {
        Params params = Params.parse("line_items[0][quantity]=many");
        ApiError error = assertThrows(ApiError.class,
                () -> params.hashes("line_items").get(0).integer("quantity"));
        assertEquals(400, error.status());
        assertEquals("line_items[0][quantity]",
                error.toJson().getAsJsonObject("error").get("param").getAsString());
    }

    @Test
    void unreadKeysAreReportedForAStrictMode() {
        Params params = Params.parse("email=a@example.com&colour=blue");
        params.string("email");
        assertEquals(java.util.Set.of("colour"), params.unreadKeys());
    }

    @Test
    void unknownKeysAreFoundAtAnyDepthButNotInsideMetadataOrLists() {
        Params params = Params.parse("email=a%40b&metadata[anything]=1&line_items[0][price]=p&line_items[0][size]=L"
                + "&expand[0]=customer&subscription_data[trial_days]=3&subscription_data[metadata][x]=y");
        params.string("email");
        params.hash("metadata").stringPairs();
        params.hashes("line_items").forEach(item -> item.string("price"));
        params.hash("subscription_data").hash("metadata").stringPairs();
        params.accept("expand");

        assertEquals(java.util.List.of("line_items[0][size]", "subscription_data[trial_days]"),
                params.unknownKeys());
    }
}
