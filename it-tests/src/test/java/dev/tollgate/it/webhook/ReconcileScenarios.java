package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.stripe.model.Event;
import com.stripe.param.EventListParams;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import dev.tollgate.emulator.delivery.FaultPlan;
import dev.tollgate.it.webhook.Rows.Entitlement;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation through the unchanged WAR, the emulator and a real database, asked for as an admin would
 * ({@code /admin/api/reconcile}, {@code /admin/api/replay}, BASIC sign-in, the CSRF token of the overview):
 * a catch-up brings in every payment whose webhooks never arrived; a drift scan finds tampered rows, changes
 * nothing in a dry run and heals them otherwise, each fix with its audit row; an unmatched event applies on
 * replay once its account exists, exactly once. The subclasses pick the database.
 */
abstract class ReconcileScenarios extends StageScenarios {

    private static final int DROPPED_CUSTOMERS = 12;
    /** A one-time price of the emulator's default catalog, and the credits Tollgate's Checkout names for it. */
    private static final String PACK_PRICE = "price_credits_100";
    private static final long PACK_CREDITS = 100;
    /** How far before its checkpoint a catch-up lists again (the default of PAYMENTS_RECONCILE_OVERLAP_MINUTES). */
    private static final Duration OVERLAP = Duration.ofMinutes(60);

    /** Stripe's clock on this stage: the system's, unless a scenario sets it back for a while. */
    private final ShiftedClock stripeClock = new ShiftedClock();

    private AdminApi adminApi;

    @Test
    void aCatchUpBringsInEveryPaymentWhoseWebhooksNeverArrived() throws Exception {
        stage.emulator().webhookFaults(FaultPlan.seeded(11).dropping(1.0));
        List<WebhookStage.Subscriber> unseen = new ArrayList<>();
        try {
            for (int i = 0; i < DROPPED_CUSTOMERS; i++) {
                unseen.add(stage.subscribeToPro(newUser("drop")));
            }
        } finally {
            stage.emulator().webhookFaults(FaultPlan.NONE);
        }
        for (WebhookStage.Subscriber subscriber : unseen) {
            assertFalse(rows.entitlement(subscriber.user()).map(Entitlement::grantsAccessNow).orElse(false),
                    "no webhook arrived, so no access yet for " + subscriber.user());
        }

        JsonObject first = post("reconcile/catch-up", "").getAsJsonObject("run");

        assertEquals("completed", first.get("status").getAsString(), first.toString());
        for (WebhookStage.Subscriber subscriber : unseen) {
            Entitlement entitlement = rows.requireEntitlement(subscriber.user());
            assertTrue(entitlement.grantsAccessNow(), "the catch-up granted " + subscriber.user() + ": " + entitlement);
            assertEquals("pro", entitlement.plan());
        }
        assertTrue(first.get("applied").getAsLong() >= DROPPED_CUSTOMERS, "events passed through: " + first);
        // One listing call for these few events, and no fetch: each subscription's own event, applied first, carries
        // the state the checkout's event would otherwise have asked Stripe for.
        long calls = first.get("stripeCalls").getAsLong();
        assertTrue(calls >= 1 && calls <= 2, "Stripe calls: " + first);

        JsonObject second = post("reconcile/catch-up", "").getAsJsonObject("run");
        assertEquals("completed", second.get("status").getAsString(), second.toString());
        assertEquals(0, second.get("applied").getAsLong(), "nothing unseen the second time: " + second);
        assertTrue(second.get("seen").getAsLong() > 0, "the overlap lists the same events again: " + second);
    }

