package dev.tollgate.payments.infrastructure.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.service.RejectedWebhookException;
import java.time.Clock;
import java.util.List;

/**
 * Checks a webhook delivery against every configured signing secret and turns it into a {@link StripeEvent}.
 * stripe-java accepts any timestamp in the future and throws unchecked exceptions on garbage; both are closed
 * here, so every bad delivery ends as one {@link RejectedWebhookException}.
 */
public final class WebhookVerifier {

    /** Stripe's default: a signature older than five minutes may be a replay. */
    public static final long TOLERANCE_SECONDS = 300;

    private final List<String> secrets;
    private final Clock clock;

    public WebhookVerifier(List<String> secrets, Clock clock) {
        this.secrets = List.copyOf(secrets);
        this.clock = clock;
    }

    /**
     * @param payload the raw body, exactly as received
     * @param signatureHeader the {@code Stripe-Signature} header, possibly null
     */
    public StripeEvent verify(String payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new RejectedWebhookException("missing Stripe-Signature header");
        }
        refuseFutureTimestamp(signatureHeader);
        if (!signedByAnySecret(payload, signatureHeader)) {
            throw new RejectedWebhookException("signature does not match or timestamp outside tolerance");
        }
        try {
            return StripeEventReader.read(payload); // read, strictly and once, only after the signature holds
        } catch (RejectedWebhookException rejected) {
            throw rejected;
        } catch (RuntimeException unexpectedShape) {
            // signed by Stripe but not a shape we can read: still bad input (400), never a 500
            throw new RejectedWebhookException("malformed webhook body");
        }
    }

    /** stripe-java's HMAC check on the raw bytes against each secret: during a rotation Stripe signs with each. */
    private boolean signedByAnySecret(String payload, String signatureHeader) {
        for (String secret : secrets) {
            try {
                if (Webhook.Signature.verifyHeader(payload, signatureHeader, secret, TOLERANCE_SECONDS, clock)) {
                    return true;
                }
            } catch (SignatureVerificationException wrongSecretOrStale) {
                // try the next secret
            } catch (RuntimeException garbage) {
                throw new RejectedWebhookException("malformed Stripe-Signature header");
            }
        }
        return false;
    }

    private void refuseFutureTimestamp(String header) {
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && "t".equals(kv[0])) {
                try {
                    if (Long.parseLong(kv[1]) > clock.instant().getEpochSecond() + TOLERANCE_SECONDS) {
                        throw new RejectedWebhookException("signature timestamp is in the future");
                    }
                    return;
                } catch (NumberFormatException notANumber) {
                    throw new RejectedWebhookException("malformed Stripe-Signature header");
                }
            }
        }
        throw new RejectedWebhookException("malformed Stripe-Signature header");
    }
}
