package dev.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gate.HandOff.Purpose;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandOffTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-12-04T05:00:00Z");

    private final HandOff handOff = HandOff.withSecret(SECRET);

    @Test
    void aSignedTokenNamesItsUserForItsPurpose() {
        String token = handOff.sign("alice@example.com", Purpose.CHECKOUT, NOW);

        assertEquals(Optional.of("alice@example.com"), handOff.verify(token, Purpose.CHECKOUT, NOW.plusSeconds(299)));
    }

    @Test
    void twoTokensForTheSameUserDifferByTheirNonce() {
        assertNotEquals(handOff.sign("alice", Purpose.PORTAL, NOW), handOff.sign("alice", Purpose.PORTAL, NOW));
    }

    @Test
    void aTokenIsRefusedOnceItsFiveMinutesArePast() {
        String token = handOff.sign("alice", Purpose.CHECKOUT, NOW);

        assertTrue(handOff.verify(token, Purpose.CHECKOUT, NOW.plus(Duration.ofMinutes(5))).isEmpty());
    }

    @Test
    void aReturnTokenLastsAsLongAsACheckoutSession() {
        String token = handOff.sign("alice", Purpose.RETURN, NOW);

        assertEquals(Optional.of("alice"), handOff.verify(token, Purpose.RETURN, NOW.plus(Duration.ofHours(23))));
        assertTrue(handOff.verify(token, Purpose.RETURN, NOW.plus(Duration.ofHours(24))).isEmpty());
    }

    @Test
    void aTokenForThePortalDoesNotStartACheckout() {
        String token = handOff.sign("alice", Purpose.PORTAL, NOW);

        assertTrue(handOff.verify(token, Purpose.CHECKOUT, NOW).isEmpty());
        assertTrue(handOff.verify(token, Purpose.RETURN, NOW).isEmpty());
    }

    @Test
    void aTokenWithItsPurposeRewrittenIsRefused() {
        String token = handOff.sign("alice", Purpose.PORTAL, NOW);

        assertTrue(handOff.verify(token.replace(".portal.", ".checkout."), Purpose.CHECKOUT, NOW).isEmpty());
    }

    @Test
    void aTokenWithAnotherUserPutInIsRefused() {
        String[] fields = handOff.sign("alice", Purpose.CHECKOUT, NOW).split("\\.");
        fields[1] = Base64.getUrlEncoder().withoutPadding().encodeToString("mallory".getBytes(StandardCharsets.UTF_8));

        assertTrue(handOff.verify(String.join(".", fields), Purpose.CHECKOUT, NOW).isEmpty());
    }

    @Test
    void aTokenWithItsExpiryPushedOutIsRefused() {
        String[] fields = handOff.sign("alice", Purpose.CHECKOUT, NOW).split("\\.");
        fields[3] = Long.toString(Long.parseLong(fields[3]) + 3600);

        assertTrue(handOff.verify(String.join(".", fields), Purpose.CHECKOUT, NOW.plus(Duration.ofMinutes(10)))
                .isEmpty());
    }

    @Test
    void aTokenWithOneCharacterOfItsSignatureChangedIsRefused() {
        String token = handOff.sign("alice", Purpose.CHECKOUT, NOW);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);

        assertTrue(handOff.verify(tampered, Purpose.CHECKOUT, NOW).isEmpty());
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String token = HandOff.withSecret(SECRET.toUpperCase()).sign("alice", Purpose.CHECKOUT, NOW);

        assertTrue(handOff.verify(token, Purpose.CHECKOUT, NOW).isEmpty());
    }

    @Test
    void garbageIsRefusedWithoutAnException() {
        for (String garbage : new String[] {null, "", ".....", "v1.a.checkout.x.y.z", "v2.YQ.checkout.1.AA.AA",
                "v1.%%%.checkout.99999999999.AA.AA", "x".repeat(5000)}) {
            assertTrue(handOff.verify(garbage, Purpose.CHECKOUT, NOW).isEmpty(), String.valueOf(garbage));
        }
    }

    @Test
    void aSecretShorterThan32BytesIsRefusedNamingTheSettingButNotTheValue() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> HandOff.withSecret("too-short-secret-of-31-bytes-xx"));

        assertTrue(refused.getMessage().contains("PAYMENTS_HANDOFF_SECRET"), refused.getMessage());
        assertFalse(refused.getMessage().contains("too-short"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HandOff.withSecret(null));
    }

    @Test
    void theSecretIsNotInTheTextOfTheSigner() {
        assertFalse(handOff.toString().contains(SECRET));
    }
}
