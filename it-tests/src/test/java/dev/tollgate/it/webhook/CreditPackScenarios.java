package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import dev.tollgate.it.Shopper;
import dev.tollgate.it.webhook.Rows.CreditEntry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A credit pack bought the way a user buys one, through the unchanged WAR and the emulator: the app's pricing form
 * posted to {@code POST /billing/checkout}, the emulator's hosted page paid, Stripe's signed
 * {@code checkout.session.completed} and the return page both reporting it. The pack's credits land once in the
 * ledger (keyed by the Checkout Session) and once on the balance the gate reads, however often and in whatever
 * order the reports come. The sample app's {@code /pro/} area costs {@value #PER_REQUEST} credits a request
 * ({@code credits:10}), so the gate's own answer and its spends are checked too: a pack pays for ten requests,
 * the eleventh is refused, and a request retried with its {@code Idempotency-Key} is charged once. The
 * subclasses pick the database.
 */
abstract class CreditPackScenarios extends StageScenarios {

    /** The emulator's default catalog sells it: 100 credits, once. */
    static final String PACK_PRICE = "price_credits_100";
    static final long PACK_CREDITS = 100;
    static final String CARD = "4242 4242 4242 4242";
    static final String PAID_TYPE = "checkout.session.completed";
    /** What the sample app's {@code /pro/} area costs a request. */
    static final long PER_REQUEST = 10;
    static final String JSON = "application/json";

    @Override
    DemoOptions configure(DemoOptions options) {
        return options
                .withSetting("PAYMENTS_PLANS", "pro=price_pro_monthly;basic=price_basic_monthly;credits:"
                        + PACK_CREDITS + "=" + PACK_PRICE)
                .withSampleAppSetting("PAYMENTS_PROTECT", "/pro/* = credits:" + PER_REQUEST);
    }

    @Test
    void aPackIsCreditedOnceThoughItsEventArrives21TimesItsTwinOnceAndItsReturnPageLoads5Times() throws Exception {
        String buyer = newUser();
        URI returnPage = stage.pay(stage.startCheckout(buyer, PACK_PRICE), CARD);
        String checkout = WebhookStage.checkoutOf(returnPage);
        stage.awaitDeliveries();

        String paidEvent = paidEventOf(checkout);
        assertEquals("processed", rows.webhookEvent(paidEvent).orElseThrow().status());
        assertCreditedOnce(buyer, checkout, 0);
        assertEquals("let in", gateDecisionFor(buyer), "the gate sees the balance and spends from it");
        assertEquals("to pricing", gateDecisionFor(newUser()), "and asks a user without credits to pay");
        long version = rows.requireEntitlement(buyer).version();

        for (int resend = 0; resend < 20; resend++) {
            stage.resendEvent(paidEvent);
        }
        stage.awaitDeliveries();
        List<DeliveryStatus> deliveries = deliveriesOf(paidEvent);
        assertEquals(21, deliveries.size(), "the delivery and its 20 resends");
        for (DeliveryStatus delivery : deliveries) {
            assertEquals(200, delivery.lastStatusCode(), "each answered as done at its first attempt: " + delivery);
            assertEquals(1, delivery.attempts(), delivery.toString());
        }
        for (int load = 0; load < 5; load++) {
            HttpResponse<String> back = stage.loadReturnPage(returnPage, buyer);
            assertEquals(303, back.statusCode(), back.body());
        }
        // Stripe may also record one change as two events: the twin is new to the event log, not to the ledger.
        JsonObject twin = paidEventJson(paidEvent);
        twin.addProperty("id", StripeEvents.newEventId());
        HttpResponse<String> twinAnswer = stage.deliver(twin.toString());
        assertEquals(200, twinAnswer.statusCode(), twinAnswer.body());
        assertEquals("processed", rows.webhookEvent(twin.get("id").getAsString()).orElseThrow().status());

        assertCreditedOnce(buyer, checkout, PER_REQUEST);
        assertEquals(version, rows.requireEntitlement(buyer).version(), "no change for the gate to reload");
        assertEquals(1, rows.webhookEventRows(paidEvent));
        assertEquals("processed", rows.webhookEvent(paidEvent).orElseThrow().status());
    }

    /**
     * The return page does not wait for the webhook: it credits the pack itself. Here Stripe's reports are held back
     * until the browser is back, then they and five loads of the return page (a user pressing reload) all arrive at
     * once: one of them credits, every other finds the ledger entry and adds nothing.
     */
    @Test
    void theReturnPageCreditsAtOnceAndTheWebhookRacingItsReloadsAddsNothing() throws Exception {
        String buyer = newUser();
        URI checkoutPage = stage.startCheckout(buyer, PACK_PRICE);
        String customer = rows.linkedCustomer(buyer).orElseThrow();
        stage.emulator().withholdDeliveries(customer);
        URI returnPage = stage.pay(checkoutPage, CARD);
        String checkout = WebhookStage.checkoutOf(returnPage);

        HttpResponse<String> back = stage.loadReturnPage(returnPage, buyer);
        assertEquals(303, back.statusCode(), back.body());
        assertCreditedOnce(buyer, checkout, 0);
        assertEquals("let in", gateDecisionFor(buyer), "credited before Stripe's report arrived");
        long version = rows.requireEntitlement(buyer).version();

        ExecutorService browser = Executors.newFixedThreadPool(5);
        try {
            List<Future<HttpResponse<String>>> reloads = new ArrayList<>();
            CompletableFuture<List<String>> released = CompletableFuture.supplyAsync(
                    () -> stage.emulator().releaseDeliveries(customer, false));
            for (int load = 0; load < 5; load++) {
                reloads.add(browser.submit(() -> stage.loadReturnPage(returnPage, buyer)));
            }
            for (Future<HttpResponse<String>> reload : reloads) {
                assertEquals(303, reload.get().statusCode(), reload.get().body());
            }
            released.get();
        } finally {
            browser.shutdownNow();
        }
        stage.awaitDeliveries();

        String paidEvent = paidEventOf(checkout);
        assertEquals("processed", rows.webhookEvent(paidEvent).orElseThrow().status(),
                "the late report was applied, and found nothing left to do");
        assertCreditedOnce(buyer, checkout, PER_REQUEST);
        assertEquals(version, rows.requireEntitlement(buyer).version());
    }

