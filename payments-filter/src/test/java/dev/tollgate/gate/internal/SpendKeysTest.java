package dev.tollgate.gate.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpendKeysTest {

    @Test
    void aKeyIsOneTo255VisibleAsciiCharacters() {
        assertTrue(SpendKeys.isValid("a"));
        assertTrue(SpendKeys.isValid("3f2c9a1e-7b4d-4c2a-9f5e-0d1b2c3a4e5f"));
        assertTrue(SpendKeys.isValid("k".repeat(255)));
        assertFalse(SpendKeys.isValid(null));
        assertFalse(SpendKeys.isValid(""));
        assertFalse(SpendKeys.isValid("k".repeat(256)));
        assertFalse(SpendKeys.isValid("two words"));
        assertFalse(SpendKeys.isValid("tab\there"));
        assertFalse(SpendKeys.isValid("café"));
    }

    @Test
    void theSameSpendAlwaysGetsTheSameLedgerKeyThatFitsTheColumn() {
        String key = SpendKeys.ofApp("u".repeat(255), "k".repeat(255));
        assertEquals(key, SpendKeys.ofApp("u".repeat(255), "k".repeat(255)));
        assertTrue(key.startsWith("spend:") && key.length() <= 255, key);
        assertEquals(SpendKeys.ofRequest("ann", "GET", "/api/r?x=1", "k"), SpendKeys.ofRequest("ann", "GET", "/api/r?x=1", "k"));
    }

    @Test
    void aKeyNeverAnswersForAnotherUserPathOrTheApp() {
        String request = SpendKeys.ofRequest("ann", "GET", "/api/reports/q3", "k1");
        assertNotEquals(request, SpendKeys.ofRequest("ben", "GET", "/api/reports/q3", "k1"));
        assertNotEquals(request, SpendKeys.ofRequest("ann", "GET", "/api/reports/q4", "k1"));
        assertNotEquals(request, SpendKeys.ofRequest("ann", "POST", "/api/reports/q3", "k1"));
        assertNotEquals(request, SpendKeys.ofRequest("ann", "GET", "/api/reports/q3?all", "k1"));
        assertNotEquals(SpendKeys.ofApp("ann", "k1"), SpendKeys.ofApp("ben", "k1"));
        assertNotEquals(SpendKeys.ofApp("ab", "c"), SpendKeys.ofApp("a", "bc"), "the parts are kept apart");
    }

    @Test
    void requestsWithoutAKeyNeverShareOne() {
        assertNotEquals(SpendKeys.unrepeatable(), SpendKeys.unrepeatable());
    }
}