    /**
     * The lost-event check of the chaos runs ({@link AcknowledgedEvents}) can fail, and for the event a catch-up
     * rescues: a subscription's event is answered 2xx, then its row is taken away, as a commit that never reached
     * the disk would be. The catch-up logs the event again ({@code source=reconcile}), which a check of "in the log
     * as processed" would count as kept; the strict check reports it lost (logged after its 2xx), and only it.
     */
    @Test
    void anAcknowledgedEventThatOnlyTheCatchUpBroughtBackIsReportedLost() throws Exception {
        int before = stage.emulator().deliveries().size();
        stage.subscribeToPro(newUser("forgotten"));
        List<DeliveryStatus> all = stage.emulator().deliveries();
        List<DeliveryStatus> deliveries = all.subList(before, all.size());
        AcknowledgedEvents.Verdict kept = AcknowledgedEvents.check(deliveries, rows.webhookEvents());
        assertTrue(kept.acknowledged() > 1 && kept.lost().isEmpty(), "every delivery kept its event: " + kept);
        String forgotten = deliveries.stream()
                .filter(delivery -> delivery.eventType().equals("customer.subscription.created"))
                .map(DeliveryStatus::eventId).findFirst().orElseThrow();

        rows.execute("delete from webhook_event where event_id = '" + forgotten + "'");
        JsonObject catchUp = post("reconcile/catch-up", "").getAsJsonObject("run");

        assertEquals("completed", catchUp.get("status").getAsString(), catchUp.toString());
        Rows.WebhookEvent rescued = rows.webhookEvent(forgotten).orElseThrow();
        assertTrue(rescued.source().equals("reconcile") && List.of("processed", "ignored").contains(rescued.status()),
                "the catch-up logged the event again, as the looser check counted kept: " + rescued);
        AcknowledgedEvents.Verdict verdict = AcknowledgedEvents.check(deliveries, rows.webhookEvents());
        assertEquals(kept.acknowledged(), verdict.acknowledged());
        assertEquals(kept.acknowledged() - 1, verdict.keptByTheDelivery(), verdict.toString());
        assertEquals(1, verdict.lost().size(), verdict.toString());
        assertTrue(verdict.lost().get(0).startsWith(forgotten + " ")
                && verdict.lost().get(0).contains("row written by reconcile at "), verdict.toString());
    }

    @Override
    DemoOptions configure(DemoOptions options) {
        // scheduled runs would race the runs the scenarios ask for (a 409, or a fix made before the one asserted)
        return WebhookStage.reconcilingOnlyWhenAsked(options.withStripeClock(stripeClock)).withSetting("PAYMENTS_PLANS",
                "pro=price_pro_monthly;basic=price_basic_monthly;credits:" + PACK_CREDITS + "=" + PACK_PRICE);
    }

    /**
     * Stripe may list an event later than its {@code created} says, which is why a catch-up lists again from an
     * overlap before its checkpoint; an event that turns up later than that, after newer ones were listed, is never
     * listed by a catch-up. Here a completed catch-up sets the checkpoint; then customers pay, every webhook lost,
     * while the emulator's clock stands the overlap and an hour before it, so their events are that late. The next
     * catch-up does not see them; the drift scan, which asks for the subscriptions themselves, heals them.
     */
    @Test
    void eventsListedLaterThanTheOverlapAreMissedByTheCatchUpAndHealedByTheDriftScan() throws Exception {
        stage.subscribeToPro(newUser("fresh")); // its events are the newest the first catch-up lists
        JsonObject first = post("reconcile/catch-up", "").getAsJsonObject("run");
        assertEquals("completed", first.get("status").getAsString(), first.toString());
        Instant checkpoint = Instant.parse(first.get("listedUpTo").getAsString());

        Duration late = OVERLAP.plusHours(1);
        List<WebhookStage.Subscriber> lateOnes = new ArrayList<>();
        stage.emulator().webhookFaults(FaultPlan.seeded(13).dropping(1.0));
        stripeClock.setBack(late);
        try {
            for (int i = 0; i < 3; i++) {
                lateOnes.add(stage.subscribeToPro(newUser("late")));
            }
        } finally {
            stripeClock.reset();
            stage.emulator().webhookFaults(FaultPlan.NONE);
        }
        List<String> lateEvents = eventsCreatedBefore(checkpoint.minus(OVERLAP));
        assertFalse(lateEvents.isEmpty(), "the late customers' events are older than the checkpoint less the overlap");

        JsonObject second = post("reconcile/catch-up", "").getAsJsonObject("run");

        assertEquals("completed", second.get("status").getAsString(), second.toString());
        for (String event : lateEvents) {
            assertEquals(0, rows.webhookEventRows(event), "the catch-up never listed " + event);
        }
        for (WebhookStage.Subscriber subscriber : lateOnes) {
            assertFalse(rows.entitlement(subscriber.user()).map(Entitlement::grantsAccessNow).orElse(false),
                    "no access yet for " + subscriber.user());
        }

        JsonObject scan = post("reconcile/drift-scan", "");

        Map<String, JsonObject> healed = byUser(scan.getAsJsonArray("drift"));
        for (WebhookStage.Subscriber subscriber : lateOnes) {
            JsonObject fix = healed.get(subscriber.user());
            assertNotNull(fix, subscriber.user() + " found by the drift scan: " + scan);
            assertTrue(fix.get("reason").getAsString().contains("do not grant"), fix.toString());
            assertNotNull(fix.get("healedAt"), fix.toString());
            Entitlement entitlement = rows.requireEntitlement(subscriber.user());
            assertTrue(entitlement.grantsAccessNow(), "healed: " + entitlement);
            assertEquals("pro", entitlement.plan());
        }
    }

