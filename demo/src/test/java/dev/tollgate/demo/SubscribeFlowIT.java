package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.Ledger.EntitlementRow;
import dev.tollgate.demo.Ledger.EventRow;
import dev.tollgate.emulator.CheckoutForm;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import com.stripe.net.Webhook;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's promise, over HTTP against the real embedded Tomcat: alice signs in, is refused {@code /pro/},
 * subscribes on the emulator's checkout page with 4242 4242 4242 4242, lands on a page saying she has Pro and is
 * let in, without a restart or a second login; the database shows why. Errors are short styled pages.
 */
class SubscribeFlowIT {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private static DemoServer demo;
    private static Ledger ledger;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoServer.start(DemoOptions.defaults().onPorts(0, 0).withDataDir(dataDir));
        ledger = new Ledger(demo.dataSource());
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void aliceSubscribesToProAndIsLetIntoTheProAreaWithoutSigningInAgain() throws Exception {
        Browser alice = new Browser(demo.appUrl());
        alice.signIn("alice", "alice");
        long versionBefore = ledger.versionOf("alice");

        // Before: signed in, no plan → the gate sends her to pricing.
        HttpResponse<String> refused = alice.get("/pro/");
        alice.assertRedirect(refused, "/pricing");
        HttpResponse<String> pricing = alice.get(alice.location(refused));
        assertEquals(200, pricing.statusCode());
        assertTrue(pricing.body().contains("value=\"price_pro_monthly\""), "pricing offers the Pro plan");
        assertTrue(pricing.body().contains("<span class=\"price\" id=\"price-pro\">29.00 USD</span>"),
                "at the emulator's price: " + pricing.body());

        // Subscribe: the pricing page's form goes to the payments WAR, which sends her to the emulator's page.
        HttpResponse<String> toCheckout = alice.postForm("/payments/billing/checkout",
                Map.of("price", "price_pro_monthly"), alice.resolve("/pricing"));
        assertEquals(303, toCheckout.statusCode(), toCheckout.body());
        URI checkoutPage = URI.create(alice.location(toCheckout));
        assertTrue(checkoutPage.toString().startsWith(demo.emulator().baseUrl()),
                "checkout happens on the emulator: " + checkoutPage);

        HttpResponse<String> page = alice.get(checkoutPage.toString());
        assertEquals(200, page.statusCode());
        CheckoutForm form = CheckoutForm.read(page.body()).withCard(DemoServer.TEST_CARD);
        HttpResponse<String> paid = alice.postForm(checkoutPage.resolve(form.action()).toString(), form.fields(),
                checkoutPage);
        alice.assertRedirect(paid, "/payments/billing/return");
        assertTrue(alice.location(paid).contains("session_id=cs_"), alice.location(paid));

        // Back in the app: the return page syncs at once and lands on the welcome page, which says what she
        // bought and leads into /pro/, which now lets her in.
        HttpResponse<String> returned = alice.get(alice.location(paid));
        assertEquals(303, returned.statusCode(), returned.body());
        alice.assertRedirect(returned, "/welcome");
        HttpResponse<String> welcome = alice.get(alice.location(returned));
        assertEquals(200, welcome.statusCode(), welcome.body());
        assertTrue(welcome.body().contains("You have Acme Notes Pro"), welcome.body());
        assertTrue(welcome.body().contains("id=\"go-next\" class=\"button\" href=\"/pro/\""), welcome.body());
        HttpResponse<String> pro = alice.get("/pro/");
        assertEquals(200, pro.statusCode(), pro.body());
        assertTrue(pro.body().contains("id=\"pro-content\""), "the Pro area's content is shown");
        assertTrue(pro.body().contains("Signed in as alice"), "still the same login");
        assertTrue(pro.body().contains("· plan pro"), "the page shows the gate's ${entitlement.plan}");

        // The database: the entitlement moved to pro, and every delivered event was processed.
        assertTrue(demo.emulator().awaitDeliveriesIdle(DELIVERY_TIMEOUT), "webhook deliveries finished");
        EntitlementRow entitlement = ledger.entitlementOf("alice").orElseThrow();
        assertEquals("pro", entitlement.plan());
        assertTrue(List.of(entitlement.plans().split(",")).contains("pro"), entitlement.plans());
        assertEquals("active", entitlement.status());
        assertTrue(entitlement.accessUntil().isAfter(OffsetDateTime.now()), "access runs into the future");
        assertTrue(entitlement.version() > versionBefore,
                "version moved from " + versionBefore + " to " + entitlement.version());

        List<DeliveryStatus> deliveries = demo.emulator().deliveries();
        assertTrue(deliveries.stream().allMatch(delivery -> delivery.state() == DeliveryStatus.State.DELIVERED),
                "the webhook accepted every delivery: " + deliveries);
        List<EventRow> events = ledger.webhookEvents();
        assertEquals(deliveries.stream().map(DeliveryStatus::eventId).collect(Collectors.toSet()),
                events.stream().map(EventRow::eventId).collect(Collectors.toSet()),
                "one row per delivered event; deliveries " + deliveries);
        Set<String> types = events.stream().map(EventRow::type).collect(Collectors.toSet());
        assertTrue(types.containsAll(Set.of("checkout.session.completed", "customer.subscription.created",
                "invoice.paid")), "events recorded: " + events);
        assertTrue(events.stream().filter(event -> event.type().equals("checkout.session.completed"))
                .allMatch(event -> event.status().equals("processed")), "checkout completion processed: " + events);
        assertTrue(events.stream().allMatch(event -> Set.of("processed", "ignored").contains(event.status())),
                "no event failed: " + events);
        assertTrue(events.stream().allMatch(event -> event.source().equals("webhook")), events.toString());

        // Bob never paid: still refused.
        Browser bob = new Browser(demo.appUrl());
        bob.signIn("bob", "bob");
        bob.assertRedirect(bob.get("/pro/"), "/pricing");
        assertFalse(ledger.entitlementOf("bob").map(row -> "pro".equals(row.plan())).orElse(false));
    }

