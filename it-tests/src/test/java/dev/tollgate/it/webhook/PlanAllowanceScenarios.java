package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.testhelpers.TestClock;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.it.Shopper;
import dev.tollgate.it.webhook.Rows.CreditEntry;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A plan's credits per billing period, through the unchanged WAR, the emulator's test clock and the sample app's
 * gate: pro includes {@value #ALLOWANCE} credits a period ({@code allowance:pro=50/period}), the sample app's
 * {@code /pro/} area costs {@value #PER_REQUEST} a request. A renewal grants the new period's allowance once and
 * expires what was left of the last one, bought credits stay, duplicates of every event change nothing, an admin's
 * grant counts once per form, and the console's breakdown by source adds up to the balance the gate reads. The subclasses pick the database.
 */
abstract class PlanAllowanceScenarios extends StageScenarios {

    static final long ALLOWANCE = 50;
    static final long PER_REQUEST = 10;
    static final String PACK_PRICE = "price_credits_100";
    static final long PACK_CREDITS = 100;

    @Override
    DemoOptions configure(DemoOptions options) {
        return options
                .withSetting("PAYMENTS_PLANS", "pro=price_pro_monthly;basic=price_basic_monthly;allowance:pro="
                        + ALLOWANCE + "/period;credits:" + PACK_CREDITS + "=" + PACK_PRICE)
                .withSampleAppSetting("PAYMENTS_PROTECT", "/pro/* = credits:" + PER_REQUEST);
    }

    @Test
    void aRenewalGrantsTheNewAllowanceOnceExpiresTheRestAndKeepsBoughtCredits() throws Exception {
        String user = newStageUser("allow");
        TestClock clock = stage.newTestClock();
        Subscriber pro = stage.subscribeToPro(user, PaidCheckouts.PAYING_CARD, clock.getId());
        long firstPeriod = periodStart(pro);
        String firstGrant = "allowance:" + pro.subscriptionId() + ":" + firstPeriod;
        assertEquals(List.of(new CreditEntry(firstGrant, ALLOWANCE, "allowance")), rows.creditLedger(user));
        assertEquals(ALLOWANCE, rows.credits(user));

        URI returnPage = stage.pay(stage.startCheckout(user, PACK_PRICE), PaidCheckouts.PAYING_CARD);
        assertEquals(303, stage.loadReturnPage(returnPage, user).statusCode());
        stage.awaitDeliveries();
        assertEquals(ALLOWANCE + PACK_CREDITS, rows.credits(user), "the pack adds to the allowance");

        spend(user, 3);
        long left = ALLOWANCE - 3 * PER_REQUEST;
        assertSources(user, left, PACK_CREDITS, 0);

        stage.advanceTestClock(clock, Duration.ofDays(32));
        long secondPeriod = periodStart(pro);
        assertTrue(secondPeriod > firstPeriod, "the subscription renewed: " + firstPeriod + " → " + secondPeriod);
        String secondGrant = "allowance:" + pro.subscriptionId() + ":" + secondPeriod;
        List<CreditEntry> expected = List.of(
                new CreditEntry(firstGrant, ALLOWANCE, "allowance"),
                new CreditEntry("allowance-expiry:" + pro.subscriptionId() + ":" + firstPeriod, -left,
                        "allowance_expired"),
                new CreditEntry(secondGrant, ALLOWANCE, "allowance"));
        assertEquals(expected, allowanceRows(user));
        assertEquals(PACK_CREDITS + ALLOWANCE, rows.credits(user), "the pack kept, the new period's allowance");
        long version = rows.requireEntitlement(user).version();

        List<String> events = eventsOf(pro);
        for (String event : events) {
            stage.resendEvent(event);
            stage.resendEvent(event);
        }
        stage.awaitDeliveries();
        assertEquals(expected, allowanceRows(user), "duplicates of " + events.size() + " events grant nothing");
        assertEquals(PACK_CREDITS + ALLOWANCE, rows.credits(user));
        assertEquals(version, rows.requireEntitlement(user).version(), "nothing for the gate to reload");
        assertSources(user, ALLOWANCE, PACK_CREDITS, 0);

        stage.stripe().v1().subscriptions().cancel(pro.subscriptionId());
        stage.awaitDeliveries();
        assertEquals(new CreditEntry("allowance-expiry:" + pro.subscriptionId() + ":" + secondPeriod, -ALLOWANCE,
                "allowance_expired"), allowanceRows(user).get(3), "the ended subscription's allowance expired");
        assertEquals(PACK_CREDITS, rows.credits(user), "what was bought stays");
        assertSources(user, 0, PACK_CREDITS, 0);
    }

    @Test
    void anAdminsGrantIsAddedOncePerFormAndCountedAsAGrant() throws Exception {
        String user = newStageUser("grant");
        stage.subscribeToPro(user);
        AdminApi admin = admin();
        String form = "user=" + user + "&credits=25&idempotencyKey=tollgate-grant-" + UUID.randomUUID();
        for (int post = 0; post < 3; post++) {
            HttpResponse<String> granted = admin.post("../customer/credits", form);
            assertTrue(granted.statusCode() / 100 == 3 && granted.headers().firstValue("Location").orElse("")
                    .endsWith("/admin/customer?user=" + user), "back to the customer's page, post " + post + ": "
                    + granted.statusCode() + " " + granted.headers().map());
        }
        assertEquals(ALLOWANCE + 25, rows.credits(user), "one grant however often the form is sent");
        assertSources(user, ALLOWANCE, 0, 25);
        long version = rows.requireEntitlement(user).version();

        for (String bad : List.of("user=" + user + "&credits=0&idempotencyKey=tollgate-grant-" + UUID.randomUUID(),
                "user=" + user + "&credits=1000001&idempotencyKey=tollgate-grant-" + UUID.randomUUID(),
                "user=" + user + "&credits=-5&idempotencyKey=tollgate-grant-" + UUID.randomUUID(),
                "user=" + user + "&credits=5&idempotencyKey=mine",
                "user=" + user + "&credits=5")) {
            HttpResponse<String> refused = admin.post("../customer/credits", bad);
            assertEquals(400, refused.statusCode(), bad + ": " + refused.body());
            assertTrue(refused.body().contains("Nothing was granted"), refused.body());
        }
        HttpResponse<String> nobody = admin.post("../customer/credits",
                "user=nobody_" + user + "&credits=5&idempotencyKey=tollgate-grant-" + UUID.randomUUID());
        assertEquals(404, nobody.statusCode(), nobody.body());
        assertEquals(ALLOWANCE + 25, rows.credits(user), "refusals grant nothing");
        assertEquals(version, rows.requireEntitlement(user).version());
    }

    /** {@code requests} requests to the sample app's metered area, each let in and charged. */
    private void spend(String user, int requests) throws Exception {
        Shopper browser = Shopper.signedIn(user, user, stage.appUrl());
        long before = rows.credits(user);
        for (int request = 1; request <= requests; request++) {
            HttpResponse<String> page = browser.get(stage.appUrl().resolve("/pro/"), "Accept", "application/json");
            assertEquals(200, page.statusCode(), "request " + request + ": " + page.body());
        }
        assertEquals(before - requests * PER_REQUEST, rows.credits(user));
    }

    /** The console's JSON says where the balance came from, and the sources add up to the balance. */
    private void assertSources(String user, long planAllowance, long packs, long grants) throws Exception {
        JsonObject sources = admin().getOk("customer?user=" + user).getAsJsonObject("creditSources");
        assertEquals(planAllowance, sources.get("planAllowance").getAsLong(), sources.toString());
        assertEquals(packs, sources.get("packs").getAsLong(), sources.toString());
        assertEquals(grants, sources.get("grants").getAsLong(), sources.toString());
        assertEquals(rows.credits(user), sources.get("total").getAsLong(), "adds up to the balance: " + sources);
    }

    private AdminApi admin() {
        return new AdminApi(stage.webhookUrl().resolve(".."), Duration.ofSeconds(30));
    }

    private List<CreditEntry> allowanceRows(String user) throws Exception {
        return rows.creditLedger(user).stream().filter(entry -> entry.reason().startsWith("allowance")).toList();
    }

    private long periodStart(Subscriber subscriber) throws Exception {
        return stage.stripe().v1().subscriptions().retrieve(subscriber.subscriptionId()).getItems().getData()
                .stream().map(SubscriptionItem::getCurrentPeriodStart).max(Long::compare).orElseThrow();
    }

    /** Every event the emulator recorded about the subscriber's customer or its objects. */
    private List<String> eventsOf(Subscriber subscriber) {
        return stage.emulator().events().stream()
                .filter(event -> event.toString().contains("\"" + subscriber.customerId() + "\""))
                .map(event -> event.get("id").getAsString()).toList();
    }
}