    /**
     * A credit pack lives in no subscription: the paid Checkout is Stripe's only record of it. Here a healing scan
     * and a catch-up have run; then a pack is bought, every webhook lost, while the emulator's clock stands the
     * overlap and an hour back, so no catch-up lists its events. A dry run reports it and credits nothing; the next
     * drift scan, which asks Stripe for each one-time purchase recorded as opened and not settled yet, credits it
     * once, with its audit row, and settles it; the scan after asks for it no more and credits nothing.
     */
    @Test
    void aCreditPackNoCatchUpListsIsCreditedOnceByTheDriftScanAndNeverAgain() throws Exception {
        stage.subscribeToPro(newUser("fresh"));
        JsonObject earlier = post("reconcile/drift-scan", "").getAsJsonObject("run");
        assertEquals("completed", earlier.get("status").getAsString(), earlier.toString());
        JsonObject first = post("reconcile/catch-up", "").getAsJsonObject("run");
        Instant checkpoint = Instant.parse(first.get("listedUpTo").getAsString());

        String buyer = newUser("pack");
        String checkout;
        stage.emulator().webhookFaults(FaultPlan.seeded(17).dropping(1.0));
        stripeClock.setBack(OVERLAP.plusHours(1));
        try {
            checkout = stage.buyCredits(buyer, PACK_PRICE, PACK_CREDITS);
        } finally {
            stripeClock.reset();
            stage.emulator().webhookFaults(FaultPlan.NONE);
        }
        assertFalse(eventsCreatedBefore(checkpoint.minus(OVERLAP)).isEmpty(), "the pack's events are that late");
        JsonObject caughtUp = post("reconcile/catch-up", "").getAsJsonObject("run");
        assertEquals("completed", caughtUp.get("status").getAsString(), caughtUp.toString());
        assertEquals(List.of(), rows.creditLedger(buyer), "the catch-up never listed the pack's events");
        assertEquals(0, rows.credits(buyer));

        JsonObject dryRun = post("reconcile/drift-scan", "dryRun=true");
        JsonObject reported = byUser(dryRun.getAsJsonArray("drift")).get(buyer);
        assertNotNull(reported, "the dry run reports the pack: " + dryRun);
        assertTrue(reported.get("healedAt") == null, reported.toString());
        assertEquals(List.of(), rows.creditLedger(buyer), "a dry run credits nothing");

        assertEquals("unsettled", rows.checkoutSettlement(checkout), "a dry run settles nothing");

        stage.emulator().resetApiRequestCounts();
        JsonObject scan = post("reconcile/drift-scan", "");

        JsonObject run = scan.getAsJsonObject("run");
        assertEquals("completed", run.get("status").getAsString(), run.toString());
        assertEquals(1L, stage.emulator().apiRequestCounts().get("GET /v1/checkout"),
                "the one unsettled purchase recorded is asked for by itself, nothing is listed: "
                        + stage.emulator().apiRequestCounts());
        assertEquals("applied", rows.checkoutSettlement(checkout), "settled with its grant");
        JsonObject fix = byUser(scan.getAsJsonArray("drift")).get(buyer);
        assertNotNull(fix, "the pack found by the drift scan: " + scan);
        assertTrue(fix.get("reason").getAsString().contains("credits were never added"), fix.toString());
        assertTrue(fix.get("stripe").getAsString().contains(checkout), fix.toString());
        assertNotNull(fix.get("healedAt"), fix.toString());
        assertEquals(List.of(new Rows.CreditEntry(checkout, PACK_CREDITS, "checkout")), rows.creditLedger(buyer));
        assertEquals(PACK_CREDITS, rows.credits(buyer));
        Entitlement credited = rows.requireEntitlement(buyer);
        assertEquals(credited.version(), fix.get("healedVersion").getAsLong(), "the version the fix wrote: " + fix);
        assertTrue(run.get("healed").getAsLong() >= 1, run.toString());

        JsonObject again = post("reconcile/drift-scan", "");

        assertEquals("completed", again.getAsJsonObject("run").get("status").getAsString());
        assertFalse(byUser(again.getAsJsonArray("drift")).containsKey(buyer), "nothing left for " + buyer);
        assertEquals(List.of(new Rows.CreditEntry(checkout, PACK_CREDITS, "checkout")), rows.creditLedger(buyer));
        assertEquals(credited, rows.requireEntitlement(buyer), "the second scan credits nothing");
    }

