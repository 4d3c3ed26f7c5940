package dev.tollgate.web.health;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <PAYMENTS_MONITORING_TOKEN>}: how a monitoring system that has no user in the
 * container's realm reads {@code /health}'s details. Both sides are hashed before the constant-time comparison, so
 * neither the token's bytes nor its length can be learnt from response times. The token is never logged.
 */
final class MonitoringToken {

    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> expectedDigest;

    MonitoringToken(Optional<String> configured) {
        this.expectedDigest = configured.map(MonitoringToken::digest);
    }

    /** Whether the request carries the configured token; always false when none is configured. */
    boolean presentedBy(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (expectedDigest.isEmpty() || header == null
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest.get(), digest(header.substring(BEARER.length()).trim()));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
        }
    }
}
