package dev.tollgate.gate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A signed hand-off of the signed-in user from an app that signs users in itself (no container security) to the
 * payments WAR's billing forms. The app signs a short-lived token naming its user and what the token is for; the WAR,
 * holding the same secret, verifies it and takes the token's user as the user of that one request.
 *
 * <h2>Installation</h2>
 * Set {@code PAYMENTS_HANDOFF_SECRET} (at least 32 bytes, e.g. {@code openssl rand -hex 32}) for the app and for the
 * payments WAR, then put the token in the app's billing form:
 * <pre>{@code
 * HandOff handOff = HandOff.withSecret(System.getenv("PAYMENTS_HANDOFF_SECRET"));
 * String token = handOff.sign(userId, HandOff.Purpose.CHECKOUT, Instant.now());
 * // <form method="post" action="/payments/billing/checkout">
 * //   <input type="hidden" name="payments_handoff" value="(token)">
 * //   <input type="hidden" name="price" value="price_...">
 * // </form>
 * }</pre>
 * The portal form is the same with {@link Purpose#PORTAL}. The return from Checkout needs nothing from the app: the
 * WAR signs a {@link Purpose#RETURN} token for the token's user into Checkout's return address itself.
 *
 * <h2>Format</h2>
 * {@code v1.<user>.<purpose>.<expiry>.<nonce>.<mac>}: the user id base64url-encoded, the purpose in lower case, the
 * expiry in epoch seconds, 16 random bytes base64url, and HMAC-SHA256 of the five fields before it (joined by
 * {@code .}) under the secret, base64url. The MAC covers the user, purpose and expiry, so none of them can be changed;
 * it is compared in constant time ({@link MessageDigest#isEqual}).
 */
public final class HandOff {

    /** The setting that holds the shared secret, named in every complaint about it. */
    public static final String SECRET_SETTING = "PAYMENTS_HANDOFF_SECRET";

    /** The form (or query) field the WAR reads the token from. */
    public static final String FIELD = "payments_handoff";

    /** The shortest secret accepted: the length of the HMAC-SHA256 key that gives its full strength. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a token lets its bearer do, and for how long. */
    public enum Purpose {
        /** Start a checkout for the user; a page is filled in and posted within minutes. */
        CHECKOUT(Duration.ofMinutes(5)),
        /** Open the user's customer portal. */
        PORTAL(Duration.ofMinutes(5)),
        /** Come back from Checkout: as long as a Checkout Session can be paid (24 hours). */
        RETURN(Duration.ofHours(24));

        private final Duration lifetime;

        Purpose(Duration lifetime) {
            this.lifetime = lifetime;
        }

        /** How long a token of this purpose is good for after it is signed. */
        public Duration lifetime() {
            return lifetime;
        }

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final SecretKeySpec key;

    private HandOff(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /**
     * A signer and verifier with {@code secret}.
     *
     * @throws IllegalArgumentException naming {@value #SECRET_SETTING} (never the value) when it is missing or shorter
     *                                  than {@value #MIN_SECRET_BYTES} bytes in UTF-8
     */
    public static HandOff withSecret(String secret) {
        byte[] bytes = secret == null ? new byte[0] : secret.trim().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(SECRET_SETTING + " must be at least " + MIN_SECRET_BYTES
                    + " bytes, e.g. from: openssl rand -hex 32");
        }
        return new HandOff(bytes);
    }

    /** A fresh token naming {@code userId} for {@code purpose}, good for the purpose's lifetime from {@code now}. */
    public String sign(String userId, Purpose purpose, Instant now) {
        if (userId == null || userId.isEmpty()) {
            throw new IllegalArgumentException("a hand-off needs a user id");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        String signed = String.join(".", VERSION, ENCODER.encodeToString(userId.getBytes(StandardCharsets.UTF_8)),
                purpose.word(), Long.toString(now.plus(purpose.lifetime()).getEpochSecond()),
                ENCODER.encodeToString(nonce));
        return signed + "." + ENCODER.encodeToString(mac(signed));
    }

    /**
     * The user a token names, when it is signed with this secret, for {@code purpose}, and not expired at
     * {@code now}; empty for anything else (malformed, tampered, another purpose, expired), without saying which.
     */
    public Optional<String> verify(String token, Purpose purpose, Instant now) {
        if (token == null || token.length() > 2048) {
            return Optional.empty();
        }
        String[] fields = token.split("\\.", -1);
        if (fields.length != 6 || !VERSION.equals(fields[0])) {
            return Optional.empty();
        }
        try {
            String signed = token.substring(0, token.lastIndexOf('.'));
            if (!MessageDigest.isEqual(mac(signed), DECODER.decode(fields[5]))
                    || !purpose.word().equals(fields[2])) {
                return Optional.empty();
            }
            long expiry = Long.parseLong(fields[3]);
            // expired, or reaching further ahead than any token this purpose is signed for
            if (now.getEpochSecond() >= expiry
                    || expiry > now.plus(purpose.lifetime()).getEpochSecond() + 60) {
                return Optional.empty();
            }
            String user = new String(DECODER.decode(fields[1]), StandardCharsets.UTF_8);
            return user.isEmpty() ? Optional.empty() : Optional.of(user);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException unavailable) {
            // every Java runtime ships HmacSHA256: this is a broken runtime, not a bad token
            throw new IllegalStateException("HmacSHA256 is not available", unavailable);
        }
    }

    @Override
    public String toString() {
        return "HandOff[secret hidden]";
    }
}
