package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.stripe.StripeClient;
import com.stripe.model.Charge;
import com.stripe.model.Subscription;
import com.stripe.param.ChargeListParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.SubscriptionListParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The scenario suite, on every container of the matrix ({@link CustomerAppStage}), the server's own users signing
 * in through the customer app's FORM login. Checkout → return page → webhook → gate; a plan switched in the portal
 * changes what the gate lets through; a duplicate delivery changes nothing; a
 * full refund revokes access of a user who is signed in; only payments admins pass the admin constraint.
 */
class PaidAccessIT extends CustomerAppStage {

    /** The gate's default staleness bound is 1 s; a revoke committed by the payments WAR shows within it. */
    private static final Duration REVOKE_DEADLINE = Duration.ofSeconds(5);

    @Test
    void payingOpensThePaidPagesInTheSameSignedInSession() throws Exception {
        Shopper alice = Shopper.signedIn(ServerUsers.ALICE, APP);
        assertSentToPricing(alice.get(APP.resolve("pro/")));

        URI checkoutPage = alice.startCheckout(PAYMENTS, PRO_PRICE);
        assertTrue(checkoutPage.toString().startsWith(stripe.baseUrl()), "sent to Stripe: " + checkoutPage);
        URI returnPage = alice.pay(checkoutPage, PAYING_CARD);
        assertTrue(returnPage.getPath().endsWith("/billing/return"), "Checkout returns to the WAR: " + returnPage);
        HttpResponse<String> back = alice.getWithCredentials(returnPage);
        assertEquals(303, back.statusCode(), "the return page confirms the payment: " + back.body());
        awaitDeliveries();

        HttpResponse<String> pro = alice.get(APP.resolve("pro/"));
        assertEquals(200, pro.statusCode(), pro.body());
        assertTrue(pro.body().contains("id=\"pro-content\"") && pro.body().contains("plan pro"), pro.body());
        assertEquals(Optional.of("pro/active"), entitlementOf(ServerUsers.ALICE));
        assertSentToPricing(Shopper.signedIn(ServerUsers.BOB, APP).get(APP.resolve("pro/")));
    }

    /**
     * Checkout → return page → the customer portal's plan switch → the gate, on this container: a switch to basic
     * closes {@code /pro/} for the signed-in user, a switch back opens it, and it stays one subscription.
     */
    @Test
    void aPlanSwitchedInThePortalChangesWhatTheGateLetsThrough() throws Exception {
        Shopper henry = Shopper.signedIn(ServerUsers.HENRY, APP);
        URI returnPage = henry.pay(henry.startCheckout(PAYMENTS, PRO_PRICE), PAYING_CARD);
        assertEquals(303, henry.getWithCredentials(returnPage).statusCode(), "the return page");
        awaitDeliveries();
        assertEquals(200, henry.get(APP.resolve("pro/")).statusCode());
        String subscription = onlySubscriptionOf(customerOf(ServerUsers.HENRY));

        switchInPortal(henry, subscription, BASIC_PRICE);
        assertSentToPricing(awaitGate(henry, 303));
        assertEquals(Optional.of("basic/active"), entitlementOf(ServerUsers.HENRY));

        switchInPortal(henry, subscription, PRO_PRICE);
        assertEquals(200, awaitGate(henry, 200).statusCode());
        assertEquals(Optional.of("pro/active"), entitlementOf(ServerUsers.HENRY));
        assertEquals(subscription, onlySubscriptionOf(customerOf(ServerUsers.HENRY)), "switched, never a second");
    }

