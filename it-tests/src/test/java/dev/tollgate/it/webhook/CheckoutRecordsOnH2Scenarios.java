package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.emulator.delivery.FaultPlan;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The drift scan asks Stripe about the one-time purchases Tollgate recorded as opened and not settled yet, on the
 * unchanged WAR and the emulator, instead of listing every Checkout of a window: a few are retrieved one by one,
 * more are listed once from the oldest; a subscription's Checkout is never asked about; a purchase settles with its
 * grant, or when Stripe expired it, so a quiet shop pays no Checkout call at all. A pack opened before the records began is found by the
 * listing that stops at their start. Every webhook of the payments is dropped, so only the scan can credit them.
 * The overlap is 0 here, so that Checkouts opened seconds before a scan count as older than it.
 */
class CheckoutRecordsOnH2Scenarios extends StageScenarios {

    private static final String PACK_PRICE = "price_credits_100";
    private static final long PACK_CREDITS = 100;
    private static final String CHECKOUT_CALLS = "GET /v1/checkout";

    private AdminApi adminApi;

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }

    @Override
    DemoOptions configure(DemoOptions options) {
        return WebhookStage.reconcilingOnlyWhenAsked(options)
                .withSetting("PAYMENTS_RECONCILE_OVERLAP_MINUTES", "0")
                .withSetting("PAYMENTS_PLANS", "pro=price_pro_monthly;credits:" + PACK_CREDITS + "=" + PACK_PRICE);
    }

    @Test
    void aPackPaidAfterTheScanThatSawItOpenIsCreditedByTheNextAndAQuietShopPaysNoCheckoutCall() throws Exception {
        String latePayer = newStageUser("late");
        URI openPage = stage.startCheckout(latePayer, PACK_PRICE);
        scan();
        assertEquals(List.of(), rows.creditLedger(latePayer));
        String paidLate = checkoutOfPage(latePayer, openPage);

        URI returnPage;
        try (AutoCloseable dropped = droppingEveryWebhook(5)) {
            returnPage = stage.pay(openPage, PaidCheckouts.PAYING_CARD);
        }
        assertEquals(paidLate, WebhookStage.checkoutOf(returnPage));
        assertEquals(List.of(), rows.creditLedger(latePayer), "no webhook, no return page: nothing credited yet");

        stage.emulator().resetApiRequestCounts();
        JsonObject retrieving = scan();
        assertEquals(1L, stage.emulator().apiRequestCounts().get(CHECKOUT_CALLS),
                "the one unsettled purchase retrieved by itself, nothing listed: " + retrieving);
        assertEquals(List.of(new Rows.CreditEntry(paidLate, PACK_CREDITS, "checkout")), rows.creditLedger(latePayer),
                "paid after the scan that saw it open, credited by the next");
        assertEquals("applied", rows.checkoutSettlement(paidLate));

        stage.subscribeToPro(newStageUser("subscriber"));
        stage.emulator().resetApiRequestCounts();
        JsonObject quiet = scan();
        Map<String, Long> received = stage.emulator().apiRequestCounts();
        assertFalse(received.containsKey(CHECKOUT_CALLS), "a subscription's Checkout is not asked about: " + received);
        assertEquals(received.values().stream().mapToLong(Long::longValue).sum(),
                quiet.get("stripeCalls").getAsLong(), "the run counts every call: " + quiet);
        assertEquals(0, quiet.get("applied").getAsLong(), quiet.toString());
        assertEquals(List.of(new Rows.CreditEntry(paidLate, PACK_CREDITS, "checkout")), rows.creditLedger(latePayer),
                "and nothing twice");
    }

    @Test
    void moreThanFiveUnsettledPurchasesAreListedOnceFromTheOldestAndOnlyThePaidOneIsCredited() throws Exception {
        scan(); // whatever other scenarios left unsettled, and the Checkouts from before the records
        List<String> browsers = new ArrayList<>();
        List<URI> pages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String user = newStageUser("browsing");
            browsers.add(user);
            pages.add(stage.startCheckout(user, PACK_PRICE));
        }
        String buyer = browsers.get(3);
        String paid = checkoutOfPage(buyer, pages.get(3));
        try (AutoCloseable dropped = droppingEveryWebhook(9)) {
            stage.pay(pages.get(3), PaidCheckouts.PAYING_CARD);
        }

        stage.emulator().resetApiRequestCounts();
        JsonObject listing = scan();

        assertEquals(1L, stage.emulator().apiRequestCounts().get(CHECKOUT_CALLS),
                "six unsettled: one page of the completed Checkouts since the oldest: " + listing);
        assertEquals(List.of(new Rows.CreditEntry(paid, PACK_CREDITS, "checkout")), rows.creditLedger(buyer));
        assertEquals("applied", rows.checkoutSettlement(paid));
        for (int i = 0; i < browsers.size(); i++) {
            if (i != 3) {
                assertEquals(List.of(), rows.creditLedger(browsers.get(i)), "nothing paid by " + browsers.get(i));
                assertEquals("unsettled", rows.checkoutSettlement(checkoutOfPage(browsers.get(i), pages.get(i))),
                        "still open: it may be paid later");
            }
        }

        List<String> abandoned = new ArrayList<>();
        for (int i = 0; i < browsers.size(); i++) {
            if (i != 3) {
                abandoned.add(checkoutOfPage(browsers.get(i), pages.get(i)));
                stage.stripe().v1().checkout().sessions().expire(abandoned.get(abandoned.size() - 1));
            }
        }
        stage.emulator().resetApiRequestCounts();
        JsonObject retrieving = scan();

        assertEquals(5L, stage.emulator().apiRequestCounts().get(CHECKOUT_CALLS),
                "five unsettled: each retrieved by itself " + retrieving);
        for (String expired : abandoned) {
            assertEquals("expired", rows.checkoutSettlement(expired), "Stripe expired it: asked about no more");
        }
        assertEquals(List.of(new Rows.CreditEntry(paid, PACK_CREDITS, "checkout")), rows.creditLedger(buyer));
    }

    @Test
    void aPackOpenedBeforeTheRecordsBeganIsListedUpToTheirStartAndCreditedOnce() throws Exception {
        // other scenarios' Checkouts left open would keep the ones before the records' start from settling
        for (String open : rows.unsettledCheckouts()) {
            stage.stripe().v1().checkout().sessions().expire(open);
        }
        String buyer = newStageUser("before");
        String pack;
        try (AutoCloseable dropped = droppingEveryWebhook(7)) {
            pack = stage.buyCredits(buyer, PACK_PRICE, PACK_CREDITS);
        }
        // as if the pack had been sold by a version that recorded nothing, and this one had been installed since
        rows.execute("delete from checkout_opened where checkout_id = '" + pack + "'");
        WebhookStage.awaitNextSecond();
        rows.execute("update checkout_recording set since = current_timestamp");
        assertEquals("not recorded", rows.checkoutSettlement(pack));

        stage.emulator().resetApiRequestCounts();
        JsonObject listing = scan();

        assertTrue(stage.emulator().apiRequestCounts().get(CHECKOUT_CALLS) >= 2,
                "still open ones asked for, then the listing up to the records' start: " + listing);
        assertEquals(List.of(new Rows.CreditEntry(pack, PACK_CREDITS, "checkout")), rows.creditLedger(buyer));
        Instant recordedFrom = Instant.parse(listing.get("listedUpTo").getAsString());
        assertFalse(recordedFrom.isBefore(Instant.now().minus(Duration.ofMinutes(1))),
                "every Checkout before the records settled: " + listing);

        stage.emulator().resetApiRequestCounts();
        JsonObject next = scan();

        assertEquals(0L, stage.emulator().apiRequestCounts().getOrDefault(CHECKOUT_CALLS, 0L),
                "found settled by the last scan: not listed again " + next);
        assertEquals(recordedFrom, Instant.parse(next.get("listedUpTo").getAsString()), "the mark carried on");
        assertEquals(List.of(new Rows.CreditEntry(pack, PACK_CREDITS, "checkout")), rows.creditLedger(buyer),
                "credited once");
    }

    /** The Checkout a checkout page is for, as the record of the user's only Checkout names it. */
    private String checkoutOfPage(String user, URI page) throws Exception {
        List<String> ids = rows.openedCheckouts(user);
        assertEquals(1, ids.size(), "one Checkout recorded for " + user + " (" + page + "): " + ids);
        return ids.get(0);
    }

    private AutoCloseable droppingEveryWebhook(long seed) {
        stage.emulator().webhookFaults(FaultPlan.seeded(seed).dropping(1.0));
        return () -> stage.emulator().webhookFaults(FaultPlan.NONE);
    }

    /** A healing drift scan through the admin API: its run. */
    private JsonObject scan() throws Exception {
        JsonObject run = adminApi().postOk("reconcile/drift-scan", "").getAsJsonObject("run");
        assertEquals("completed", run.get("status").getAsString(), run.toString());
        return run;
    }

    private AdminApi adminApi() {
        if (adminApi == null) {
            adminApi = new AdminApi(stage.webhookUrl().resolve(".."), Duration.ofMinutes(2));
        }
        return adminApi;
    }
}
