package dev.tollgate.it.webhook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.stripe.model.entitlements.Feature;
import com.stripe.param.ProductFeatureCreateParams;
import com.stripe.param.entitlements.FeatureCreateParams;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;

/**
 * The stage for Stripe Entitlements: the sample app's {@code /pro/} area asks for the feature {@value #FEATURE}
 * ({@code feature:} rule) instead of the pro plan, and the WAR's plan catalog gives plans features of its own
 * (pro ⊇ basic). {@value #FEATURE} exists only in Stripe: an Entitlements feature the scenarios attach to the pro
 * product. The subclasses say whether the WAR merges Stripe's features ({@code PAYMENTS_STRIPE_ENTITLEMENTS}).
 */
abstract class StripeFeatureScenarios extends StageScenarios {

    /** The Stripe Entitlements feature the sample app's paid area asks for; no plan of the catalog has it. */
    static final String FEATURE = "analytics";
    /** The emulator's default catalog: its pro product already carries the features courses and reports. */
    static final String PRO_PRODUCT = "prod_pro";
    static final String BASIC_PRICE = "price_basic_monthly";
    static final String CARD = "4242 4242 4242 4242";
    /** The plans' own features: basic has downloads, pro has exports and (by including basic) downloads. */
    static final Set<String> BASIC_CATALOG_FEATURES = Set.of("downloads");
    static final Set<String> PRO_CATALOG_FEATURES = Set.of("downloads", "exports");
    /** The emulator counts API requests per resource: listing active entitlements counts here. */
    static final String ENTITLEMENT_LISTING = "GET /v1/entitlements";
    static final String SUMMARY_EVENT = "entitlements.active_entitlement_summary.updated";

    private static final String CATALOG = """
            plan.basic.prices=price_basic_monthly
            plan.basic.features=downloads
            plan.pro.prices=price_pro_monthly
            plan.pro.features=exports
            plan.pro.includes=basic
            """;

    /** The feature as Stripe knows it, created once per stage. */
    protected Feature feature;

    /** Whether the WAR is given {@code PAYMENTS_STRIPE_ENTITLEMENTS=true} (false: the setting is left unset). */
    abstract boolean stripeEntitlements();

    @Override
    DemoOptions configure(DemoOptions options) {
        DemoOptions configured = options
                .withSetting("PAYMENTS_PLANS", WebhookStage.writePlanFile(CATALOG).toAbsolutePath().toString())
                .withSampleAppSetting("PAYMENTS_PROTECT", "/pro/* = feature:" + FEATURE);
        return stripeEntitlements() ? configured.withSetting("PAYMENTS_STRIPE_ENTITLEMENTS", "true") : configured;
    }

    @BeforeAll
    void createFeature() throws Exception {
        feature = stage.stripe().v1().entitlements().features().create(FeatureCreateParams.builder()
                .setName("Analytics").setLookupKey(FEATURE).build());
    }

    /** Attaches {@value #FEATURE} to the pro product; the emulator re-settles every subscriber's entitlements. */
    String attachFeatureToPro() throws Exception {
        String link = stage.stripe().v1().products().features().create(PRO_PRODUCT,
                ProductFeatureCreateParams.builder().setEntitlementFeature(feature.getId()).build()).getId();
        stage.awaitDeliveries();
        return link;
    }

    void detachFromPro(String link) throws Exception {
        stage.stripe().v1().products().features().delete(PRO_PRODUCT, link);
        stage.awaitDeliveries();
    }

    Subscriber subscribeToBasic(String user) throws Exception {
        return stage.subscribe(user, BASIC_PRICE, CARD, null);
    }

    /** The {@code features} column of the user's entitlement row: what the gate reads. */
    Set<String> features(String user) throws SQLException {
        try (Connection connection = stage.demoDataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select features from entitlement where user_id = ?")) {
            query.setString(1, user);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new AssertionError("no entitlement row for " + user);
                }
                String joined = row.getString(1);
                return joined.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(joined.split(",")));
            }
        }
    }

    static Set<String> union(Set<String> first, String... more) {
        Set<String> all = new TreeSet<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /** How often the WAR (or anyone) has listed active entitlements on the emulator so far. */
    long entitlementListings() {
        return stage.emulator().apiRequestCounts().getOrDefault(ENTITLEMENT_LISTING, 0L);
    }

    /** The emulator's summary events about {@code customerId}, oldest first, from the {@code from}-th event on. */
    List<JsonObject> summaryEventsOf(String customerId, int from) {
        List<JsonObject> events = stage.emulator().events();
        return events.subList(from, events.size()).stream()
                .filter(event -> SUMMARY_EVENT.equals(event.get("type").getAsString()))
                .filter(event -> customerId.equals(dataObject(event).get("customer").getAsString()))
                .toList();
    }

    static JsonObject dataObject(JsonObject event) {
        return event.getAsJsonObject("data").getAsJsonObject("object");
    }

    static Set<String> summaryLookupKeys(JsonObject event) {
        Set<String> keys = new TreeSet<>();
        for (JsonElement entitlement : dataObject(event).getAsJsonObject("entitlements").getAsJsonArray("data")) {
            keys.add(entitlement.getAsJsonObject().get("lookup_key").getAsString());
        }
        return keys;
    }
}
