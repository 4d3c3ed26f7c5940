package dev.tollgate.gate.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefusalsTest {

    @Test
    void apiClientsPreferJson() {
        assertTrue(Refusals.prefersJson("application/json"));
        assertTrue(Refusals.prefersJson("application/json, text/plain, */*"));
        assertTrue(Refusals.prefersJson("application/problem+json"));
        assertTrue(Refusals.prefersJson("text/html;q=0.5, application/json"));
    }

    @Test
    void browsersAndUnspecifiedClientsDoNot() {
        assertFalse(Refusals.prefersJson(null));
        assertFalse(Refusals.prefersJson("*/*"));
        assertFalse(Refusals.prefersJson("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertFalse(Refusals.prefersJson("application/json;q=0.5, text/html"));
        assertFalse(Refusals.prefersJson("application/json;q=0"));
        assertFalse(Refusals.prefersJson("application/json;q=oops"));
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("plan:\\\"x\\\\y\\u000a", Refusals.escape("plan:\"x\\y\n"));
    }
}