    /**
     * The pricing page offers Pro for life, paid once, at the emulator's one-time price; carol buys it on the
     * checkout page, lands on a page saying she has Pro for life, and the gate lets her into the Pro area: the
     * lifetime plan includes Pro and runs forever.
     */
    @Test
    void carolBuysProForLifeOnceAndIsLetIntoTheProArea() throws Exception {
        demo.addUser("carol");
        Browser carol = new Browser(demo.appUrl());
        carol.signIn("carol", "carol");
        carol.assertRedirect(carol.get("/pro/"), "/pricing");
        String pricing = carol.get("/pricing").body();
        assertTrue(pricing.contains("<span class=\"price\" id=\"price-lifetime\">299.00 USD</span>"), pricing);
        assertTrue(pricing.contains("value=\"price_pro_lifetime\""), pricing);
        assertTrue(pricing.contains("<button id=\"subscribe-lifetime\">Buy Lifetime</button>"), pricing);

        HttpResponse<String> toCheckout = carol.postForm("/payments/billing/checkout",
                Map.of("price", "price_pro_lifetime"), carol.resolve("/pricing"));
        assertEquals(303, toCheckout.statusCode(), toCheckout.body());
        URI checkoutPage = URI.create(carol.location(toCheckout));
        CheckoutForm form = CheckoutForm.read(carol.get(checkoutPage.toString()).body())
                .withCard(DemoServer.TEST_CARD);
        HttpResponse<String> paid = carol.postForm(checkoutPage.resolve(form.action()).toString(), form.fields(),
                checkoutPage);
        carol.assertRedirect(paid, "/payments/billing/return");
        HttpResponse<String> returned = carol.get(carol.location(paid));
        carol.assertRedirect(returned, "/welcome");
        HttpResponse<String> welcome = carol.get(carol.location(returned));
        assertTrue(welcome.body().contains("You have Acme Notes Pro for life"), welcome.body());

        HttpResponse<String> pro = carol.get("/pro/");
        assertEquals(200, pro.statusCode(), pro.body());
        assertTrue(pro.body().contains("id=\"pro-content\""), pro.body());
        EntitlementRow entitlement = ledger.entitlementOf("carol").orElseThrow();
        assertEquals("lifetime", entitlement.plan());
        assertTrue(List.of(entitlement.plans().split(",")).contains("pro"), entitlement.plans());
        assertEquals(9999, entitlement.accessUntil().getYear(), "for life");
    }

