package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.emulator.delivery.FaultPlan;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The drift scan's Checkout listing skipped by a shop with no new Checkout, on the unchanged WAR and the emulator:
 * a scan that finds every Checkout settled (none open, none awaiting payment) lets the next one ask Stripe whether
 * any was opened since (one call, {@code limit=1}) instead of listing two days of them; a Checkout still open at a
 * scan keeps the next one listing, so its payment, every webhook lost, is credited all the same. The overlap is 0
 * here, so that Checkouts opened seconds before a scan count as older than it.
 */
class CheckoutProbeOnH2Scenarios extends StageScenarios {

    private static final String PACK_PRICE = "price_credits_100";
    private static final long PACK_CREDITS = 100;

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
    void aQuietShopPaysOneCallForCheckoutsAndAPackPaidAfterTheScanThatSawItOpenIsStillCredited() throws Exception {
        String latePayer = newStageUser("late");
        URI openPage = stage.startCheckout(latePayer, PACK_PRICE);
        WebhookStage.awaitNextSecond();

        JsonObject sawItOpen = scan();
        assertTrue(isNull(sawItOpen.get("listedUpTo")), "a Checkout open at the scan: not settled " + sawItOpen);

        stage.emulator().webhookFaults(FaultPlan.seeded(5).dropping(1.0));
        URI returnPage;
        try {
            returnPage = stage.pay(openPage, PaidCheckouts.PAYING_CARD);
        } finally {
            stage.emulator().webhookFaults(FaultPlan.NONE);
        }
        String paidLate = WebhookStage.checkoutOf(returnPage);
        assertEquals(List.of(), rows.creditLedger(latePayer), "no webhook, no return page: nothing credited yet");

        stage.emulator().resetApiRequestCounts();
        JsonObject listing = scan();
        assertTrue(stage.emulator().apiRequestCounts().getOrDefault("GET /v1/checkout", 0L) >= 2,
                "the open one seen last time: probe for open ones, then the listing " + listing);
        assertEquals(List.of(new Rows.CreditEntry(paidLate, PACK_CREDITS, "checkout")), rows.creditLedger(latePayer),
                "paid after the scan that saw it open, credited by the next");
        assertEquals(second(listing, "startedAt"), second(listing, "listedUpTo"), "every Checkout settled: " + listing);
        WebhookStage.awaitNextSecond();

        stage.emulator().resetApiRequestCounts();
        JsonObject quiet = scan();
        Map<String, Long> received = stage.emulator().apiRequestCounts();
        assertEquals(1L, received.get("GET /v1/checkout"), "no Checkout opened since: one probe " + received);
        assertEquals(received.values().stream().mapToLong(Long::longValue).sum(),
                quiet.get("stripeCalls").getAsLong(), "the run counts the probe: " + quiet);
        assertEquals(second(quiet, "startedAt"), second(quiet, "listedUpTo"), "still settled: " + quiet);
        assertEquals(0, quiet.get("applied").getAsLong(), quiet.toString());

        String buyer = newStageUser("pack");
        String pack;
        stage.emulator().webhookFaults(FaultPlan.seeded(7).dropping(1.0));
        try {
            pack = stage.buyCredits(buyer, PACK_PRICE, PACK_CREDITS);
        } finally {
            stage.emulator().webhookFaults(FaultPlan.NONE);
        }

        JsonObject next = scan();

        assertEquals(List.of(new Rows.CreditEntry(pack, PACK_CREDITS, "checkout")), rows.creditLedger(buyer),
                "a pack bought after a quiet scan is listed and credited: " + next);
        assertEquals(List.of(new Rows.CreditEntry(paidLate, PACK_CREDITS, "checkout")), rows.creditLedger(latePayer),
                "and nothing twice");
    }

    /** A healing drift scan through the admin API: its run. */
    private JsonObject scan() throws Exception {
        JsonObject run = adminApi().postOk("reconcile/drift-scan", "").getAsJsonObject("run");
        assertEquals("completed", run.get("status").getAsString(), run.toString());
        return run;
    }

    private static long second(JsonObject run, String field) {
        assertTrue(!isNull(run.get(field)), field + " of " + run);
        return Instant.parse(run.get(field).getAsString()).getEpochSecond();
    }

    private static boolean isNull(JsonElement value) {
        return value == null || value.isJsonNull();
    }

    private AdminApi adminApi() {
        if (adminApi == null) {
            adminApi = new AdminApi(stage.webhookUrl().resolve(".."), Duration.ofMinutes(2));
        }
        return adminApi;
    }
}
