package dev.tollgate.payments.domain.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What Stripe's webhook endpoints for one URL lack for Tollgate: no endpoint at all, event types it does not send,
 * an API version other than the one Tollgate reads, disabled, or a second endpoint that doubles every delivery.
 *
 * @param url            where this deployment receives webhooks ({@code PAYMENTS_APP_URL} + {@code /stripe/webhook})
 * @param pinnedVersion  the API version Tollgate's Stripe library reads
 * @param endpoint       the endpoint that serves the URL best, if any
 * @param missingTypes   handled event types that endpoint does not send, sorted
 * @param others         further endpoints sending to the same URL
 */
public record EndpointCheck(String url, String pinnedVersion, Optional<WebhookEndpoint> endpoint,
                            List<String> missingTypes, List<WebhookEndpoint> others) {

    /** Before this release an invoice names no {@code parent}: Tollgate cannot tell its subscription. */
    public static final String INVOICE_PARENT_SINCE = "2025-03-31";

    /**
     * Which of Stripe's endpoints serves {@code url}: one at the pinned version first, then an enabled one, then
     * the one that sends the most handled types.
     */
    public static EndpointCheck of(String url, String pinnedVersion, Collection<String> handledTypes,
                                   List<WebhookEndpoint> allEndpoints) {
        Comparator<WebhookEndpoint> best = Comparator
                .comparing((WebhookEndpoint e) -> e.rendersAt(pinnedVersion))
                .thenComparing(WebhookEndpoint::enabled)
                .thenComparing(e -> handledTypes.stream().filter(e::sends).count());
        List<WebhookEndpoint> atUrl = new ArrayList<>(allEndpoints.stream().filter(e -> e.sendsTo(url)).toList());
        atUrl.sort(best.reversed());
        if (atUrl.isEmpty()) {
            return new EndpointCheck(url, pinnedVersion, Optional.empty(), List.copyOf(handledTypes).stream()
                    .sorted().toList(), List.of());
        }
        WebhookEndpoint chosen = atUrl.get(0);
        List<String> missing = handledTypes.stream().filter(type -> !chosen.sends(type)).sorted().toList();
        return new EndpointCheck(url, pinnedVersion, Optional.of(chosen), missing, atUrl.subList(1, atUrl.size()));
    }

    public EndpointCheck {
        missingTypes = List.copyOf(missingTypes);
        others = List.copyOf(others);
    }

    /** Whether the endpoint must be made anew: there is none, or its version cannot be changed in place. */
    public boolean needsNewEndpoint() {
        return endpoint.isEmpty() || !endpoint.get().rendersAt(pinnedVersion);
    }

    /** Whether the endpoint can be put right in place: types to add, or enabling it. */
    public boolean needsUpdate() {
        return endpoint.isPresent() && (!missingTypes.isEmpty() || !endpoint.get().enabled());
    }

    /** Whether its events come at a release before invoices carried their {@code parent}. */
    public boolean rendersWithoutInvoiceParent() {
        return endpoint.flatMap(WebhookEndpoint::apiVersion)
                .filter(version -> version.compareTo(INVOICE_PARENT_SINCE) < 0).isPresent();
    }

    /**
     * Whether the endpoint's only doubt is that it names no API version: its events come at the account's default,
     * which Tollgate cannot see — a thing to check, not a known failure (the console shows it amber, not red).
     */
    public boolean isOnlyVersionUnknown() {
        return endpoint.isPresent() && endpoint.get().enabled() && missingTypes.isEmpty() && others.isEmpty()
                && endpoint.get().apiVersion().isEmpty();
    }

    public boolean isOk() {
        return problems().isEmpty();
    }

    /** One sentence per problem, each saying what it costs; empty when Stripe sends Tollgate what it needs. */
    public List<String> problems() {
        if (endpoint.isEmpty()) {
            return List.of("No webhook endpoint in Stripe sends to " + url + ": Stripe delivers this deployment nothing.");
        }
        WebhookEndpoint found = endpoint.get();
        List<String> problems = new ArrayList<>();
        if (!found.enabled()) {
            problems.add("Endpoint " + found.id() + " is disabled: Stripe sends it nothing.");
        }
        if (!missingTypes.isEmpty()) {
            problems.add("Endpoint " + found.id() + " lacks " + missingTypes.size()
                    + " event type(s) Tollgate handles: " + String.join(", ", missingTypes) + ".");
        }
        problems.addAll(versionProblem(found));
        for (WebhookEndpoint other : others) {
            problems.add("Endpoint " + other.id() + " (API version " + other.apiVersion().orElse("of the account")
                    + ") also sends to this URL, so every event arrives twice: delete it once "
                    + "STRIPE_WEBHOOK_SECRET holds the secret of " + found.id() + ".");
        }
        return problems;
    }

    private List<String> versionProblem(WebhookEndpoint found) {
        if (found.rendersAt(pinnedVersion)) {
            return List.of();
        }
        if (found.apiVersion().isEmpty()) {
            return List.of("Endpoint " + found.id() + " has no API version of its own: its events come at the "
                    + "account's default version, which need not be " + pinnedVersion + ".");
        }
        String version = found.apiVersion().get();
        if (rendersWithoutInvoiceParent()) {
            return List.of("Endpoint " + found.id() + " renders events at " + version + ", before "
                    + INVOICE_PARENT_SINCE + ": invoices carry no parent, so Tollgate ignores every invoice.* event; "
                    + "it needs " + pinnedVersion + ".");
        }
        return List.of("Endpoint " + found.id() + " renders events at " + version + ", not " + pinnedVersion
                + ": Tollgate cannot read their objects and asks Stripe for each one again.");
    }
}