    @Test
    void errorsTheContainerAnswersAreShortStyledPagesWithoutStackTraces() throws Exception {
        Browser bob = new Browser(demo.appUrl());
        bob.signIn("bob", "bob");
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("/no-such-page", 404);                    // the sample app
        expected.put("/payments/no-such-page", 404);           // the payments WAR
        expected.put("/payments/billing/checkout", 405);       // GET where only POST is served
        expected.put("/payments/admin/", 403);                 // bob lacks payments-admin
        for (Map.Entry<String, Integer> error : expected.entrySet()) {
            HttpResponse<String> page = bob.get(error.getKey());
            assertEquals(error.getValue(), page.statusCode(), error.getKey());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), error.getKey());
            assertTrue(page.body().contains("id=\"error-title\"") && (page.body().contains("<style")
                    || page.body().contains("rel=\"stylesheet\"")),
                    error.getKey() + " has the styled page: " + page.body());
            assertTrue(page.body().contains("Error " + error.getValue()), page.body());
            for (String leak : List.of("Exception", "at org.", "at java.", "Apache Tomcat", "jakarta.")) {
                assertFalse(page.body().contains(leak), error.getKey() + " shows '" + leak + "': " + page.body());
            }
        }
    }

    @Test
    void theAdminSignedInToTheAppReadsTheServiceDetailsOthersOnlyItsStatus() throws Exception {
        Browser admin = new Browser(demo.appUrl());
        admin.signIn("admin", "admin");
        HttpResponse<String> details = admin.get("/payments/admin/health");
        assertEquals(200, details.statusCode(), details.body());
        assertTrue(details.body().contains("\"stripeMode\":\"test\""), details.body());

        Browser alice = new Browser(demo.appUrl());
        alice.signIn("alice", "alice");
        assertEquals(403, alice.get("/payments/admin/health").statusCode());
        HttpResponse<String> status = new Browser(demo.appUrl()).get("/payments/health");
        assertEquals(200, status.statusCode(), status.body());
        assertFalse(status.body().contains("stripeMode"), "anyone else sees only the status: " + status.body());
    }

    @Test
    void anonymousVisitorsOfTheProAreaAreAskedToSignIn() throws Exception {
        HttpResponse<String> response = new Browser(demo.appUrl()).get("/pro/");
        assertFalse(response.body().contains("id=\"pro-content\""), "no Pro content for strangers");
        assertTrue(response.body().contains("j_security_check"), "the container's login form is shown");
    }

    @Test
    void webhooksWithoutAValidSignatureAreRefusedAndWriteNothing() throws Exception {
        // The emulator's own deliveries (from the other test) must not land in the middle of the count.
        assertTrue(demo.emulator().awaitDeliveriesIdle(DELIVERY_TIMEOUT), "webhook deliveries finished");
        Ledger.Footprint before = ledger.footprint();
        String event = ForgedEvents.checkoutCompletedFor("mallory");
        long now = System.currentTimeMillis() / 1000;

        Map<String, String> badSignatures = Map.of(
                "wrong secret", Webhook.Signature.generateSignatureHeader(event, "whsec_notTheDemosSecret", now),
                "signed a different body", Webhook.Signature.generateSignatureHeader(
                        event.replace("mallory", "alice"), demo.webhookSecret(), now),
                "too old", Webhook.Signature.generateSignatureHeader(event, demo.webhookSecret(), now - 3600),
                "garbage", "t=yesterday,v1=zz");
        for (Map.Entry<String, String> signature : badSignatures.entrySet()) {
            HttpResponse<String> response = ForgedEvents.deliver(demo.appUrl(), event, signature.getValue());
            assertEquals(400, response.statusCode(), signature.getKey() + ": " + response.body());
        }
        HttpResponse<String> unsigned = ForgedEvents.deliver(demo.appUrl(), event, null);
        assertEquals(400, unsigned.statusCode(), "no Stripe-Signature: " + unsigned.body());

        assertEquals(before, ledger.footprint(), "a refused webhook writes nothing");
        assertTrue(ledger.webhookEvents().stream().noneMatch(row -> row.eventId().equals(ForgedEvents.EVENT_ID)));
    }
}
