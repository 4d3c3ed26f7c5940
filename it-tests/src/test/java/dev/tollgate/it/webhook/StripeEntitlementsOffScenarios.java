package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.stripe.model.entitlements.ActiveEntitlement;
import com.stripe.param.entitlements.ActiveEntitlementListParams;
import dev.tollgate.it.Shopper;
import dev.tollgate.it.webhook.Rows.Entitlement;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code PAYMENTS_STRIPE_ENTITLEMENTS} unset (the default): Stripe's summary events are recorded as ignored, the
 * WAR never lists entitlements, and a user's features are the plan catalog's alone, whatever Stripe lists. The
 * subclasses pick the database.
 */
abstract class StripeEntitlementsOffScenarios extends StripeFeatureScenarios {

    @Override
    boolean stripeEntitlements() {
        return false;
    }

    @Test
    void summaryEventsAreIgnoredAndFeaturesComeFromThePlanCatalogOnly() throws Exception {
        attachFeatureToPro();
        int eventsBefore = stage.emulator().events().size();
        Subscriber alice = stage.subscribeToPro("alice");

        List<JsonObject> summaries = summaryEventsOf(alice.customerId(), eventsBefore);
        assertFalse(summaries.isEmpty(), "Stripe announced alice's entitlements");
        for (JsonObject summary : summaries) {
            assertEquals("ignored", rows.webhookEvent(summary.get("id").getAsString()).orElseThrow().status(),
                    "summary " + summary.get("id"));
        }
        assertEquals(0, entitlementListings(), "the WAR never lists entitlements: "
                + stage.emulator().apiRequestCounts());
        Entitlement pro = rows.requireEntitlement("alice");
        assertEquals("pro", pro.plan());
        assertTrue(pro.grantsAccessNow(), pro.toString());
        assertEquals(PRO_CATALOG_FEATURES, features("alice"), "the catalog's features, none of Stripe's");

        // Stripe does list the feature for alice (this listing is the test's own, after the count above).
        Set<String> listedByStripe = stage.stripe().v1().entitlements().activeEntitlements()
                .list(ActiveEntitlementListParams.builder().setCustomer(alice.customerId()).build()).getData()
                .stream().map(ActiveEntitlement::getLookupKey).collect(Collectors.toSet());
        assertTrue(listedByStripe.contains(FEATURE), "Stripe lists " + listedByStripe);
        assertEquals("to pricing",
                Shopper.signedIn("alice", "alice", stage.appUrl()).gateDecisionOn(stage.appUrl().resolve("/pro/")));
    }
}
