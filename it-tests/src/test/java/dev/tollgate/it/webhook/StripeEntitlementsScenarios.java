package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tollgate.it.Shopper;
import dev.tollgate.it.webhook.Rows.Entitlement;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code PAYMENTS_STRIPE_ENTITLEMENTS=true}: the features Stripe Entitlements lists for a paying customer join the
 * plan catalog's in the entitlement row, the gate's {@code feature:} rule follows them over HTTP, and a summary
 * event only makes the WAR list them again, whatever its payload says. Each scenario uses its own demo users
 * (alice and bob, admin), since a demo user can pay only once per stage. The subclasses pick the database.
 */
abstract class StripeEntitlementsScenarios extends StripeFeatureScenarios {

    @Override
    boolean stripeEntitlements() {
        return true;
    }

    @Test
    void aFeatureOfTheProProductOpensItsRuleForProSubscribersUntilItIsDetached() throws Exception {
        String link = attachFeatureToPro();
        Subscriber alice = stage.subscribeToPro("alice");
        subscribeToBasic("bob");

        assertEquals(union(PRO_CATALOG_FEATURES, FEATURE, "courses", "reports"), features("alice"),
                "the pro plan's own features and those Stripe lists for alice's pro product");
        assertEquals(union(BASIC_CATALOG_FEATURES, "reports"), features("bob"), "basic has no " + FEATURE);
        Shopper aliceBrowser = Shopper.signedIn("alice", "alice", stage.appUrl());
        Shopper bobBrowser = Shopper.signedIn("bob", "bob", stage.appUrl());
        assertEquals("let in", aliceBrowser.gateDecisionOn(stage.appUrl().resolve("/pro/")));
        assertEquals("to pricing", bobBrowser.gateDecisionOn(stage.appUrl().resolve("/pro/")),
                "bob pays, but not for " + FEATURE);

        long listingsBefore = entitlementListings();
        int eventsBefore = stage.emulator().events().size();
        detachFromPro(link);

        List<JsonObject> summaries = summaryEventsOf(alice.customerId(), eventsBefore);
        assertEquals(1, summaries.size(), "Stripe announces alice's changed entitlements once");
        assertEquals("processed", rows.webhookEvent(summaries.get(0).get("id").getAsString()).orElseThrow().status());
        assertTrue(entitlementListings() > listingsBefore, "the summary made the WAR list alice's entitlements");
        assertEquals(union(PRO_CATALOG_FEATURES, "courses", "reports"), features("alice"), FEATURE + " is gone");
        Entitlement stillPro = rows.requireEntitlement("alice");
        assertEquals("pro", stillPro.plan());
        assertTrue(stillPro.grantsAccessNow(), "only the feature went, not the plan: " + stillPro);
        assertEquals("to pricing", aliceBrowser.gateDecisionOn(stage.appUrl().resolve("/pro/")),
                "alice's open session is refused at once, without signing in again");
    }

    @Test
    void aSummaryEventClaimingAFeatureTheCustomerLacksDoesNotGrantIt() throws Exception {
        Subscriber admin = subscribeToBasic("admin");
        List<JsonObject> summaries = summaryEventsOf(admin.customerId(), 0);
        assertFalse(summaries.isEmpty(), "the basic product's reports feature was announced");
        JsonObject genuine = summaries.get(summaries.size() - 1);
        assertEquals(Set.of("reports"), summaryLookupKeys(genuine));
        Set<String> before = features("admin");
        assertEquals(union(BASIC_CATALOG_FEATURES, "reports"), before);
        long versionBefore = rows.requireEntitlement("admin").version();
        long listingsBefore = entitlementListings();

        String forgedId = StripeEvents.newEventId();
        String forged = ForgedSummary.claiming(genuine, forgedId, stage.emulator().now().getEpochSecond(), feature);
        assertEquals(Set.of(FEATURE, "reports"), summaryLookupKeys(JsonParser.parseString(forged).getAsJsonObject()),
                "the forged payload claims " + FEATURE);
        HttpResponse<String> delivered = stage.deliver(forged);

        assertEquals(200, delivered.statusCode(), delivered.body());
        assertEquals("processed", rows.webhookEvent(forgedId).orElseThrow().status());
        assertEquals(listingsBefore + 1, entitlementListings(), "the WAR listed admin's entitlements itself");
        assertEquals(before, features("admin"), "the payload's " + FEATURE + " was not taken");
        assertEquals(versionBefore, rows.requireEntitlement("admin").version(), "nothing changed, no new version");
        assertEquals("to pricing",
                Shopper.signedIn("admin", "admin", stage.appUrl()).gateDecisionOn(stage.appUrl().resolve("/pro/")));
    }

    /**
     * Issue 13: no Stripe call while a row lock is held. A summary makes the WAR list the customer's features; it
     * asks Stripe before it locks the user's account row, so while Stripe answers slowly (the emulator holds the
     * listing past the WAR's time-out, the WAR asks again) the row a credit spend of the user locks first is free.
     */
    @Test
    void aSummaryListsTheFeaturesWithoutHoldingTheUsersAccountRowWhileStripeAnswers() throws Exception {
        String user = newStageUser("listing");
        Subscriber subscriber = subscribeToBasic(user);
        List<JsonObject> summaries = summaryEventsOf(subscriber.customerId(), 0);
        assertFalse(summaries.isEmpty(), "the basic product's reports feature was announced");
        String summaryId = StripeEvents.newEventId();
        String summary = ForgedSummary.claiming(summaries.get(summaries.size() - 1), summaryId,
                stage.emulator().now().getEpochSecond(), feature);

        HttpResponse<String> delivered = HeldStripeAnswer.deliverWhileTheAccountRowIsProbed(stage, database(), user,
                "/v1/entitlements/active_entitlements", summary);

        assertEquals(200, delivered.statusCode(), delivered.body());
        assertEquals("processed", rows.webhookEvent(summaryId).orElseThrow().status());
        assertEquals(union(BASIC_CATALOG_FEATURES, "reports"), features(user), "Stripe's listing, taken after it");
    }
}
