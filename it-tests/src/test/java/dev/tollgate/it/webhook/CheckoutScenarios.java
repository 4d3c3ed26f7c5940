package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Customer;
import com.stripe.model.checkout.Session;
import com.stripe.param.CustomerListParams;
import com.stripe.param.SubscriptionListParams;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.it.CapturedLog;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /billing/checkout} as browsers send it, through the unchanged WAR and the emulator: what a first
 * checkout creates (one account, one Stripe customer naming the user) however many arrive at once; what it refuses
 * (another site's form, a price not for sale), each with one sentence and one log line and nothing made in Stripe
 * or the database; and where a subscriber who asks for a plan again is sent: the customer portal, never a second
 * subscription. The subclasses pick the database.
 */
abstract class CheckoutScenarios extends CountedCallsScenarios {

    /** Users whose two first checkouts race, one after the other. */
    private static final int RACING_USERS = 4;
    /** How long the two checkouts may queue on the held key: well inside H2's 2 s lock time-out. */
    private static final Duration MEETING_WAIT = Duration.ofMillis(1500);
    private static final String RACE_LOG = "A concurrent first checkout of ";

    /** In the WAR's catalog, unknown to Stripe: a price taken down in the Dashboard but not in PAYMENTS_PLANS. */
    private static final String GONE_PRICE = "price_gone_monthly";
    private static final String BASIC_PRICE = "price_basic_monthly";
    private static final String CARD = "4242 4242 4242 4242";
    /** What a browser's form post asks for. */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Override
    DemoOptions configure(DemoOptions options) {
        return super.configure(options).withSetting("PAYMENTS_PLANS",
                "pro=" + StripeEvents.PRO_PRICE + ";basic=" + BASIC_PRICE + ";gone=" + GONE_PRICE);
    }

    /**
     * Two first checkouts of one user at once both find no account and both insert it: the second insert fails on
     * the key, and that request goes on with the account the first committed. Both are sent to Checkout for the one
     * customer. The test holds the user's key in an uncommitted insert until both inserts wait for it, then lets
     * go, so the two requests meet every time instead of by chance; the WAR's log says the loser noticed.
     */
    @Test
    void twoFirstCheckoutsAtOnceMakeOneAccountAndOneCustomerAndBothGoToCheckout() throws Exception {
        for (int round = 0; round < RACING_USERS; round++) {
            String user = newStageUser("buyer");
            HttpRequest checkout = stage.checkoutPost(user, StripeEvents.PRO_PRICE);
            List<HttpResponse<String>> both;
            try (CapturedLog log = CapturedLog.start()) {
                List<CompletableFuture<HttpResponse<String>>> sent;
                try (AccountKeyHold hold = AccountKeyHold.of(stage.demoDataSource(), database(), user)) {
                    sent = List.of(http.sendAsync(checkout, HttpResponse.BodyHandlers.ofString()),
                            http.sendAsync(checkout, HttpResponse.BodyHandlers.ofString()));
                    awaitWaiters(hold, 2);
                }
                both = List.of(sent.get(0).get(), sent.get(1).get());
                assertEquals(1, log.linesStartingWith(RACE_LOG + user), "the loser's insert failed on the key");
            }
            for (HttpResponse<String> response : both) {
                assertEquals(303, response.statusCode(), user + ": " + response.body());
            }
            List<String> customers = customersNaming(user);
            assertEquals(1, customers.size(), "one Stripe customer for " + user + ": " + customers);
            assertEquals(Optional.of(customers.get(0)), rows.linkedCustomer(user), "linked to " + user);
            assertEquals(1, rows.accountRows(user), "one account row for " + user);
            for (HttpResponse<String> response : both) {
                Session session = checkoutSessionAt(response);
                assertEquals(customers.get(0), session.getCustomer(), "both checkouts for the one customer");
                assertEquals(user, session.getClientReferenceId());
                assertEquals(user, session.getMetadata().get("tollgate_user"));
            }
        }
    }

    /** Waits, at most {@link #MEETING_WAIT}, until {@code count} inserts queue on the held key. */
    private static void awaitWaiters(AccountKeyHold hold, int count) throws Exception {
        Instant deadline = Instant.now().plus(MEETING_WAIT);
        int waiting = hold.waiters();
        while (waiting < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(10); // polling the database's own view of who waits
            waiting = hold.waiters();
        }
        assertEquals(count, waiting, "both first checkouts reached the account insert within " + MEETING_WAIT);
    }

    /**
     * Another site's form (its {@code Origin}), a browser that sends {@code Origin: null} and another site's
     * {@code Referer}, and a request with neither header are each refused with 403 before anything is asked or
     * written: no Stripe call, no account row.
     */
    @Test
    void aCheckoutFromAnotherSiteOrFromNowhereIs403AndCreatesNothing() throws Exception {
        String user = newStageUser("buyer");
        List<Map<String, String>> foreign = List.of(
                Map.of("Origin", "https://evil.example"),
                Map.of("Origin", "null", "Referer", "https://evil.example/pricing"),
                Map.of("Referer", "https://evil.example/pricing"),
                Map.of());
        stage.awaitDeliveries();
        Rows.Footprint before = rows.footprint();
        stage.emulator().resetApiRequestCounts();
        try (CapturedLog log = CapturedLog.start()) {
            for (Map<String, String> headers : foreign) {
                HttpResponse<String> refused = http.send(checkoutPost(user, StripeEvents.PRO_PRICE, headers),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(null, MalformedBodies.problemWith(refused, 403), headers.toString());
                assertEquals("Checkout must be started from this site's own pages.", refused.body().strip());
            }
            assertEquals(foreign.size(), log.linesStartingWith("Refused a checkout of " + user + " with 403"),
                    "one log line per refusal");
        }
        assertEquals(Map.of(), stage.emulator().apiRequestCounts(), "Stripe was not asked");
        assertEquals(before, rows.footprint(), "nothing written");
        assertEquals(0, rows.accountRows(user));
    }

    /**
     * A price outside the catalog, and one in the catalog that Stripe does not know, answer 400 with one sentence:
     * as the WAR's styled page to a browser, as plain text to any other client. Nothing is created: no account, no
     * customer, no Checkout Session; a price outside the catalog is not even looked up.
     */
    @Test
    void aPriceNotForSaleIs400WithAReadablePageAndCreatesNothing() throws Exception {
        String user = newStageUser("buyer");
        stage.emulator().resetApiRequestCounts();
        try (CapturedLog log = CapturedLog.start()) {
            HttpResponse<String> page = http.send(checkoutPost(user, "price_not_in_the_catalog",
                    Map.of("Accept", BROWSER_ACCEPT, "Origin", appOrigin())), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, page.statusCode(), page.body());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                    page.headers().toString());
            assertTrue(page.body().contains("<h1 id=\"error-title\">Not for sale</h1>")
                    && page.body().contains("This price is not for sale here."), page.body());
            assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent(), "the pages' own policy");
            assertEquals(Map.of(), stage.emulator().apiRequestCounts(), "a price outside the catalog is not looked up");

            HttpResponse<String> gone = http.send(stage.checkoutPost(user, GONE_PRICE),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(null, MalformedBodies.problemWith(gone, 400));
            assertEquals("This price is not for sale here.", gone.body().strip());
            assertEquals(2, log.linesStartingWith("Refused a checkout of " + user + " with 400"), "one log line each");
        }
        assertEquals(Map.of("GET /v1/prices", 1L), stage.emulator().apiRequestCounts(),
                "only the price was looked up: no customer, no Checkout Session");
        assertEquals(0, rows.accountRows(user));
    }

    /**
     * A checkout takes its price from the prices the WAR keeps for pricing pages ({@code GET /billing/prices}):
     * once a pricing page was shown, a new user's checkout asks Stripe for the customer and the Checkout Session
     * only, no price lookup (it was three calls while each checkout looked its price up).
     */
    @Test
    void aCheckoutAfterThePricingPageDoesNotLookItsPriceUpAgain() throws Exception {
        HttpResponse<String> shown = http.send(HttpRequest.newBuilder(stage.pricesUrl()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, shown.statusCode(), shown.body());
        String user = newStageUser("buyer");
        stage.awaitDeliveries();
        stage.emulator().resetApiRequestCounts();

        URI checkout = stage.startCheckout(user, StripeEvents.PRO_PRICE);

        assertTrue(checkout.toString().startsWith(stage.emulator().baseUrl() + "/checkout/"), checkout.toString());
        assertEquals(Map.of("POST /v1/customers", 1L, "POST /v1/checkout", 1L), stage.emulator().apiRequestCounts(),
                "the customer and the Checkout Session, nothing else");
        assertEquals(user, checkoutSessionAt(checkout).getClientReferenceId());
    }

    /**
     * A subscriber who posts the pricing form again — the same plan (the demo's alice buying Pro twice), or
     * another — is sent to the customer portal, where plans are switched, and Stripe is asked for no second
     * subscription: one sync of the customer's subscriptions, one portal session, no customer, no Checkout Session.
     * The portal links back to the app.
     */
    @Test
    void aSubscriberAskingForAPlanIsSentToThePortalNotToASecondSubscription() throws Exception {
        String user = newStageUser("buyer");
        URI returnPage = stage.pay(stage.startCheckout(user, StripeEvents.PRO_PRICE), CARD);
        assertEquals(303, stage.loadReturnPage(returnPage, user).statusCode());
        stage.awaitDeliveries();
        String customer = rows.linkedCustomer(user).orElseThrow();

        for (String price : List.of(StripeEvents.PRO_PRICE, BASIC_PRICE)) {
            stage.emulator().resetApiRequestCounts();
            try (CapturedLog log = CapturedLog.start()) {
                URI portal = stage.startCheckout(user, price);

                assertTrue(portal.toString().startsWith(stage.emulator().baseUrl() + "/portal/"), portal.toString());
                assertEquals(1, log.linesStartingWith(user + " holds pro already: sent to the customer portal"),
                        "one log line");
                assertEquals(Map.of("GET /v1/subscriptions", 1L, "POST /v1/billing_portal", 1L),
                        stage.emulator().apiRequestCounts(), "asked " + price);
                String page = stage.get(portal).body();
                assertTrue(page.contains("href=\"" + stage.appUrl().resolve("/welcome") + "\""),
                        "the portal returns to the app: " + page);
            }
        }
        assertEquals(1, subscriptionsOf(customer), "one subscription, paid once");
    }

    /**
     * The subscription counts as soon as Stripe has it: a user who paid, whose events are late and who never
     * loaded the return page, is sent to the portal too, because the checkout asks Stripe first.
     */
    @Test
    void aSubscriptionWhoseReportsHaveNotArrivedCountsToo() throws Exception {
        String user = newStageUser("buyer");
        String customer = stage.payWithReportsHeld(user, StripeEvents.PRO_PRICE, CARD).customerId();
        assertTrue(rows.entitlement(user).map(entitlement -> entitlement.plan() == null).orElse(true),
                "nothing reported yet");

        URI portal = stage.startCheckout(user, StripeEvents.PRO_PRICE);

        assertTrue(portal.toString().startsWith(stage.emulator().baseUrl() + "/portal/"), portal.toString());
        assertEquals("pro", rows.requireEntitlement(user).plan(), "the checkout's sync stored what Stripe said");
        assertEquals(1, subscriptionsOf(customer));
        stage.emulator().releaseDeliveries(customer, false);
        stage.awaitDeliveries();
    }

    /** A subscriber whose subscription ended buys again through Checkout, with the customer they had. */
    @Test
    void aFormerSubscriberBuysAgainThroughCheckout() throws Exception {
        String user = newStageUser("buyer");
        URI returnPage = stage.pay(stage.startCheckout(user, StripeEvents.PRO_PRICE), CARD);
        assertEquals(303, stage.loadReturnPage(returnPage, user).statusCode());
        String customer = rows.linkedCustomer(user).orElseThrow();
        Session first = stage.stripe().v1().checkout().sessions().retrieve(WebhookStage.checkoutOf(returnPage));
        assertEquals(user, stage.stripe().v1().subscriptions().retrieve(first.getSubscription()).getMetadata()
                .get("tollgate_user"), "the subscription names the user too");
        stage.stripe().v1().subscriptions().cancel(first.getSubscription());
        stage.awaitDeliveries();

        URI again = stage.startCheckout(user, StripeEvents.PRO_PRICE);

        assertTrue(again.toString().startsWith(stage.emulator().baseUrl() + "/checkout/"), again.toString());
        Session session = checkoutSessionAt(again);
        assertEquals(customer, session.getCustomer());
        assertEquals(false, session.getAllowPromotionCodes(), "promotion codes, tax, tax IDs: off unless configured");
        assertEquals(false, session.getAutomaticTax().getEnabled());
        assertTrue(session.getTaxIdCollection() == null || !session.getTaxIdCollection().getEnabled());
    }

    /**
     * The app's pricing form posted for {@code price} by {@code user} with exactly {@code headers} besides: no
     * {@code Origin} unless given.
     */
    private HttpRequest checkoutPost(String user, String price, Map<String, String> headers) {
        HttpRequest.Builder post = HttpRequest.newBuilder(stage.checkoutUrl()).timeout(Duration.ofSeconds(30))
                .header("Authorization", WebhookStage.basicAuthorization(user))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("price=" + price));
        headers.forEach(post::header);
        return post.build();
    }

    private String appOrigin() {
        return stage.appUrl().getScheme() + "://" + stage.appUrl().getAuthority();
    }


    /** How many subscriptions Stripe holds for {@code customer}, whatever their status. */
    private long subscriptionsOf(String customer) throws Exception {
        return stage.stripe().v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(customer)
                .setStatus(SubscriptionListParams.Status.ALL).build()).getData().size();
    }


    /** The Checkout Session whose hosted page {@code response} sends the browser to. */
    private Session checkoutSessionAt(HttpResponse<String> response) throws Exception {
        return checkoutSessionAt(URI.create(response.headers().firstValue("Location").orElseThrow()));
    }

    private Session checkoutSessionAt(URI page) throws Exception {
        assertTrue(page.toString().startsWith(stage.emulator().baseUrl()), page.toString());
        String id = page.getPath().substring(page.getPath().lastIndexOf('/') + 1);
        return stage.stripe().v1().checkout().sessions().retrieve(id);
    }

    /** Every Stripe customer whose metadata names {@code user}. */
    private List<String> customersNaming(String user) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Customer customer : stage.stripe().v1().customers()
                .list(CustomerListParams.builder().setLimit(100L).build()).autoPagingIterable()) {
            if (customer.getMetadata() != null && user.equals(customer.getMetadata().get("tollgate_user"))) {
                ids.add(customer.getId());
            }
        }
        return ids;
    }
}