    @Test
    void everyEventDeliveredASecondTimeIsAnsweredAndChangesNothing() throws Exception {
        Shopper dave = Shopper.signedIn(ServerUsers.DAVE, APP);
        dave.pay(dave.startCheckout(PAYMENTS, PRO_PRICE), PAYING_CARD);
        awaitDeliveries();
        long versionBefore = entitlementVersionOf(ServerUsers.DAVE);
        List<JsonObject> aboutDave = eventsOfCustomer(customerOf(ServerUsers.DAVE));
        assertTrue(aboutDave.size() >= 3, "checkout, subscription and invoice events: " + aboutDave);

        PaymentsClient payments = new PaymentsClient(PAYMENTS.toURL());
        for (JsonObject event : aboutDave) {
            String id = event.get("id").getAsString();
            HttpResponse<String> again = payments.deliver(SignedEvent.signed(id, event.toString(), WEBHOOK_SECRET));
            assertEquals(200, again.statusCode(), again.body());
            assertEquals("duplicate", PaymentsClient.json(again).get("status").getAsString(),
                    event.get("type").getAsString() + ": " + again.body());
            assertEquals(1, eventRows(id), "one log row for " + id);
        }
        assertEquals(versionBefore, entitlementVersionOf(ServerUsers.DAVE));
        assertEquals(200, dave.get(APP.resolve("pro/")).statusCode());
    }

    @Test
    void aFullRefundRevokesAccessOfAUserWhoIsSignedIn() throws Exception {
        Shopper carol = Shopper.signedIn(ServerUsers.CAROL, APP);
        carol.pay(carol.startCheckout(PAYMENTS, PRO_PRICE), PAYING_CARD);
        awaitDeliveries();
        assertEquals(200, carol.get(APP.resolve("pro/")).statusCode());

        StripeClient api = StripeClient.builder().setApiKey("sk_test_tollgate_it").setApiBase(stripe.baseUrl()).build();
        List<Charge> charges = api.v1().charges()
                .list(ChargeListParams.builder().setCustomer(customerOf(ServerUsers.CAROL)).build()).getData();
        assertEquals(1, charges.size(), "one charge so far: " + charges);
        assertRefundsAndDisputesPagesAnswerTheAdminOnly(charges.get(0).getId());
        api.v1().refunds().create(RefundCreateParams.builder().setCharge(charges.get(0).getId()).build());
        awaitDeliveries();

        Instant deadline = Instant.now().plus(REVOKE_DEADLINE);
        HttpResponse<String> pro = carol.get(APP.resolve("pro/"));
        while (pro.statusCode() == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            pro = carol.get(APP.resolve("pro/"));
        }
        assertSentToPricing(pro);
        assertFalse(entitlementGrantsAccessNow(ServerUsers.CAROL), "the refund revoked the entitlement");
    }

    @Test
    void onlyPaymentsAdminsPassTheAdminConstraint() throws Exception {
        Shopper ops = Shopper.notSignedIn(ServerUsers.OPS);
        // Past the constraint: the console's overview, its JSPs and JSTL rendered by this container, under the CSP.
        HttpResponse<String> console = ops.getWithCredentials(PAYMENTS.resolve("admin/"));
        assertEquals(200, console.statusCode(), "payments-admin passes the /admin constraint: " + console.body());
        assertTrue(console.body().contains("id=\"diagnosis\"") && console.body().contains("<svg class=\"chart\""),
                "the overview with its diagnosis and chart: " + console.body());
        assertFalse(console.body().contains("<c:"), "every JSTL tag was rendered: " + console.body());
        assertTrue(console.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"),
                "the console is under the page CSP");
        Shopper bob = Shopper.signedIn(ServerUsers.BOB, APP);
        assertErrorPage(403, bob.getWithCredentials(PAYMENTS.resolve("admin/")), "bob is not a payments admin");
        // A console form posted without its session's synchronizer token never reaches the console.
        HttpResponse<String> forged = ops.postWithCredentials(PAYMENTS.resolve("admin/customer/resync"), "user=alice");
        assertErrorPage(403, forged, "a POST without the CSRF token");
        assertTrue(forged.body().contains("Form expired"), forged.body());
        HttpResponse<String> styles = ops.get(PAYMENTS.resolve("assets/tollgate.css"));
        assertEquals(200, styles.statusCode(), "the error page's style sheet is served");
        assertTrue(styles.body().contains("system-ui"), styles.body());
    }