    /**
     * The gate spends: 100 credits bought pay for ten requests to a {@code credits:10} path, the eleventh is
     * refused (402 to an API client, pricing to a browser) with nothing taken, and a request repeated with its
     * {@code Idempotency-Key} passes on its first charge — also once the balance is spent.
     */
    @Test
    void aPackPaysForTenRequestsOfTenCreditsAndARetriedKeyIsChargedOnce() throws Exception {
        String buyer = newUser();
        URI returnPage = stage.pay(stage.startCheckout(buyer, PACK_PRICE), CARD);
        String checkout = WebhookStage.checkoutOf(returnPage);
        assertEquals(303, stage.loadReturnPage(returnPage, buyer).statusCode());
        stage.awaitDeliveries();
        assertCreditedOnce(buyer, checkout, 0);

        Shopper browser = Shopper.signedIn(buyer, buyer, stage.appUrl());
        URI pro = stage.appUrl().resolve("/pro/");
        HttpResponse<String> keyed = browser.get(pro, "Accept", JSON, "Idempotency-Key", "report-1");
        assertEquals(200, keyed.statusCode(), keyed.body());
        HttpResponse<String> retried = browser.get(pro, "Accept", JSON, "Idempotency-Key", "report-1");
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals("true", retried.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(PACK_CREDITS - PER_REQUEST, rows.credits(buyer), "the retry was not charged");

        for (int request = 2; request <= 10; request++) {
            HttpResponse<String> page = browser.get(pro, "Accept", JSON);
            assertEquals(200, page.statusCode(), "request " + request + ": " + page.body());
            assertEquals(PACK_CREDITS - request * PER_REQUEST, rows.credits(buyer), "after request " + request);
        }
        assertEquals(0, rows.credits(buyer));
        long versionAtZero = rows.requireEntitlement(buyer).version();

        HttpResponse<String> eleventh = browser.get(pro, "Accept", JSON);
        assertEquals(402, eleventh.statusCode(), eleventh.body());
        assertTrue(eleventh.body().contains("\"requirement\":\"credits:10\""), eleventh.body());
        assertEquals("to pricing", browser.gateDecisionOn(pro), "a browser is sent to pricing");
        HttpResponse<String> retriedAtZero = browser.get(pro, "Accept", JSON, "Idempotency-Key", "report-1");
        assertEquals(200, retriedAtZero.statusCode(), "a charged key stays paid for: " + retriedAtZero.body());

        assertEquals(0, rows.credits(buyer), "never below zero");
        assertEquals(versionAtZero, rows.requireEntitlement(buyer).version(), "refusals and repeats change nothing");
        List<CreditEntry> ledger = rows.creditLedger(buyer);
        assertEquals(11, ledger.size(), "the pack and ten spends: " + ledger);
        assertEquals(10, ledger.stream().filter(entry -> entry.reason().equals("spend")
                && entry.amount() == -PER_REQUEST).count(), ledger.toString());
        assertEquals(0, ledger.stream().mapToLong(CreditEntry::amount).sum(), "the ledger adds up to the balance");
    }

    private String newUser() {
        String user = "pack_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        stage.addUser(user);
        return user;
    }

    /**
     * One grant in the ledger, keyed by the Checkout Session, and the balance the gate reads: the pack's credits
     * less what the gate {@code spent} since.
     */
    private void assertCreditedOnce(String user, String checkout, long spent) throws Exception {
        assertEquals(List.of(new CreditEntry(checkout, PACK_CREDITS, "checkout")), rows.creditLedger(user).stream()
                .filter(entry -> !entry.reason().startsWith("spend")).toList());
        assertEquals(PACK_CREDITS - spent, rows.credits(user));
    }

    /** What the gate does with {@code user}'s request for the sample app's {@code /pro/} area, signed in afresh. */
    private String gateDecisionFor(String user) throws Exception {
        return Shopper.signedIn(user, user, stage.appUrl()).gateDecisionOn(stage.appUrl().resolve("/pro/"));
    }

    /** The emulator's {@code checkout.session.completed} of {@code checkout}: exactly one was recorded. */
    private String paidEventOf(String checkout) {
        List<String> ids = stage.emulator().events().stream()
                .filter(event -> PAID_TYPE.equals(event.get("type").getAsString()))
                .filter(event -> checkout.equals(objectId(event)))
                .map(event -> event.get("id").getAsString()).toList();
        assertEquals(1, ids.size(), "events of " + checkout + ": " + ids);
        return ids.get(0);
    }

    /** The event as the emulator recorded and delivered it. */
    private JsonObject paidEventJson(String eventId) {
        return stage.emulator().events().stream().filter(event -> eventId.equals(event.get("id").getAsString()))
                .findFirst().orElseThrow();
    }

    private static String objectId(JsonObject event) {
        return event.getAsJsonObject("data").getAsJsonObject("object").get("id").getAsString();
    }

    private List<DeliveryStatus> deliveriesOf(String eventId) {
        return stage.emulator().deliveries().stream().filter(delivery -> delivery.eventId().equals(eventId))
                .toList();
    }
}
