package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EndpointCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The last check of this deployment's webhook endpoint in Stripe, for the console's overview: asking Stripe on every
 * page load would spend a call per admin click, so a check is kept for {@link #KEPT} and a failure to ask for
 * {@link #RETRY_AFTER_FAILURE}. A set-up through the console forgets it, so the overview shows the result at once.
 */
@ApplicationScoped
public class EndpointWatch {

    private static final Logger LOG = Logger.getLogger(EndpointWatch.class.getName());
    static final Duration KEPT = Duration.ofMinutes(5);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

    @Inject
    EndpointSetup setup;

    @Inject
    Clock clock;

    private Observation last;

    /** What Stripe's endpoints for the URL lacked when last asked; a failure to ask is an observation too. */
    public synchronized Observation observe(String webhookUrl) {
        Instant now = clock.instant();
        if (last == null || !last.url().equals(webhookUrl) || now.isAfter(last.until())) {
            last = ask(webhookUrl, now);
        }
        return last;
    }

    /** The next {@link #observe} asks Stripe again. */
    public synchronized void forget() {
        last = null;
    }

    private Observation ask(String webhookUrl, Instant now) {
        try {
            return new Observation(webhookUrl, setup.check(webhookUrl), null, now, now.plus(KEPT));
        } catch (RuntimeException failed) {
            LOG.warning(() -> "Could not check the webhook endpoint in Stripe: " + failed.getMessage());
            return new Observation(webhookUrl, null, "Stripe could not be asked about the webhook endpoint ("
                    + failed.getMessage() + ").", now, now.plus(RETRY_AFTER_FAILURE));
        }
    }

    /**
     * @param check   the check, or null when Stripe could not be asked
     * @param failure why Stripe could not be asked, or null
     */
    public record Observation(String url, EndpointCheck check, String failure, Instant at, Instant until) {
    }
}