    @Test
    void aDriftScanFindsTamperedRowsChangesNothingInADryRunAndHealsThemOtherwise() throws Exception {
        WebhookStage.Subscriber revoked = stage.subscribeToPro(newUser("revoked"));
        WebhookStage.Subscriber wrongPlan = stage.subscribeToPro(newUser("plan"));
        String unpaid = newUser("unpaid");
        String unpaidCustomer = stage.stripe().v1().customers().create(
                com.stripe.param.CustomerCreateParams.builder().setEmail(unpaid + "@example.com").build()).getId();
        rows.insertAccount(unpaid, unpaidCustomer);
        rows.execute("update entitlement set status = 'canceled', access_until = null, plan = null, plans = '',"
                + " version = version + 1 where user_id = '" + revoked.user() + "'");
        rows.execute("update entitlement set plan = 'basic', plans = 'basic', version = version + 1"
                + " where user_id = '" + wrongPlan.user() + "'");
        rows.execute("insert into entitlement (user_id, plan, plans, features, status, access_until, credits, version,"
                + " updated_at) values ('" + unpaid + "', 'pro', 'pro', '', 'active', timestamp with time zone"
                + " '2099-01-01 00:00:00+00', 0, 1, current_timestamp)");
        Map<String, Entitlement> tampered = new HashMap<>();
        for (String user : List.of(revoked.user(), wrongPlan.user(), unpaid)) {
            tampered.put(user, rows.requireEntitlement(user));
        }

        JsonObject dryRun = post("reconcile/drift-scan", "dryRun=true");

        Map<String, JsonObject> found = byUser(dryRun.getAsJsonArray("drift"));
        for (String user : tampered.keySet()) {
            assertTrue(found.containsKey(user), user + " listed by the dry run: " + dryRun);
            assertTrue(found.get(user).get("healedAt") == null, "a dry run heals nothing: " + found.get(user));
            assertEquals(tampered.get(user), rows.requireEntitlement(user), "a dry run changes nothing for " + user);
        }
        assertTrue(found.get(unpaid).get("reason").getAsString().contains("lists no subscription"),
                found.get(unpaid).toString());
        assertTrue(found.get(wrongPlan.user()).get("reason").getAsString().contains("plan"),
                found.get(wrongPlan.user()).toString());
        assertTrue(found.get(revoked.user()).get("reason").getAsString().contains("do not grant"),
                found.get(revoked.user()).toString());
        assertEquals("completed", dryRun.getAsJsonObject("run").get("status").getAsString());

        JsonObject healing = post("reconcile/drift-scan", "");

        Map<String, JsonObject> healed = byUser(healing.getAsJsonArray("drift"));
        for (String user : tampered.keySet()) {
            JsonObject fix = healed.get(user);
            assertNotNull(fix, user + " healed: " + healing);
            assertNotNull(fix.get("healedAt"), "the audit row says when: " + fix);
            assertEquals(rows.requireEntitlement(user).version(), fix.get("healedVersion").getAsLong(),
                    "and which version the fix wrote: " + fix);
        }
        Entitlement payingAgain = rows.requireEntitlement(revoked.user());
        assertTrue(payingAgain.grantsAccessNow(), "a paying user's access is back: " + payingAgain);
        assertEquals("pro", rows.requireEntitlement(wrongPlan.user()).plan());
        assertFalse(rows.requireEntitlement(unpaid).grantsAccessNow(), "a grant without payment is taken back");
        JsonObject run = healing.getAsJsonObject("run");
        assertTrue(run.get("healed").getAsLong() >= 3, run.toString());
        assertTrue(run.get("stripeCalls").getAsLong() <= 5, "one listing call per 100 subscriptions: " + run);

        JsonObject again = post("reconcile/drift-scan", "dryRun=true");
        Map<String, JsonObject> left = byUser(again.getAsJsonArray("drift"));
        for (String user : tampered.keySet()) {
            assertFalse(left.containsKey(user), "nothing left to heal for " + user + ": " + left.get(user));
        }
    }

