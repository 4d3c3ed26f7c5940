package dev.tollgate.payments.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One attempt at a logged event: a delivery, a catch-up find or a replay, and what it came to.
 *
 * @param error why it failed or was refused, on one line, short, with key-shaped values masked; null otherwise
 * @param node the JVM that made the attempt
 */
public record WebhookAttempt(String eventId, Instant receivedAt, AttemptOutcome outcome, String error,
                             Duration duration, EventSource source, String node) {

    private static final int ERROR_CAP = 300;

    /** Stripe secret keys, restricted keys and webhook secrets: an exception message must not carry one to a page. */
    private static final Pattern KEY_SHAPED = Pattern.compile("\\b(sk|rk|whsec)_[A-Za-z0-9_]*?([A-Za-z0-9]{0,4})\\b");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");

    public WebhookAttempt {
        error = shortened(error);
    }

    private static String shortened(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() <= ERROR_CAP && isPlainLine(text)) {
            return text; // Tollgate's own notes (an ignored type's, on the webhook path): nothing to mask or join
        }
        String oneLine = KEY_SHAPED.matcher(LINE_BREAKS.matcher(text).replaceAll(" ")).replaceAll("$1_…$2");
        return oneLine.length() <= ERROR_CAP ? oneLine : oneLine.substring(0, ERROR_CAP - 1) + "…";
    }

    /** No line break or tab, and no underscore, without which nothing is key-shaped. */
    private static boolean isPlainLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_' || c == '\r' || c == '\n' || c == '\t') {
                return false;
            }
        }
        return true;
    }
}
