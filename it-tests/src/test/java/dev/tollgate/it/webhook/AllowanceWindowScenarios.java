package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.testhelpers.TestClock;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.it.Shopper;
import dev.tollgate.it.webhook.Rows.UnitEntry;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plan's allowance on its own window inside a yearly subscription, through the unchanged WAR, the emulator's test
 * clock and the sample app's gate: pro, sold yearly, includes {@value #CREDITS} credits and {@value #REPORTS}
 * {@code reports} every month ({@code allowance:pro=50/month; allowance:pro:reports=3/month}); {@code /pro/} costs one
 * report a request ({@code spend:reports:1}). The subscription's clock starts a month before now plus
 * {@link #LEAD}, so its second monthly window starts {@link #LEAD} from now in real time, where Stripe sends nothing:
 * the WAR's window schedule grants it once, within its bound, and expires what the first month left, per unit.
 * The subclasses pick the database.
 */
abstract class AllowanceWindowScenarios extends StageScenarios {

    static final long CREDITS = 50;
    static final long REPORTS = 3;
    private static final String YEARLY = "price_pro_annual";
    private static final String CARD = "4242 4242 4242 4242";
    /**
     * Real time from the subscription to its second window: enough to check out and spend on a loaded machine (the
     * time left is printed; the test refuses to go on with less than 2 s).
     */
    private static final Duration LEAD = Duration.ofSeconds(12);
    /** The README's bound: the schedule looks every second; a loaded machine may add a few. */
    private static final Duration GRANT_BOUND = Duration.ofSeconds(5);

    @Override
    DemoOptions configure(DemoOptions options) {
        return options
                .withSetting("PAYMENTS_PLANS", "pro=" + YEARLY + ";allowance:pro=" + CREDITS + "/month;"
                        + "allowance:pro:reports=" + REPORTS + "/month")
                .withSampleAppSetting("PAYMENTS_PROTECT", "/pro/* = spend:reports:1");
    }

    @Test
    void aMonthInsideAYearlyPeriodGrantsItsAllowanceOnTheClockWithoutAnEvent() throws Exception {
        String user = newStageUser("window");
        Instant secondWindow = Instant.now().plus(LEAD);
        TestClock clock = stage.testClockAMonthBefore(secondWindow, user + " a month ago");
        Subscriber pro = stage.subscribe(user, YEARLY, CARD, clock.getId());
        stage.awaitDeliveries();
        Instant periodStart = periodStart(pro);
        assertEquals(secondWindow.getEpochSecond(), periodStart.atZone(ZoneOffset.UTC).plusMonths(1).toEpochSecond(),
                "the second month starts in real time");
        String first = pro.subscriptionId() + ":" + periodStart.getEpochSecond();
        assertEquals(List.of("credits allowance:" + first + " 50 allowance",
                "reports allowance:" + pro.subscriptionId() + ":reports:" + periodStart.getEpochSecond() + " 3 allowance"),
                lines(user), "the first month's allowances, each in its unit");
        assertEquals(CREDITS, rows.credits(user));

        Shopper browser = Shopper.signedIn(user, user, stage.appUrl());
        for (int request = 1; request <= REPORTS; request++) {
            assertEquals("let in", proArea(browser), "report " + request + " of the month");
        }
        assertEquals("to pricing", proArea(browser), "the month's reports are spent");
        assertEquals(CREDITS, rows.credits(user), "reports are their own balance: the credits are untouched");
        System.out.println("AllowanceWindow: " + Duration.between(Instant.now(), secondWindow).toMillis()
                + " ms of the " + LEAD.toSeconds() + " s lead left after checkout and spends");
        assertTrue(Instant.now().isBefore(secondWindow.minusSeconds(2)),
                "the steps took too long to watch the second month start at " + secondWindow);
        int eventsBefore = eventsOf(pro).size();

        List<UnitEntry> granted = awaitSecondMonth(user, secondWindow);

        String second = pro.subscriptionId() + ":" + secondWindow.getEpochSecond();
        assertEquals(List.of("credits allowance:" + first + " 50 allowance",
                "reports allowance:" + pro.subscriptionId() + ":reports:" + periodStart.getEpochSecond() + " 3 allowance",
                "reports spend", "reports spend", "reports spend",
                "credits allowance-expiry:" + first + " -50 allowance_expired",
                "credits allowance:" + second + " 50 allowance",
                "reports allowance-expiry:" + pro.subscriptionId() + ":reports:" + periodStart.getEpochSecond()
                        + " 0 allowance_expired",
                "reports allowance:" + pro.subscriptionId() + ":reports:" + secondWindow.getEpochSecond()
                        + " 3 allowance"), lines(user));
        Instant windowStart = Instant.ofEpochSecond(secondWindow.getEpochSecond()); // the clock's whole second
        for (UnitEntry grant : granted) {
            Duration late = Duration.between(windowStart, grant.createdAt().toInstant());
            assertFalse(late.isNegative(), "never before the window starts: " + grant);
            assertTrue(late.compareTo(GRANT_BOUND) < 0, "granted " + late.toMillis() + " ms after the start: " + grant);
        }
        assertEquals(eventsBefore, eventsOf(pro).size(), "no event from Stripe brought it");
        assertEquals(CREDITS, rows.credits(user), "the unused 50 expired, the new 50 granted");
        assertEquals("let in", proArea(browser), "the new month's reports");

        stage.resendEvent(eventsOf(pro).get(0));
        stage.awaitDeliveries();
        Instant thirdWindow = periodStart.atZone(ZoneOffset.UTC).plusMonths(2).toInstant();
        assertEquals(thirdWindow, rows.nextAllowanceWindow(pro.subscriptionId()).orElseThrow().toInstant(),
                "the schedule moved on to the third month: no look finds the second due again");
        assertEquals(10, lines(user).size(), "one more report spent, nothing granted twice: " + lines(user));
        JsonObject reports = new AdminApi(stage.webhookUrl().resolve(".."), Duration.ofSeconds(30))
                .getOk("customer?user=" + user).getAsJsonObject("unitSources").getAsJsonObject("reports");
        assertEquals(REPORTS - 1, reports.get("planAllowance").getAsLong(), reports.toString());
        assertEquals(REPORTS - 1, reports.get("total").getAsLong(), reports.toString());
    }

    /** Waits for the second month's grant rows (both units), at most the bound after the window's start. */
    private List<UnitEntry> awaitSecondMonth(String user, Instant secondWindow) throws Exception {
        Instant deadline = secondWindow.plus(GRANT_BOUND).plusSeconds(5);
        String suffix = ":" + secondWindow.getEpochSecond();
        while (true) {
            List<UnitEntry> grants = rows.unitLedger(user).stream()
                    .filter(entry -> entry.reason().equals("allowance") && entry.sourceKey().endsWith(suffix)).toList();
            if (grants.size() == 2 || Instant.now().isAfter(deadline)) {
                assertEquals(2, grants.size(), "the second month's credits and reports: " + rows.unitLedger(user));
                return grants;
            }
            Thread.sleep(100); // each loop observes the ledger
        }
    }

    /** The ledger as "unit key amount reason" lines; spends as "unit spend". */
    private List<String> lines(String user) throws Exception {
        return rows.unitLedger(user).stream().map(entry -> entry.reason().equals("spend")
                ? entry.unit() + " spend"
                : entry.unit() + " " + entry.sourceKey() + " " + entry.amount() + " " + entry.reason()).toList();
    }

    private Instant periodStart(Subscriber subscriber) throws Exception {
        return Instant.ofEpochSecond(stage.stripe().v1().subscriptions().retrieve(subscriber.subscriptionId())
                .getItems().getData().stream().map(SubscriptionItem::getCurrentPeriodStart).max(Long::compare)
                .orElseThrow());
    }

    private List<String> eventsOf(Subscriber subscriber) {
        return stage.emulator().events().stream()
                .filter(event -> event.toString().contains("\"" + subscriber.customerId() + "\""))
                .map(event -> event.get("id").getAsString()).toList();
    }
}
