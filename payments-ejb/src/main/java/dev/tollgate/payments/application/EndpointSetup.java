package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EndpointCheck;
import dev.tollgate.payments.domain.model.WebhookEndpoint;
import dev.tollgate.payments.domain.service.WebhookEndpointRegistry;
import dev.tollgate.payments.domain.service.WebhookEndpointRegistry.CreatedEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Checks and sets up this deployment's webhook endpoint in Stripe: its URL, every event type Tollgate handles
 * ({@link EventHandlers#handledTypes()}, the list the catch-up asks Stripe for too) and the API version Tollgate
 * reads. Used by the console and by the command line, so no transaction and no state of its own: Stripe is the
 * only store. Running the set-up twice makes one endpoint.
 */
@ApplicationScoped
public class EndpointSetup {

    private static final Logger LOG = Logger.getLogger(EndpointSetup.class.getName());
    /** Where the payments WAR receives Stripe's events, under its context path. */
    public static final String WEBHOOK_PATH = "/stripe/webhook";

    @Inject
    WebhookEndpointRegistry registry;

    EndpointSetup() {
        // for CDI
    }

    /** Outside a container: the command line's. */
    public EndpointSetup(WebhookEndpointRegistry registry) {
        this.registry = registry;
    }

    /** The webhook URL of the payments WAR at {@code appUrl} (a URL already ending in the path is kept). */
    public static String webhookUrlOf(URI appUrl) {
        String base = appUrl.toString().replaceAll("/+$", "");
        return base.endsWith(WEBHOOK_PATH) ? base : base + WEBHOOK_PATH;
    }

    /** What Stripe's endpoints for the URL lack; asks Stripe once, changes nothing. */
    public EndpointCheck check(String webhookUrl) {
        return EndpointCheck.of(webhookUrl, registry.pinnedApiVersion(), EventHandlers.handledTypes(),
                registry.all());
    }

    /**
     * Makes Stripe send the URL what Tollgate needs: creates the endpoint when there is none or when its API version
     * is another (Stripe cannot change it in place; the old endpoint stays until its secret is replaced), else adds
     * the missing types and enables it. A new endpoint's secret is returned here once and never logged.
     *
     * @param actor who asked, for the log line
     */
    public EndpointFix setUp(String webhookUrl, String actor) {
        EndpointCheck before = check(webhookUrl);
        List<String> done = new ArrayList<>();
        Optional<String> secret = Optional.empty();
        if (before.needsNewEndpoint()) {
            CreatedEndpoint created = registry.create(webhookUrl, EventHandlers.handledTypes(),
                    registry.pinnedApiVersion());
            secret = Optional.of(created.secret());
            done.add("Created endpoint " + created.endpoint().id() + " for " + webhookUrl + " at API version "
                    + registry.pinnedApiVersion() + ", sending " + EventHandlers.handledTypes().size()
                    + " event types.");
        } else if (before.needsUpdate()) {
            WebhookEndpoint current = before.endpoint().orElseThrow();
            Set<String> types = new TreeSet<>(current.enabledEvents());
            types.addAll(before.missingTypes());
            registry.enable(current.id(), types);
            done.add("Updated endpoint " + current.id() + ": " + (before.missingTypes().isEmpty() ? ""
                    : "added " + before.missingTypes().size() + " event type(s)" + (current.enabled() ? "" : ", "))
                    + (current.enabled() ? "" : "enabled it") + ".");
        }
        done.forEach(line -> LOG.info(() -> line + " Asked by " + actor + "."));
        return new EndpointFix(before, check(webhookUrl), done, secret);
    }

    /**
     * What a set-up did.
     *
     * @param newSecret the signing secret of an endpoint created now: to be put in {@code STRIPE_WEBHOOK_SECRET};
     *                  Stripe never shows it again. {@link #toString()} leaves it out.
     */
    public record EndpointFix(EndpointCheck before, EndpointCheck after, List<String> done,
                              Optional<String> newSecret) {

        public EndpointFix {
            done = List.copyOf(done);
        }

        /** How to make this deployment accept the new endpoint's events, or empty when nothing was created. */
        public Optional<String> instruction() {
            return newSecret.map(secret -> before.endpoint().isPresent()
                    ? "Add this secret to STRIPE_WEBHOOK_SECRET beside the current one (comma-separated), restart "
                    + "the payments WAR, then delete the old endpoint " + before.endpoint().get().id()
                    + " in Stripe. Stripe shows the secret only now."
                    : "Set STRIPE_WEBHOOK_SECRET to this secret and restart the payments WAR. Stripe shows it "
                    + "only now.");
        }

        @Override
        public String toString() {
            return "EndpointFix[done=" + done + ", problems after=" + after.problems() + "]";
        }
    }
}