    @Test
    void anUnmatchedEventAppliesOnReplayOnceItsAccountExistsExactlyOnce() throws Exception {
        String user = newUser("late");
        String customer = "cus_late" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        long created = Instant.now().minus(WebhookStage.UNMATCHED_AFTER).minusSeconds(30).getEpochSecond();
        String eventId = StripeEvents.newEventId();
        String event = StripeEvents.subscriptionUpdated(eventId, created, StripeEvents.subscription(
                "sub_" + customer.substring(4), customer, "active", created, created + 30L * 86_400));
        HttpResponse<String> delivered = stage.deliver(event);
        assertEquals(200, delivered.statusCode(), delivered.body());
        assertEquals("unmatched", rows.webhookEvent(eventId).orElseThrow().status());

        rows.insertAccount(user, customer);
        JsonObject replayed = post("replay", "event=" + eventId);

        assertEquals("processed", replayed.getAsJsonArray("events").get(0).getAsJsonObject().get("status")
                .getAsString(), replayed.toString());
        Entitlement granted = rows.requireEntitlement(user);
        assertTrue(granted.grantsAccessNow(), "the replayed state grants access: " + granted);
        Rows.WebhookEvent logged = rows.webhookEvent(eventId).orElseThrow();
        assertEquals("processed", logged.status());
        assertEquals(2, logged.attempts(), "the delivery and the replay: " + logged);

        JsonObject twice = post("replay", "event=" + eventId);
        assertEquals("processed", twice.getAsJsonArray("events").get(0).getAsJsonObject().get("status")
                .getAsString());
        assertEquals(granted, rows.requireEntitlement(user), "a second replay changes nothing");
        assertEquals(2, rows.webhookEvent(eventId).orElseThrow().attempts());

        JsonObject unknown = post("replay", "event=evt_never_seen");
        assertEquals("unknown", unknown.getAsJsonArray("events").get(0).getAsJsonObject().get("status")
                .getAsString());
    }

    @Test
    void theAdminApiRefusesAPostWithoutTheCsrfTokenAndAnyoneWhoIsNotAnAdmin() throws Exception {
        HttpClient admin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> noToken = admin.send(HttpRequest.newBuilder(api("reconcile/catch-up"))
                .header("Authorization", WebhookStage.basicAuthorization(AdminApi.ADMIN))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, noToken.statusCode(), noToken.body());
        String user = newUser("nosy");
        HttpClient ownSession = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).build(); // not the admin's session cookie
        HttpResponse<String> notAdmin = ownSession.send(HttpRequest.newBuilder(api("reconcile"))
                .header("Authorization", WebhookStage.basicAuthorization(user)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, notAdmin.statusCode());
    }

    private String newUser(String prefix) {
        String user = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        stage.addUser(user);
        return user;
    }

    /** The ids of Stripe's events created before {@code moment}, within Stripe's 30 days. */
    private List<String> eventsCreatedBefore(Instant moment) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Event event : stage.stripe().v1().events().list(EventListParams.builder().setLimit(100L)
                .setCreated(EventListParams.Created.builder().setLt(moment.getEpochSecond()).build()).build())
                .autoPagingIterable()) {
            ids.add(event.getId());
        }
        return ids;
    }

    private static Map<String, JsonObject> byUser(JsonArray drift) {
        Map<String, JsonObject> byUser = new HashMap<>();
        for (JsonElement each : drift) {
            byUser.put(each.getAsJsonObject().get("userId").getAsString(), each.getAsJsonObject());
        }
        return byUser;
    }

    private JsonObject post(String path, String form) throws Exception {
        return adminApi().postOk(path, form);
    }

    /** The admin API in one session for the whole class, as a script keeps its cookie. */
    private AdminApi adminApi() {
        if (adminApi == null) {
            adminApi = new AdminApi(stage.webhookUrl().resolve(".."), Duration.ofMinutes(2));
        }
        return adminApi;
    }

    private URI api(String path) {
        return adminApi().resolve(path);
    }
}
