package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tollgate.it.webhook.Rows.Entitlement;
import dev.tollgate.it.webhook.Rows.SubscriptionCopy;
import dev.tollgate.it.webhook.Rows.WebhookEvent;
import dev.tollgate.emulator.http.ApiFaults;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rules 1 and 2 of the architecture over real HTTP: exactly once, order-safe, loud on failure. Every scenario
 * starts from a user who really paid through the emulator, then delivers hand-made, correctly signed events
 * about that user's subscription and reads the rows. The subclasses pick the database.
 */
abstract class WebhookDeliveryScenarios extends StageScenarios {

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnceAndTheSecondDeliveryAnswersDuplicate() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        long asOf = rows.subscription(paid.subscriptionId()).stripeAsOf();
        long versionBefore = rows.requireEntitlement(paid.user()).version();
        String event = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 10,
                pastDue(paid, asOf));

        HttpResponse<String> first = stage.deliver(event);
        HttpResponse<String> second = stage.deliver(event);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals("processed", status(first));
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("duplicate", status(second));
        Entitlement after = rows.requireEntitlement(paid.user());
        assertEquals("past_due", after.status());
        assertEquals(versionBefore + 1, after.version(), "one application moves the version once");
        assertEquals(1, rows.webhookEventRows(eventId(event)));
        assertEquals(1, rows.webhookEvent(eventId(event)).orElseThrow().attempts());
    }

    @Test
    void anOlderStateArrivingAfterANewerOneIsIgnored() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        long asOf = rows.subscription(paid.subscriptionId()).stripeAsOf();
        String newer = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 20, pastDue(paid, asOf));
        String older = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 10,
                state(paid, "canceled", asOf));

        assertEquals(200, stage.deliver(newer).statusCode());
        long versionAfterNewer = rows.requireEntitlement(paid.user()).version();
        HttpResponse<String> late = stage.deliver(older);

        assertEquals(200, late.statusCode(), late.body());
        SubscriptionCopy copy = rows.subscription(paid.subscriptionId());
        assertEquals("past_due", copy.status(), "the older canceled state was not taken");
        assertEquals(asOf + 20, copy.stripeAsOf());
        Entitlement entitlement = rows.requireEntitlement(paid.user());
        assertEquals("past_due", entitlement.status());
        assertEquals(versionAfterNewer, entitlement.version(), "an ignored state changes nothing");
        assertEquals("processed", rows.webhookEvent(eventId(older)).orElseThrow().status());
    }

    @Test
    void twoStatesStampedWithTheSameSecondAreSettledByAskingStripe() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        String tie = tieWithAPastDueState(paid);

        HttpResponse<String> response = stage.deliver(tie);

        assertEquals(1L, subscriptionFetches(), "one retrieve of the subscription: "
                + stage.emulator().apiRequestCounts());
        assertSettledByStripe(paid, response);
    }

    @Test
    void aTieIsSettledWithStripeWhileTheUsersAccountRowStaysFree() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        String tie = tieWithAPastDueState(paid);

        HttpResponse<String> response = deliverWhileStripeHoldsTheRetrieve(paid, tie);

        assertSettledByStripe(paid, response);
    }

    @Test
    void anUnreadablePayloadIsFetchedWhileTheUsersAccountRowStaysFree() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());

        HttpResponse<String> response = deliverWhileStripeHoldsTheRetrieve(paid, canceledAtAnOlderApiVersion(paid));

        assertSettledByStripe(paid, response);
    }

    /**
     * A {@code canceled} state 40 s after the paid one, as a basil-era endpoint renders it: stripe-java will not read
     * the object, so it must not be believed; Stripe (the emulator, still {@code active}) is asked.
     */
    private String canceledAtAnOlderApiVersion(Subscriber paid) throws SQLException {
        long asOf = rows.subscription(paid.subscriptionId()).stripeAsOf();
        return StripeEvents.event(StripeEvents.newEventId(), "customer.subscription.updated", asOf + 40,
                StripeEvents.BASIL_API_VERSION, state(paid, "canceled", asOf));
    }

    private HttpResponse<String> deliverWhileStripeHoldsTheRetrieve(Subscriber paid, String event) throws Exception {
        return HeldStripeAnswer.deliverWhileTheAccountRowIsProbed(stage, database(), paid.user(),
                "/v1/subscriptions/" + paid.subscriptionId(), event);
    }

    @Test
    void aSecondEventWithTheStateAlreadyHeldInItsSecondAsksStripeNothing() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        long asOf = rows.subscription(paid.subscriptionId()).stripeAsOf();
        String applied = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 30, pastDue(paid, asOf));
        // Another event of the same second saying the same (as when one change is reported twice, or the catch-up
        // lists an event whose state a delivery already brought): no tie to settle.
        String again = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 30, pastDue(paid, asOf));
        assertEquals(200, stage.deliver(applied).statusCode());
        long versionBefore = rows.requireEntitlement(paid.user()).version();
        stage.emulator().resetApiRequestCounts();

        HttpResponse<String> response = stage.deliver(again);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("processed", status(response));
        assertEquals(0L, subscriptionFetches(), stage.emulator().apiRequestCounts().toString());
        assertEquals("past_due", rows.subscription(paid.subscriptionId()).status());
        assertEquals(versionBefore, rows.requireEntitlement(paid.user()).version(), "nothing changed");
    }

    @Test
    void aPayloadRenderedAtAnOlderApiVersionIsReplacedByTheSubscriptionFetchedFromStripe() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        String basil = canceledAtAnOlderApiVersion(paid);
        stage.emulator().resetApiRequestCounts();

        HttpResponse<String> response = stage.deliver(basil);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1L, subscriptionFetches(), stage.emulator().apiRequestCounts().toString());
        assertEquals("active", rows.subscription(paid.subscriptionId()).status());
        Entitlement entitlement = rows.requireEntitlement(paid.user());
        assertEquals("active", entitlement.status());
        assertTrue(entitlement.grantsAccessNow());
    }

    @Test
    void anEventForAnUnknownCustomerIsRetriedWhileYoungAndParkedAsUnmatchedWhenOld() throws Exception {
        long now = Instant.now().getEpochSecond();
        JsonObject stranger = StripeEvents.subscription("sub_it_" + suffix(), "cus_it_" + suffix(), "active", now,
                now + 30 * 86_400);
        String young = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), now, stranger);
        String old = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(),
                now - WebhookStage.UNMATCHED_AFTER.toSeconds() - 60, stranger);

        HttpResponse<String> retryLater = stage.deliver(young);
        HttpResponse<String> parked = stage.deliver(old);

        assertEquals(503, retryLater.statusCode(), retryLater.body());
        WebhookEvent youngRow = rows.webhookEvent(eventId(young)).orElseThrow();
        assertEquals("failed", youngRow.status());
        assertEquals(1, youngRow.attempts());
        assertTrue(youngRow.lastError() != null && !youngRow.lastError().isBlank(), youngRow.toString());
        assertEquals(200, parked.statusCode(), parked.body());
        assertEquals("unmatched", status(parked));
        assertEquals("unmatched", rows.webhookEvent(eventId(old)).orElseThrow().status());
        String health = stage.healthDetails();
        assertTrue(health.contains("match no user") || health.contains("matches no user"),
                "unmatched events are an admin's problem: " + health);
    }

    @Test
    void aLiveEventAtATestModeEndpointIsRefusedRecordedAndReportedByHealth() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        long asOf = rows.subscription(paid.subscriptionId()).stripeAsOf();
        long versionBefore = rows.requireEntitlement(paid.user()).version();
        String live = StripeEvents.event(StripeEvents.newEventId(), "customer.subscription.updated", asOf + 10,
                StripeEvents.PINNED_API_VERSION, true, state(paid, "canceled", asOf));

        HttpResponse<String> response = stage.deliver(live);

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("live event sent to a test-mode endpoint"), response.body());
        WebhookEvent row = rows.webhookEvent(eventId(live)).orElseThrow();
        assertEquals("refused", row.status());
        assertTrue(row.lastError().contains("live"), row.toString());
        assertEquals(versionBefore, rows.requireEntitlement(paid.user()).version());
        assertEquals("active", rows.subscription(paid.subscriptionId()).status());
        JsonObject health = JsonParser.parseString(stage.healthDetails()).getAsJsonObject();
        assertTrue(health.get("problems").toString().contains("refused"), health.toString());
    }

    @Test
    void healthTellsAnyoneOnlyUpAndTheMonitoringTokenTheDetails() throws Exception {
        HttpResponse<String> anonymous = stage.health(null);
        HttpResponse<String> wrongToken = stage.health(WebhookStage.MONITORING_TOKEN + "x");
        HttpResponse<String> monitoring = stage.health(WebhookStage.MONITORING_TOKEN);

        assertEquals(200, anonymous.statusCode(), anonymous.body());
        assertEquals("{\"status\":\"UP\"}", anonymous.body());
        assertEquals(200, wrongToken.statusCode(), wrongToken.body());
        assertEquals("{\"status\":\"UP\"}", wrongToken.body());
        assertEquals(200, monitoring.statusCode(), monitoring.body());
        JsonObject details = JsonParser.parseString(monitoring.body()).getAsJsonObject();
        assertEquals("UP", details.get("database").getAsString(), monitoring.body());
        assertEquals("test", details.get("stripeMode").getAsString(), monitoring.body());
        assertTrue(details.has("schemaVersion") && details.has("events"), monitoring.body());
    }

    @Test
    void anEventWhoseObjectStripeAnswers404ForIsRecordedAsFailedAndNotRetried() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        long now = Instant.now().getEpochSecond();
        // rendered at an older API release, so Tollgate asks Stripe for the subscription — which Stripe never had
        String gone = StripeEvents.event(StripeEvents.newEventId(), "customer.subscription.updated", now,
                OLDER_API_VERSION, StripeEvents.subscription("sub_it_gone_" + suffix().substring(0, 12),
                        paid.customerId(), "active", now, now + 86_400));

        HttpResponse<String> response = stage.deliver(gone);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("failed", status(response));
        WebhookEvent row = rows.webhookEvent(eventId(gone)).orElseThrow();
        assertEquals("failed", row.status());
        assertTrue(row.lastError().contains("not retried") && row.lastError().contains("no such"), row.toString());
    }

    @Test
    void anEventMetByAStripeOutageIsAnswered5xxSoStripeRetriesIt() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        long asOf = rows.subscription(paid.subscriptionId()).stripeAsOf();
        String unreadable = StripeEvents.event(StripeEvents.newEventId(), "customer.subscription.updated", asOf + 10,
                OLDER_API_VERSION, state(paid, "active", asOf));
        // more 500s in a row than stripe-java's retries (PAYMENTS_STRIPE_RETRIES, default 2) can ride out
        stage.emulator().apiFaults(ApiFaults.parse("api_errors_next=3"));
        HttpResponse<String> duringOutage;
        try {
            duringOutage = stage.deliver(unreadable);
        } finally {
            stage.emulator().apiFaults(ApiFaults.Settings.NONE);
        }
        HttpResponse<String> retried = stage.deliver(unreadable);

        assertEquals(500, duringOutage.statusCode(), duringOutage.body());
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals("processed", status(retried));
        assertEquals("processed", rows.webhookEvent(eventId(unreadable)).orElseThrow().status());
    }

    @Test
    void duringARotationBothSecretsAreAcceptedAndAThirdIsRefused() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        long asOf = rows.subscription(paid.subscriptionId()).stripeAsOf();
        String byOld = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 10, pastDue(paid, asOf));
        String byNew = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 20,
                state(paid, "active", asOf));
        String byStranger = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 30,
                state(paid, "canceled", asOf));

        HttpResponse<String> old = stage.deliver(byOld, WebhookStage.sign(byOld, WebhookStage.OLD_SECRET));
        HttpResponse<String> fresh = stage.deliver(byNew, WebhookStage.sign(byNew, WebhookStage.NEW_SECRET));
        HttpResponse<String> foreign = stage.deliver(byStranger,
                WebhookStage.sign(byStranger, WebhookStage.FOREIGN_SECRET));

        assertEquals(200, old.statusCode(), old.body());
        assertEquals(200, fresh.statusCode(), fresh.body());
        assertEquals(400, foreign.statusCode(), foreign.body());
        assertEquals("active", rows.subscription(paid.subscriptionId()).status());
        assertEquals(asOf + 20, rows.subscription(paid.subscriptionId()).stripeAsOf());
        assertFalse(rows.webhookEvent(eventId(byStranger)).isPresent(), "a forged event leaves no row");
    }

    @Test
    void fiftyParallelDeliveriesOfOneEventApplyItExactlyOnce() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        long asOf = rows.subscription(paid.subscriptionId()).stripeAsOf();
        long versionBefore = rows.requireEntitlement(paid.user()).version();
        String event = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 10, pastDue(paid, asOf));
        int parallel = 60;
        ExecutorService senders = Executors.newFixedThreadPool(parallel);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(parallel);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int i = 0; i < parallel; i++) {
                // each delivery signed on its own, as Stripe's retries and a second node's copies would be
                String signature = WebhookStage.sign(event, WebhookStage.OLD_SECRET);
                answers.add(senders.submit(() -> {
                    ready.countDown();
                    go.await();
                    return stage.deliver(event, signature);
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "all senders ready");
            go.countDown();
        } finally {
            senders.shutdown();
        }

        long processed = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            if ("processed".equals(status(response))) {
                processed++;
            } else {
                assertEquals("duplicate", status(response), response.body());
            }
        }
        assertEquals(1, processed, "exactly one of " + parallel + " deliveries applied the event");
        assertEquals(versionBefore + 1, rows.requireEntitlement(paid.user()).version());
        assertEquals(1, rows.webhookEventRows(eventId(event)));
        assertEquals("processed", rows.webhookEvent(eventId(event)).orElseThrow().status());
    }

    @Test
    void aDatabaseFailureInTheMiddleOfTheTransactionWritesNothingAndTheRetrySucceeds() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        long asOf = rows.subscription(paid.subscriptionId()).stripeAsOf();
        Entitlement before = rows.requireEntitlement(paid.user());
        String event = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 10, pastDue(paid, asOf));
        HttpResponse<String> failed;
        // The claim insert and the subscription copy succeed; the entitlement write is refused by the database.
        try (AutoCloseable refusing = rows.refuseEntitlementStatus(paid.user(), "past_due")) {
            failed = stage.deliver(event);
        }

        assertEquals(500, failed.statusCode(), failed.body());
        assertFalse(failed.body().contains("Exception") || failed.body().contains("\tat "), failed.body());
        WebhookEvent attempt = rows.webhookEvent(eventId(event)).orElseThrow();
        assertEquals("failed", attempt.status(), "the attempt is recorded, not the claim");
        SubscriptionCopy untouched = rows.subscription(paid.subscriptionId());
        assertEquals("active", untouched.status(), "the subscription copy was rolled back with the claim");
        assertEquals(asOf, untouched.stripeAsOf());
        assertEquals(before, rows.requireEntitlement(paid.user()));

        HttpResponse<String> retried = stage.deliver(event);

        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals("processed", status(retried));
        WebhookEvent done = rows.webhookEvent(eventId(event)).orElseThrow();
        assertEquals("processed", done.status());
        assertEquals(2, done.attempts());
        Entitlement after = rows.requireEntitlement(paid.user());
        assertEquals("past_due", after.status());
        assertEquals(before.version() + 1, after.version());
    }

    @Test
    void everyMalformedDeliveryIsRefusedWith400AShortPlainMessageAndWritesNothing() throws Exception {
        stage.awaitDeliveries(); // the emulator's own deliveries must not land in the middle of the count
        Rows.Footprint before = rows.footprint();
        long now = Instant.now().getEpochSecond();
        String event = StripeEvents.event(StripeEvents.newEventId(), "customer.subscription.updated", now,
                StripeEvents.PINNED_API_VERSION, StripeEvents.subscription("sub_it_" + suffix(), "cus_it_" + suffix(),
                        "active", now, now + 86_400));
        String garbage = "this is not JSON {";
        String thin = MalformedBodies.v2ThinEvent(now);
        String noData = "{\"id\":\"evt_it_nodata\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":"
                + now + ",\"livemode\":false}";
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("garbage body, correctly signed", new String[] {garbage, WebhookStage.sign(garbage, WebhookStage.OLD_SECRET)});
        cases.put("a JSON array, correctly signed", new String[] {"[]", WebhookStage.sign("[]", WebhookStage.OLD_SECRET)});
        cases.put("an event without data.object", new String[] {noData, WebhookStage.sign(noData, WebhookStage.OLD_SECRET)});
        cases.put("a v2 thin-event body, correctly signed", new String[] {thin, WebhookStage.sign(thin, WebhookStage.OLD_SECRET)});
        String comment = event.replaceFirst("\\{", "{/* not Stripe's */");
        String singleQuotes = event.replace("\"livemode\":false", "'livemode':false");
        String twiceTheId = event.replaceFirst("\\{", "{\"id\":\"evt_it_first\",");
        String longId = event.replaceFirst("\"id\":\"evt_[^\"]*\"", "\"id\":\"evt_" + "x".repeat(300) + "\"");
        cases.put("a comment, correctly signed", new String[] {comment, WebhookStage.sign(comment, WebhookStage.OLD_SECRET)});
        cases.put("single quotes, correctly signed", new String[] {singleQuotes,
                WebhookStage.sign(singleQuotes, WebhookStage.OLD_SECRET)});
        cases.put("the id twice, correctly signed", new String[] {twiceTheId,
                WebhookStage.sign(twiceTheId, WebhookStage.OLD_SECRET)});
        cases.put("an event id longer than its column, correctly signed", new String[] {longId,
                WebhookStage.sign(longId, WebhookStage.OLD_SECRET)});
        cases.put("t=abc", new String[] {event, "t=abc,v1=" + "0".repeat(64)});
        cases.put("no t= at all", new String[] {event, "v1=" + "0".repeat(64)});
        cases.put("an empty header", new String[] {event, ""});
        cases.put("no Stripe-Signature header", new String[] {event, null});
        cases.put("a timestamp an hour in the future", new String[] {event,
                WebhookStage.sign(event, WebhookStage.OLD_SECRET, now + 3600)});
        cases.put("a stale timestamp (an hour old)", new String[] {event,
                WebhookStage.sign(event, WebhookStage.OLD_SECRET, now - 3600)});
        cases.put("signed with a secret we never had", new String[] {event,
                WebhookStage.sign(event, WebhookStage.FOREIGN_SECRET)});
        cases.put("the signature of another body", new String[] {event,
                WebhookStage.sign(event.replace("active", "canceled"), WebhookStage.OLD_SECRET)});

        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String[]> delivery : cases.entrySet()) {
            HttpResponse<String> response = stage.deliver(delivery.getValue()[0], delivery.getValue()[1]);
            String problem = MalformedBodies.problemWith(response, 400);
            if (problem != null) {
                wrong.add(delivery.getKey() + ": " + problem);
            }
        }

        assertEquals(List.of(), wrong, "every malformed delivery is a short plain 400");
        assertEquals(before, rows.footprint(), "a refused delivery writes nothing");
    }

    @Test
    void aBodyOverTheCapIsAnswered413WithoutBeingReadToTheEnd() throws Exception {
        stage.awaitDeliveries();
        Rows.Footprint before = rows.footprint();

        MalformedBodies.Answer declared = MalformedBodies.postDeclaringLength(stage.webhookUrl(), 50L << 20, 4096);
        HttpResponse<String> chunked = MalformedBodies.postChunked(stage, WebhookStage.MAX_BODY_BYTES + 16 * 1024);

        assertEquals(413, declared.status(), declared.toString());
        assertTrue(declared.bytesSent() < 1 << 20, "answered after " + declared.bytesSent() + " of 50 MiB");
        assertEquals(null, MalformedBodies.problemWith(chunked, 413));
        assertEquals(before, rows.footprint());
    }

    @Test
    void aGetOfTheWebhookIsAnswered405WithAShortPlainMessageAndAllowPost() throws Exception {
        HttpResponse<String> response = stage.get(stage.webhookUrl());

        assertEquals(null, MalformedBodies.problemWith(response, 405));
        assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
    }

    /** The subscription in {@code status}, same period as the paid one. */
    private static JsonObject state(Subscriber paid, String status, long periodStart) {
        return StripeEvents.subscription(paid.subscriptionId(), paid.customerId(), status, periodStart,
                periodStart + 30L * 86_400);
    }

    private static JsonObject pastDue(Subscriber paid, long periodStart) {
        return state(paid, "past_due", periodStart);
    }

    /**
     * Delivers a {@code past_due} state of the subscriber's subscription 30 s after the paid one, and returns an
     * event of the same second saying {@code canceled}: which came last cannot be told from the payloads, so
     * Stripe is asked (the emulator still says {@code active}). The emulator's request counts start again.
     */
    private String tieWithAPastDueState(Subscriber paid) throws Exception {
        long asOf = rows.subscription(paid.subscriptionId()).stripeAsOf();
        String first = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 30, pastDue(paid, asOf));
        assertEquals(200, stage.deliver(first).statusCode());
        stage.emulator().resetApiRequestCounts();
        return StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 30, state(paid, "canceled", asOf));
    }

    /** The tie was applied, and what Stripe (the emulator) says — {@code active} — is what we hold now. */
    private void assertSettledByStripe(Subscriber paid, HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("processed", status(response));
        assertEquals("active", rows.subscription(paid.subscriptionId()).status());
        assertEquals("active", rows.requireEntitlement(paid.user()).status());
    }

    private long subscriptionFetches() {
        return stage.emulator().apiRequestCounts().getOrDefault("GET /v1/subscriptions", 0L);
    }

    /** A release before the pinned one: Tollgate cannot read the object and asks Stripe for it. */
    private static final String OLDER_API_VERSION = "2025-03-31.basil";

    static String status(HttpResponse<String> response) {
        try {
            return JsonParser.parseString(response.body()).getAsJsonObject().get("status").getAsString();
        } catch (RuntimeException notJson) {
            throw new AssertionError("not a JSON status (HTTP " + response.statusCode() + "): " + response.body());
        }
    }

    static String eventId(String event) {
        return JsonParser.parseString(event).getAsJsonObject().get("id").getAsString();
    }

    private static String newUser() {
        return "user_" + suffix().substring(0, 12);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "");
    }

}