    /**
     * A drift scan started from the console runs on this container's background threads (the server's
     * ManagedExecutorService on WildFly and Payara, the WAR's own on Tomcat): 303 to its page, then completed.
     */
    @Test
    void aDriftScanStartedInTheConsoleRunsInTheBackgroundToTheEnd() throws Exception {
        Shopper ops = Shopper.notSignedIn(ServerUsers.OPS);
        HttpResponse<String> overview = ops.getWithCredentials(PAYMENTS.resolve("admin/api/reconcile"));
        assertEquals(200, overview.statusCode(), overview.body());
        String token = com.google.gson.JsonParser.parseString(overview.body()).getAsJsonObject().get("csrfToken")
                .getAsString();

        HttpResponse<String> started = ops.postWithToken(PAYMENTS.resolve("admin/reconcile/run"),
                "job=drift-scan&dryRun=true", token);

        assertEquals(303, started.statusCode(), started.body());
        String location = started.headers().firstValue("Location").orElse("");
        assertTrue(location.matches(".*/admin/reconcile/run\\?id=\\d+"), "to the run's page: " + location);
        String id = location.substring(location.indexOf("id=") + 3);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonObject run;
        do {
            HttpResponse<String> polled = ops.getWithCredentials(PAYMENTS.resolve("admin/api/reconcile/runs/" + id));
            assertEquals(200, polled.statusCode(), polled.body());
            run = com.google.gson.JsonParser.parseString(polled.body()).getAsJsonObject().getAsJsonObject("run");
            assertTrue(Instant.now().isBefore(deadline), "the run ended within 60 s: " + run);
            if ("running".equals(run.get("status").getAsString())) {
                Thread.sleep(100);
            }
        } while ("running".equals(run.get("status").getAsString()));
        assertEquals("completed", run.get("status").getAsString(), run.toString());
        HttpResponse<String> page = ops.getWithCredentials(PAYMENTS.resolve("admin/reconcile/run?id=" + id));
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("id=\"run-ended\""), "the ended run's page: " + page.body());
    }

    /** The console's refunds page of the paying user (her charge listed) and its disputes page, on this container. */
    private static void assertRefundsAndDisputesPagesAnswerTheAdminOnly(String charge) throws Exception {
        Shopper ops = Shopper.notSignedIn(ServerUsers.OPS);
        Shopper bob = Shopper.signedIn(ServerUsers.BOB, APP);
        HttpResponse<String> refunds = ops.getWithCredentials(PAYMENTS.resolve("admin/refunds?user=carol"));
        assertEquals(200, refunds.statusCode(), refunds.body());
        assertTrue(refunds.body().contains("<h1 id=\"page-title\">Refunds for carol</h1>")
                && refunds.body().contains(charge), "the refunds page lists carol's charge: " + refunds.body());
        assertFalse(refunds.body().contains("<c:"), "every JSTL tag was rendered: " + refunds.body());
        HttpResponse<String> disputes = ops.getWithCredentials(PAYMENTS.resolve("admin/disputes"));
        assertEquals(200, disputes.statusCode(), disputes.body());
        assertTrue(disputes.body().contains("<h1 id=\"page-title\">Disputes</h1>"), disputes.body());
        assertErrorPage(403, bob.getWithCredentials(PAYMENTS.resolve("admin/refunds?user=carol")),
                "bob may not see the refunds page");
        assertErrorPage(403, bob.getWithCredentials(PAYMENTS.resolve("admin/disputes")),
                "bob may not see the disputes page");
    }

    /** The WAR's error page, rendered by its JSP under WEB-INF on this container, under the page CSP. */
    private static void assertErrorPage(int status, HttpResponse<String> page, String what) {
        assertEquals(status, page.statusCode(), what);
        assertTrue(page.body().contains("id=\"error-title\"") && page.body().contains("Error " + status)
                && page.body().contains("rel=\"stylesheet\""), what + " shows the error page: " + page.body());
        assertFalse(page.body().contains("Exception") || page.body().contains("<%"), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
                what + " has the pages' Content-Security-Policy: " + page.headers().map());
    }

    /** Opens the user's portal through the WAR (same origin, signed in) and presses "switch to" {@code price}. */
    private static void switchInPortal(Shopper user, String subscription, String price) throws Exception {
        HttpResponse<String> opened = user.postWithCredentials(PAYMENTS.resolve("billing/portal"), "");
        assertEquals(303, opened.statusCode(), "the portal opens: " + opened.body());
        URI portal = URI.create(opened.headers().firstValue("Location").orElseThrow());
        assertTrue(portal.toString().startsWith(stripe.baseUrl()), "Stripe's portal: " + portal);
        HttpResponse<String> switched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(portal + "/subscriptions/" + subscription))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=switch&price=" + price)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, switched.statusCode(), "switch to " + price + " in the portal: " + switched.body());
        awaitDeliveries();
    }

    /** The gate's answer on /pro/ once it is {@code status}, or the last answer after the revoke deadline. */
    private static HttpResponse<String> awaitGate(Shopper user, int status) throws Exception {
        Instant deadline = Instant.now().plus(REVOKE_DEADLINE);
        HttpResponse<String> pro = user.get(APP.resolve("pro/"));
        while (pro.statusCode() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            pro = user.get(APP.resolve("pro/"));
        }
        return pro;
    }

    private static String onlySubscriptionOf(String customer) throws Exception {
        List<Subscription> all = StripeClient.builder().setApiKey("sk_test_tollgate_it").setApiBase(stripe.baseUrl())
                .build().v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(customer)
                        .setStatus(SubscriptionListParams.Status.ALL).build()).getData();
        assertEquals(1, all.size(), "one subscription: " + all);
        return all.get(0).getId();
    }

    private static void assertSentToPricing(HttpResponse<String> response) {
        assertEquals(303, response.statusCode(), response.body());
        assertEquals(Optional.of(APP.resolve("pricing").getPath()),
                response.headers().firstValue("Location").map(location -> URI.create(location).getPath()));
    }

    private static List<JsonObject> eventsOfCustomer(String customer) {
        return stripe.events().stream().filter(event -> {
            JsonObject object = event.getAsJsonObject("data").getAsJsonObject("object");
            return object.has("customer") && !object.get("customer").isJsonNull()
                    && customer.equals(object.get("customer").getAsString());
        }).toList();
    }

    private static Optional<String> entitlementOf(ServerUsers person) throws SQLException {
        return firstRow("select plan, status from entitlement where user_id = ?", person.user(),
                row -> row.getString(1) + "/" + row.getString(2));
    }

    private static boolean entitlementGrantsAccessNow(ServerUsers person) throws SQLException {
        return firstRow("select access_until from entitlement where user_id = ?", person.user(),
                row -> row.getTimestamp(1) != null && row.getTimestamp(1).toInstant().isAfter(Instant.now()))
                .orElse(false);
    }

    private static long entitlementVersionOf(ServerUsers person) throws SQLException {
        return firstRow("select version from entitlement where user_id = ?", person.user(), row -> row.getLong(1))
                .orElseThrow(() -> new AssertionError("no entitlement for " + person.user()));
    }

    private static String customerOf(ServerUsers person) throws SQLException {
        return firstRow("select stripe_customer_id from account where user_id = ?", person.user(),
                row -> row.getString(1))
                .orElseThrow(() -> new AssertionError("no Stripe customer linked to " + person.user()));
    }

    private static long eventRows(String eventId) throws SQLException {
        return firstRow("select count(*) from webhook_event where event_id = ?", eventId, row -> row.getLong(1))
                .orElseThrow();
    }

    /** What {@code read} makes of the first row {@code sql} selects for {@code parameter}, if there is one. */
    private static <T> Optional<T> firstRow(String sql, String parameter, Column<T> read) throws SQLException {
        try (Connection db = ServerDatabase.connect(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.ofNullable(read.from(row)) : Optional.empty();
            }
        }
    }

    @FunctionalInterface
    private interface Column<T> {
        T from(ResultSet row) throws SQLException;
    }
}
