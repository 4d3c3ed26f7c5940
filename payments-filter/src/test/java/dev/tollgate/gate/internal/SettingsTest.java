package dev.tollgate.gate.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SettingsTest {

    private final Settings settings = new Settings(List.of(
            new Settings.Source("filter init-param", Map.of("A", "from filter", "B", "  ")::get),
            new Settings.Source("context-param", Map.of("A", "from context", "B", " from context ")::get),
            new Settings.Source("environment variable", Map.of("C", "from env")::get)));

    @Test
    void firstNonBlankValueWinsTrimmed() {
        assertEquals("from filter", settings.get("A"));
        assertEquals("from context", settings.get("B"), "a blank init-param does not hide the context-param");
        assertEquals("from env", settings.get("C"));
        assertNull(settings.get("D"));
        assertEquals("fallback", settings.get("D", "fallback"));
    }

    @Test
    void sourceIsNamedForLogLines() {
        assertEquals("context-param", settings.sourceOf("B"));
        assertEquals("default", settings.sourceOf("D"));
    }
}
