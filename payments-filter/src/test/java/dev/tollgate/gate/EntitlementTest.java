package dev.tollgate.gate;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntitlementTest {

    private static final Instant UNTIL = Instant.parse("2026-12-23T12:00:00.123Z");

    @Test
    void typicalSnapshotSerialisesToAtMost200Bytes() throws Exception {
        Entitlement typical = Entitlement.of("alice.lovelace@example.com", "business,pro,basic",
                "courses,reports,exports,api", "past_due", 1500, UNTIL, 42);
        byte[] bytes = serialise(typical);
        assertTrue(bytes.length <= 200, "serialised to " + bytes.length + " bytes");
    }

    @Test
    void serialFormRoundTripsEveryField() throws Exception {
        Entitlement original = Entitlement.of("alice", "pro,basic", "courses, reports", "active", 5, UNTIL, 9);
        Entitlement copy = deserialise(serialise(original));
        assertEquals("alice", copy.getUserId());
        assertEquals("pro", copy.getPlan());
        assertEquals(List.of("pro", "basic"), copy.getPlans());
        assertEquals(Set.of("courses", "reports"), copy.getFeatures());
        assertTrue(copy.has("reports") && copy.hasPlan("basic"));
        assertEquals("active", copy.getStatus());
        assertEquals(5, copy.getCredits());
        assertEquals(UNTIL, copy.getAccessUntil());
        assertEquals(9, copy.getVersion());
    }

    @Test
    void userWithoutRowRoundTripsAsNoAccess() throws Exception {
        Entitlement copy = deserialise(serialise(Entitlement.none("bob")));
        assertNull(copy.getPlan());
        assertNull(copy.getAccessUntil());
        assertFalse(copy.isActive());
        assertEquals(Entitlement.NO_ROW, copy.getVersion());
        assertTrue(copy.getFeatures().isEmpty());
    }

    private static byte[] serialise(Entitlement entitlement) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(entitlement);
        }
        return bytes.toByteArray();
    }

    private static Entitlement deserialise(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Entitlement) in.readObject();
        }
    }
}
