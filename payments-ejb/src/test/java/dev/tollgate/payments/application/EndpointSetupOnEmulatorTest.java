package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.param.WebhookEndpointUpdateParams;
import dev.tollgate.emulator.StripeEmulator;
import dev.tollgate.payments.application.EndpointSetup.EndpointFix;
import dev.tollgate.payments.domain.model.EndpointCheck;
import dev.tollgate.payments.domain.model.WebhookEndpoint;
import dev.tollgate.payments.infrastructure.stripe.StripeWebhookEndpoints;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint set-up against the emulator's {@code /v1/webhook_endpoints}, through stripe-java. */
class EndpointSetupOnEmulatorTest {

    private static final String KEY = "sk_test_endpoint_setup";
    private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();

    private static StripeEmulator emulator;
    private static StripeWebhookEndpoints registry;
    private static StripeClient stripe;

    private EndpointSetup setup;
    private String url;

    @BeforeAll
    static void startEmulator() {
        emulator = StripeEmulator.builder().port(0).build().start();
        registry = StripeWebhookEndpoints.connect(KEY, Optional.of(URI.create(emulator.baseUrl())));
        stripe = StripeClient.builder().setApiKey(KEY).setApiBase(emulator.baseUrl()).build();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void newDeployment() {
        setup = new EndpointSetup(registry);
        // each test its own deployment URL: endpoints of the others do not count for it
        url = EndpointSetup.webhookUrlOf(URI.create("https://shop" + DEPLOYMENTS.incrementAndGet()
                + ".example.com/payments/"));
    }

    @Test
    void webhookUrlIsTheAppUrlWithTheWebhookPath() {
        assertEquals("https://a.example/payments/stripe/webhook",
                EndpointSetup.webhookUrlOf(URI.create("https://a.example/payments")));
        assertEquals("https://a.example/payments/stripe/webhook",
                EndpointSetup.webhookUrlOf(URI.create("https://a.example/payments/stripe/webhook/")));
    }

    @Test
    void aMissingEndpointIsCreatedWithEveryHandledTypeAtThePinnedVersion() {
        EndpointCheck none = setup.check(url);
        assertTrue(none.endpoint().isEmpty());
        assertEquals(List.of("No webhook endpoint in Stripe sends to " + url
                + ": Stripe delivers this deployment nothing."), none.problems());

        EndpointFix fix = setup.setUp(url, "test");

        assertTrue(fix.newSecret().orElseThrow().startsWith("whsec_"), "the secret is shown once");
        assertTrue(fix.instruction().orElseThrow().contains("STRIPE_WEBHOOK_SECRET"));
        assertFalse(fix.toString().contains(fix.newSecret().get()), "the secret stays out of toString");
        assertTrue(fix.after().isOk(), fix.after().problems().toString());
        WebhookEndpoint created = only(url);
        assertEquals(Optional.of(Stripe.API_VERSION), created.apiVersion());
        assertEquals(EventHandlers.handledTypes(), new TreeSet<>(created.enabledEvents()));
        assertEquals(17, created.enabledEvents().size());
        assertTrue(created.enabled());
    }

    @Test
    void settingUpTwiceCreatesOneEndpoint() {
        setup.setUp(url, "test");

        EndpointFix again = setup.setUp(url, "test");

        assertEquals(List.of(), again.done());
        assertTrue(again.newSecret().isEmpty());
        assertTrue(again.after().isOk());
        only(url);
    }

    @Test
    void missingTypesAreFoundAndAddedInPlaceWithoutANewSecret() {
        String id = registry.create(url, List.of("invoice.paid", "customer.subscription.updated"),
                Stripe.API_VERSION).endpoint().id();

        EndpointCheck check = setup.check(url);
        assertEquals(15, check.missingTypes().size());
        assertTrue(check.missingTypes().contains("checkout.session.completed"));
        assertFalse(check.missingTypes().contains("invoice.paid"));
        assertTrue(check.problems().get(0).startsWith("Endpoint " + id + " lacks 15 event type(s)"),
                check.problems().toString());

        EndpointFix fix = setup.setUp(url, "test");

        assertTrue(fix.newSecret().isEmpty(), "the endpoint and its secret stay");
        assertTrue(fix.after().isOk(), fix.after().problems().toString());
        assertEquals(id, only(url).id());
        assertTrue(only(url).enabledEvents().containsAll(EventHandlers.handledTypes()));
    }

    @Test
    void aDisabledEndpointIsReportedAndEnabled() throws StripeException {
        String id = registry.create(url, EventHandlers.handledTypes(), Stripe.API_VERSION).endpoint().id();
        stripe.v1().webhookEndpoints().update(id, WebhookEndpointUpdateParams.builder().setDisabled(true).build());

        EndpointCheck check = setup.check(url);
        assertEquals(List.of("Endpoint " + id + " is disabled: Stripe sends it nothing."), check.problems());
        assertFalse(check.isOnlyVersionUnknown(), "disabled is a failure, not a doubt");

        EndpointFix fix = setup.setUp(url, "test");

        assertTrue(fix.newSecret().isEmpty());
        assertTrue(fix.after().isOk(), fix.after().problems().toString());
        assertTrue(only(url).enabled());
    }

    @Test
    void anEndpointAtAnOlderVersionIsReplacedByANewOneAndTheOldOneReported() {
        String old = registry.create(url, EventHandlers.handledTypes(), "2024-06-20").endpoint().id();

        EndpointCheck check = setup.check(url);
        assertTrue(check.rendersWithoutInvoiceParent());
        assertEquals(1, check.problems().size());
        assertTrue(check.problems().get(0).contains("before 2025-03-31: invoices carry no parent, so Tollgate "
                + "ignores every invoice.* event"), check.problems().toString());

        EndpointFix fix = setup.setUp(url, "test");

        assertTrue(fix.newSecret().isPresent(), "Stripe cannot change an endpoint's version: a new one");
        assertTrue(fix.instruction().orElseThrow().contains("delete the old endpoint " + old));
        WebhookEndpoint current = fix.after().endpoint().orElseThrow();
        assertEquals(Optional.of(Stripe.API_VERSION), current.apiVersion());
        assertEquals(List.of(old), fix.after().others().stream().map(WebhookEndpoint::id).toList());
        assertEquals(1, fix.after().problems().size(), "only the old endpoint is left to delete");

        EndpointFix again = setup.setUp(url, "test");
        assertTrue(again.newSecret().isEmpty(), "the second run creates nothing");
        assertEquals(2, atUrl(url).size());
    }

    @Test
    void anEndpointWithoutItsOwnVersionIsReported() {
        String id = registry.create(url, List.of("*"), Stripe.API_VERSION).endpoint().id();
        assertTrue(setup.check(url).isOk(), "* sends every type");

        String other = EndpointSetup.webhookUrlOf(URI.create("https://other" + DEPLOYMENTS.incrementAndGet()
                + ".example.com/payments"));
        String unversioned = emulatorEndpointWithoutVersion(other);
        EndpointCheck check = setup.check(other);
        assertEquals(List.of("Endpoint " + unversioned + " has no API version of its own: its events come at the "
                + "account's default version, which need not be " + Stripe.API_VERSION + "."), check.problems());
        assertTrue(check.isOnlyVersionUnknown(), "a doubt only: enabled, every type, no second endpoint");
        assertFalse(setup.check(url).isOnlyVersionUnknown(), "in order is no doubt");
        assertFalse(id.equals(unversioned));
    }

    private static String emulatorEndpointWithoutVersion(String webhookUrl) {
        try {
            return stripe.v1().webhookEndpoints().create(com.stripe.param.WebhookEndpointCreateParams.builder()
                    .setUrl(webhookUrl).putExtraParam("enabled_events", List.of("*")).build()).getId();
        } catch (StripeException e) {
            throw new AssertionError(e);
        }
    }

    private static List<WebhookEndpoint> atUrl(String url) {
        return registry.all().stream().filter(endpoint -> endpoint.sendsTo(url)).toList();
    }

    private static WebhookEndpoint only(String url) {
        List<WebhookEndpoint> endpoints = atUrl(url);
        assertEquals(1, endpoints.size(), endpoints.toString());
        return endpoints.get(0);
    }
}
