package dev.tollgate.payments.infrastructure.stripe;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.domain.model.StripeMode;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.service.WebhookVerification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** {@link WebhookVerification} with the configured {@code STRIPE_WEBHOOK_SECRET}s and the secret key's mode. */
@ApplicationScoped
public class SigningSecretVerification implements WebhookVerification {

    @Inject
    PaymentsConfig config;

    @Inject
    Clock clock;

    @Override
    public StripeEvent verify(String payload, String signatureHeader) {
        return new WebhookVerifier(config.webhookSecrets(), clock).verify(payload, signatureHeader);
    }

    @Override
    public StripeEvent readLogged(String payload) {
        return StripeEventReader.read(payload);
    }

    @Override
    public boolean liveMode() {
        return config.mode() == StripeMode.LIVE;
    }
}
