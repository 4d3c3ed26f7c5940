package dev.tollgate.payments.infrastructure.stripe;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.WebhookEndpointListParams;
import com.stripe.param.WebhookEndpointUpdateParams;
import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.domain.model.WebhookEndpoint;
import dev.tollgate.payments.domain.service.PermissionRefusals;
import dev.tollgate.payments.domain.service.WebhookEndpointRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link WebhookEndpointRegistry} on stripe-java's {@code /v1/webhook_endpoints}. In the WAR it uses the deployment's
 * key and API base; the command line {@link #connect connects} with its own.
 */
@ApplicationScoped
public class StripeWebhookEndpoints implements WebhookEndpointRegistry {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int RETRIES = 2;

    @Inject
    PaymentsConfig config;

    /** In the WAR the list the operator reads; outside it nothing keeps them (the command line shows the refusal). */
    @Inject
    PermissionRefusals refusals;

    private volatile StripeClient client;

    public StripeWebhookEndpoints() {
        // for CDI: the client is made from PaymentsConfig on first use
    }

    private StripeWebhookEndpoints(StripeClient client) {
        this.client = client;
        this.refusals = (permission, what) -> { };
    }

    /** Outside the WAR: the account of {@code secretKey}, at Stripe or at {@code apiBase} (an emulator). */
    public static StripeWebhookEndpoints connect(String secretKey, Optional<URI> apiBase) {
        return new StripeWebhookEndpoints(newClient(secretKey, apiBase, TIMEOUT, RETRIES));
    }

    /** stripe-java's pin ({@code Stripe.API_VERSION}), the only release its typed events read. */
    @Override
    public String pinnedApiVersion() {
        return Stripe.API_VERSION;
    }

    @Override
    public List<WebhookEndpoint> all() {
        WebhookEndpointListParams params = WebhookEndpointListParams.builder().setLimit(100L).build();
        return StripeClientGateway.call(refusals, "listing webhook endpoints", () -> {
            List<WebhookEndpoint> endpoints = new ArrayList<>();
            for (com.stripe.model.WebhookEndpoint endpoint
                    : client().v1().webhookEndpoints().list(params).autoPagingIterable()) {
                endpoints.add(toEndpoint(endpoint));
            }
            return endpoints;
        });
    }

    /**
     * The version and the types go as plain parameters: stripe-java's enums for them name only the releases and
     * types it knew when it was built, and these come from that very library and from our handlers.
     */
    @Override
    public CreatedEndpoint create(String url, Collection<String> eventTypes, String apiVersion) {
        WebhookEndpointCreateParams.Builder params = WebhookEndpointCreateParams.builder().setUrl(url)
                .setDescription("Tollgate payments")
                .putExtraParam("api_version", apiVersion)
                .putExtraParam("enabled_events", List.copyOf(eventTypes));
        return StripeClientGateway.call(refusals, "creating a webhook endpoint", () -> {
            com.stripe.model.WebhookEndpoint created = client().v1().webhookEndpoints().create(params.build());
            return new CreatedEndpoint(toEndpoint(created), created.getSecret());
        });
    }

    @Override
    public WebhookEndpoint enable(String endpointId, Collection<String> eventTypes) {
        WebhookEndpointUpdateParams.Builder params = WebhookEndpointUpdateParams.builder().setDisabled(false)
                .putExtraParam("enabled_events", List.copyOf(eventTypes));
        return StripeClientGateway.call(refusals, "enabling a webhook endpoint", () ->
                toEndpoint(client().v1().webhookEndpoints().update(endpointId, params.build())));
    }

    private static WebhookEndpoint toEndpoint(com.stripe.model.WebhookEndpoint endpoint) {
        return new WebhookEndpoint(endpoint.getId(), endpoint.getUrl(),
                endpoint.getEnabledEvents() == null ? List.of() : endpoint.getEnabledEvents(),
                Optional.ofNullable(endpoint.getApiVersion()), "enabled".equals(endpoint.getStatus()));
    }

    private StripeClient client() {
        StripeClient existing = client;
        if (existing == null) {
            existing = newClient(config.secretKey(), config.apiBase(), config.stripeTimeout(), config.stripeRetries());
            client = existing;
        }
        return existing;
    }

    private static StripeClient newClient(String secretKey, Optional<URI> apiBase, Duration timeout, int retries) {
        int millis = Math.toIntExact(timeout.toMillis());
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(secretKey)
                .setConnectTimeout(millis).setReadTimeout(millis).setMaxNetworkRetries(retries);
        apiBase.map(URI::toString).map(base -> base.replaceAll("/+$", "")).ifPresent(builder::setApiBase);
        return builder.build();
    }
}
