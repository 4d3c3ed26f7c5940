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

    @Test
    void theRenewalMomentRoundTrips() throws Exception {
        Instant renewsAt = UNTIL.plusSeconds(60);
        Entitlement revoked = Entitlement.of("alice", "", "", "active", 0, null, renewsAt, 4);
        Entitlement copy = deserialise(serialise(revoked));
        assertEquals(renewsAt, copy.getRenewsAt());
        assertFalse(copy.hasRenewedBy(renewsAt.toEpochMilli() - 1));
        assertTrue(copy.hasRenewedBy(renewsAt.toEpochMilli()));
    }

    @Test
    void aSessionWrittenInTheFirstFormIsStillRead() throws Exception {
        Entitlement copy = deserialise(firstForm(serialise(Entitlement.of("alice", "pro", "courses", "active", 5,
                UNTIL, UNTIL.plusSeconds(1), 9))));
        assertEquals("alice", copy.getUserId());
        assertEquals(List.of("pro"), copy.getPlans());
        assertEquals(UNTIL, copy.getAccessUntil());
        assertNull(copy.getRenewsAt(), "the first form had no renewal moment");
        assertEquals(9, copy.getVersion());
    }

    @Test
    void aSessionWrittenInAnUnknownFormBelongsToNoUserSoTheRowIsReadAgain() throws Exception {
        byte[] bytes = serialise(Entitlement.of("alice", "pro", "courses", "active", 5, UNTIL, 9));
        bytes[formNumberAt(bytes) + 3] = 3;
        Entitlement copy = deserialise(bytes);
        assertEquals("", copy.getUserId());
        assertFalse(copy.isActive());
        assertEquals(Entitlement.NO_ROW, copy.getVersion());
    }

    /** Where the custom data begins: an empty string (two zero bytes) and the form number, four bytes. */
    private static int formNumberAt(byte[] bytes) {
        for (int i = 2; i + 6 <= bytes.length; i++) {
            if (bytes[i - 2] == 0x77 && bytes[i] == 0 && bytes[i + 1] == 0 && bytes[i + 2] == 0 && bytes[i + 3] == 0
                    && bytes[i + 4] == 0 && bytes[i + 5] == 2) {
                return i + 2;
            }
        }
        throw new AssertionError("no numbered serial form");
    }

    /** The same stream as the first form wrote it: no empty string, no number, no renewal moment. */
    private static byte[] firstForm(byte[] second) {
        int form = formNumberAt(second);
        int blockLength = second[form - 3] & 0xff;
        int blockEnd = form - 2 + blockLength;
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        first.write(second, 0, form - 3);
        first.write(blockLength - 6 - 8);
        first.write(second, form + 4, blockEnd - 16 - (form + 4));
        first.write(second, blockEnd - 8, second.length - (blockEnd - 8));
        return first.toByteArray();
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
