package dev.tollgate.gate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate's small JSON reader: every kind of value, escapes, and a clear refusal of anything else. */
class JsonTextTest {

    @Test
    void everyKindOfValueIsRead() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a \"b\" \\ / \u00e9\n");
        expected.put("n", -42L);
        expected.put("d", 1.5e3);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("a", Arrays.asList(1L, List.of(), Map.of()));
        assertEquals(expected, JsonText.parse(
                " {\"s\":\"a \\\"b\\\" \\\\ \\/ \\u00e9\\n\", \"n\":-42,\"d\":1.5e3,\"t\":true,\"f\":false,\"z\":null,"
                        + "\"a\":[1,[],{}]} "));
    }

    @Test
    void anythingElseIsRefusedSayingWhere() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "\"open", "tru", "{} x", "{\"a\":1,}", "\"\\x\"",
                "--1", "<html>")) {
            assertThrows(IllegalArgumentException.class, () -> JsonText.parse(bad), bad);
        }
        assertEquals("not JSON: expected ':' at character 5",
                assertThrows(IllegalArgumentException.class, () -> JsonText.parse("{\"a\" 1}")).getMessage());
    }
}
