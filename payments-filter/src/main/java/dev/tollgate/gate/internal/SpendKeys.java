package dev.tollgate.gate.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Turns the key a client or an app gives into the ledger's {@code source_key}: {@code spend:} and the SHA-256 of
 * who spends, where, and the key. So one user's key can never answer for another user, a gated request's key not
 * for another path or an app's own spend, and any key fits the column (a user id alone may take 255 characters).
 * The readable part of a spend lives in the ledger's {@code detail}.
 */
public final class SpendKeys {

    /** Longest key accepted, as Stripe's {@code Idempotency-Key}. */
    public static final int MAX_LENGTH = 255;

    private static final String PREFIX = "spend:";

    private SpendKeys() {
    }

    /** Whether {@code key} is 1 to {@value #MAX_LENGTH} visible ASCII characters (no spaces, no controls). */
    public static boolean isValid(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            return false;
        }
        return key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** The source key of an app's own spend of credits under {@code key}. */
    public static String ofApp(String userId, String key) {
        return digest("app", userId, key);
    }

    /** The source key of an app's own spend of {@code unit} under {@code key}: credits as {@link #ofApp(String, String)}. */
    public static String ofApp(String userId, String unit, String key) {
        return CreditSpends.CREDITS.equals(unit) ? ofApp(userId, key) : digest("app", userId, key, unit);
    }

    /** The source key of a gated request: its method and path with query, under the client's key. */
    public static String ofRequest(String userId, String method, String target, String key) {
        return digest("gate", userId, method, target, key);
    }

    /** A key no one else will give: for a request that brought none, which is then its own spend. */
    public static String unrepeatable() {
        return UUID.randomUUID().toString();
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                // length first, so ("ab", "c") and ("a", "bc") never hash alike
                sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha256.update(bytes);
            }
            return PREFIX + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
