package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.emulator.http.ApiFaults;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's event page lists every attempt at an event, and a reconcile run an admin starts goes on in the
 * background while its page and its JSON show how far it got: through the unchanged WAR, the emulator and a real
 * database, as an admin (BASIC, the session's CSRF token). The subclasses pick the database.
 */
abstract class AttemptsAndRunsScenarios extends StageScenarios {

    private static final int SCANNED_CUSTOMERS = 12;
    /** The emulator holds the drift scan's listing this long: shorter than the WAR's 5 s per Stripe call. */
    private static final Duration SLOW_LISTING = Duration.ofSeconds(3);
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(60);

    private AdminApi adminApi;

    @Override
    DemoOptions configure(DemoOptions options) {
        return WebhookStage.reconcilingOnlyWhenAsked(options);
    }

    @Test
    void aDeliveryThatFailsThenSucceedsAndItsDuplicateAreThreeAttemptsOnTheEventPage() throws Exception {
        WebhookStage.Subscriber paid = stage.subscribeToPro(newStageUser("attempts"));
        long asOf = rows.subscription(paid.subscriptionId()).stripeAsOf();
        String event = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), asOf + 10,
                StripeEvents.subscription(paid.subscriptionId(), paid.customerId(), "past_due", asOf,
                        asOf + 30L * 86_400));
        String eventId = WebhookDeliveryScenarios.eventId(event);
        HttpResponse<String> failed;
        // the claim and the subscription copy succeed; the entitlement write is refused, so all of it rolls back
        try (AutoCloseable refusing = rows.refuseEntitlementStatus(paid.user(), "past_due")) {
            failed = stage.deliver(event);
        }
        HttpResponse<String> retried = stage.deliver(event);
        HttpResponse<String> duplicate = stage.deliver(event);

        assertEquals(500, failed.statusCode(), failed.body());
        assertEquals("processed", WebhookDeliveryScenarios.status(retried));
        assertEquals("duplicate", WebhookDeliveryScenarios.status(duplicate));
        JsonObject detail = admin().getOk("event?id=" + eventId);
        JsonArray attempts = detail.getAsJsonArray("attempts");
        assertEquals(List.of("1 failed webhook", "2 processed webhook", "3 duplicate webhook"),
                summaries(attempts), detail.toString());
        JsonObject first = attempts.get(0).getAsJsonObject();
        assertFalse(first.get("error").getAsString().isBlank(), "the failure says why: " + first);
        assertFalse(first.get("error").getAsString().contains("\n"), "on one line: " + first);
        assertTrue(attempts.get(1).getAsJsonObject().get("error").getAsString().isEmpty(), attempts.toString());
        assertEachShownInTheOrderTheyCame(attempts, Instant.EPOCH);
        assertEquals(2, detail.getAsJsonObject("event").get("attempts").getAsInt(),
                "the event's own count stays: deliveries applied to it, the duplicate did nothing");
        HttpResponse<String> page = admin().get("../event?id=" + eventId);
        assertEquals(200, page.statusCode());
        assertEquals(4, page.body().split(" outcome\"").length, "three attempt rows on the page: " + page.body());
    }

    @Test
    void aDeliveryOfATypeNotHandledAndItsDuplicateAreTwoAttemptsOnTheEventPage() throws Exception {
        WebhookStage.Subscriber paid = stage.subscribeToPro(newStageUser("ignored"));
        String event = StripeEvents.event(StripeEvents.newEventId(), "charge.succeeded",
                Instant.now().getEpochSecond(), StripeEvents.PINNED_API_VERSION,
                StripeEvents.charge("ch_" + paid.user(), paid.customerId()));
        String eventId = WebhookDeliveryScenarios.eventId(event);
        Instant before = Instant.now().minusSeconds(1);

        assertEquals("ignored", WebhookDeliveryScenarios.status(stage.deliver(event)));
        assertEquals("duplicate", WebhookDeliveryScenarios.status(stage.deliver(event)));

        JsonObject detail = admin().getOk("event?id=" + eventId);
        JsonArray attempts = detail.getAsJsonArray("attempts");
        assertEquals(List.of("1 ignored webhook", "2 duplicate webhook"), summaries(attempts), detail.toString());
        JsonObject first = attempts.get(0).getAsJsonObject();
        assertFalse(first.get("error").getAsString().isBlank(), "the first attempt says why it was ignored: " + first);
        assertEachShownInTheOrderTheyCame(attempts, before);
        assertEquals(Instant.parse(first.get("received").getAsString()),
                Instant.parse(detail.getAsJsonObject("event").get("received").getAsString()),
                "the first attempt is the event's arrival: " + detail);
        HttpResponse<String> page = admin().get("../event?id=" + eventId);
        assertEquals(200, page.statusCode());
        assertEquals(3, page.body().split(" outcome\"").length, "two attempt rows on the page: " + page.body());
    }

    @Test
    void aDriftScanStartedByTheAdminRunsInTheBackgroundShowsItsProgressAndCannotStartTwice() throws Exception {
        for (int i = 0; i < SCANNED_CUSTOMERS; i++) {
            stage.subscribeToPro(newStageUser("scanned"));
        }
        stage.emulator().apiFaults(new ApiFaults.Settings(0, 0, 0, 0, SLOW_LISTING, 0, 1, "/v1/subscriptions"));
        HttpResponse<String> started;
        try {
            started = admin().post("reconcile/drift-scan?dryRun=true&wait=false", "");
            assertEquals(202, started.statusCode(), started.body());
            JsonObject run = JsonParser.parseString(started.body()).getAsJsonObject().getAsJsonObject("run");
            long id = run.get("id").getAsLong();
            assertTrue(started.headers().firstValue("Location").orElse("").endsWith("/admin/api/reconcile/runs/" + id),
                    started.headers().map().toString());
            assertEquals("running", run.get("status").getAsString(), run.toString());

            HttpResponse<String> second = admin().post("reconcile/drift-scan?dryRun=true&wait=false", "");
            assertEquals(409, second.statusCode(), "no second run while one runs: " + second.body());
            HttpResponse<String> fromConsole = admin().post("../reconcile/run", "job=drift-scan&dryRun=true");
            assertEquals(303, fromConsole.statusCode(), fromConsole.body());
            assertTrue(fromConsole.headers().firstValue("Location").orElse("").endsWith("/admin/reconcile"),
                    "the console goes back to the list with its message, to no new run: " + fromConsole.headers().map());
            HttpResponse<String> runningPage = admin().get("../reconcile/run?id=" + id);
            assertTrue(runningPage.body().contains("http-equiv=\"refresh\""),
                    "a running run's page reloads itself: " + runningPage.body());

            List<Long> seen = new ArrayList<>();
            JsonObject latest = run;
            Instant deadline = Instant.now().plus(RUN_DEADLINE);
            while ("running".equals(latest.get("status").getAsString())) {
                assertTrue(Instant.now().isBefore(deadline), "the run ended within " + RUN_DEADLINE + ": " + latest);
                Thread.sleep(100);
                latest = admin().getOk("reconcile/runs/" + id).getAsJsonObject("run");
                seen.add(latest.get("seen").getAsLong());
            }
            assertEquals("completed", latest.get("status").getAsString(), latest.toString());
            assertTrue(latest.get("seen").getAsLong() >= SCANNED_CUSTOMERS, "every customer compared: " + latest);
            assertTrue(latest.get("stripeCalls").getAsLong() >= 1, latest.toString());
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i) >= seen.get(i - 1), "progress never goes back: " + seen);
            }
            assertTrue(seen.size() > 1, "the run was seen running before it ended: " + seen);
            HttpResponse<String> endedPage = admin().get("../reconcile/run?id=" + id);
            assertFalse(endedPage.body().contains("http-equiv=\"refresh\""), "an ended run's page stays put");
            assertTrue(endedPage.body().contains("completed"), endedPage.body());
        } finally {
            stage.emulator().apiFaults(ApiFaults.Settings.NONE);
        }
        assertEquals(200, admin().post("reconcile/drift-scan?dryRun=true", "").statusCode(),
                "once it ended, the next run starts, and the script's POST answers when it ends");
    }

    private AdminApi admin() {
        if (adminApi == null) {
            adminApi = new AdminApi(stage.webhookUrl().resolve(".."), RUN_DEADLINE);
        }
        return adminApi;
    }

    /** Each attempt received no earlier than {@code after} and than the one before it, with its time, node, zone. */
    private static void assertEachShownInTheOrderTheyCame(JsonArray attempts, Instant after) {
        Instant previous = after;
        for (JsonElement attempt : attempts) {
            JsonObject one = attempt.getAsJsonObject();
            Instant at = Instant.parse(one.get("received").getAsString());
            assertFalse(at.isBefore(previous), "attempts in the order they came, after " + after + ": " + attempts);
            previous = at;
            assertTrue(one.get("durationMs").getAsLong() >= 0, one.toString());
            assertFalse(one.get("node").getAsString().isBlank(), one.toString());
            assertFalse(one.get("receivedText").getAsString().isBlank(), "shown in the admin's zone: " + one);
        }
    }

    private static List<String> summaries(JsonArray attempts) {
        List<String> lines = new ArrayList<>();
        for (JsonElement attempt : attempts) {
            JsonObject one = attempt.getAsJsonObject();
            lines.add(one.get("number").getAsInt() + " " + one.get("outcome").getAsString() + " "
                    + one.get("source").getAsString());
        }
        return lines;
    }
}
