package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Event;
import com.stripe.model.ProductFeature;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.model.entitlements.ActiveEntitlement;
import com.stripe.model.entitlements.ActiveEntitlementSummary;
import com.stripe.model.entitlements.Feature;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.net.Webhook;
import com.stripe.param.ProductFeatureCreateParams;
import com.stripe.param.ProductFeatureListParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.entitlements.ActiveEntitlementListParams;
import com.stripe.param.entitlements.FeatureCreateParams;
import com.stripe.param.entitlements.FeatureListParams;
import com.stripe.param.entitlements.FeatureUpdateParams;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stripe Entitlements through stripe-java's {@code client.v1().entitlements()} and {@code products().features()}:
 * features, product features, a customer's active entitlements following its subscriptions, and the signed
 * {@code entitlements.active_entitlement_summary.updated} webhooks.
 */
class EntitlementsTest {
    private static final String SECRET = "whsec_entitlements_test";
    private static final String SUMMARY = "entitlements.active_entitlement_summary.updated";
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    private WebhookReceiver receiver;
    private StripeEmulator emulator;
    private Shop shop;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        emulator = StripeEmulator.builder().port(0).webhookEndpoint(receiver.url()).webhookSecret(SECRET)
                .webhookRetryBaseDelay(Duration.ofMillis(50)).build().start();
        shop = new Shop(emulator);
    }

    @AfterEach
    void stop() {
        emulator.stop();
        receiver.close();
    }

    @Test
    void theDefaultCatalogGivesProCoursesAndReportsAndBasicReports() throws Exception {
        List<Feature> features = shop.stripe.v1().entitlements().features().list().getData();
        assertEquals(Set.of("courses", "reports"), keys(features.stream().map(Feature::getLookupKey).toList()));
        assertEquals(Set.of("courses", "reports"), productFeatureKeys("prod_pro"));
        assertEquals(Set.of("reports"), productFeatureKeys("prod_basic"));
        assertEquals(Set.of(), productFeatureKeys("prod_credits"));

        Feature courses = shop.stripe.v1().entitlements().features().list(
                FeatureListParams.builder().setLookupKey("courses").build()).getData().get(0);
        assertEquals("entitlements.feature", courses.getObject());
        assertTrue(courses.getId().startsWith("feat_test_"), courses.getId());
        assertEquals(courses, shop.stripe.v1().entitlements().features().retrieve(courses.getId()));
        assertTrue(shop.stripe.v1().entitlements().features().list(
                FeatureListParams.builder().setArchived(true).build()).getData().isEmpty());

        Feature archived = shop.stripe.v1().entitlements().features().update(courses.getId(),
                FeatureUpdateParams.builder().setActive(false).setName("Courses (old)").build());
        assertEquals("Courses (old)", archived.getName());
        assertEquals(List.of("reports"), shop.stripe.v1().entitlements().features().list().getData().stream()
                .map(Feature::getLookupKey).toList(), "archived features leave the list");
        assertEquals(List.of(courses.getId()), shop.stripe.v1().entitlements().features().list(
                FeatureListParams.builder().setArchived(true).build()).getData().stream().map(Feature::getId).toList());
        assertThrows(InvalidRequestException.class, () -> attach("prod_basic", courses.getId()));
    }

    @Test
    void subscribingGrantsTheProductsFeaturesAndCancelingTakesThemAway() throws Exception {
        Subscription subscription = shop.subscribe("4242 4242 4242 4242", null);
        String customer = subscription.getCustomer();
        List<ActiveEntitlement> active = activeEntitlements(customer);
        assertEquals(Set.of("courses", "reports"), lookupKeys(active));
        ActiveEntitlement first = active.get(0);
        assertEquals("entitlements.active_entitlement", first.getObject());
        assertTrue(first.getId().startsWith("ent_test_"), first.getId());
        assertTrue(first.getFeature().startsWith("feat_test_"), first.getFeature());
        assertEquals(first, shop.stripe.v1().entitlements().activeEntitlements().retrieve(first.getId()));

        List<ActiveEntitlementSummary> summaries = deliveredSummaries();
        assertEquals(1, summaries.size());
        ActiveEntitlementSummary granted = summaries.get(0);
        assertEquals(customer, granted.getCustomer());
        assertEquals(Set.of("courses", "reports"), lookupKeys(granted.getEntitlements().getData()));
        assertFalse(granted.getEntitlements().getHasMore());
        assertEquals("courses", granted.getEntitlements().getData().stream()
                .filter(e -> e.getLookupKey().equals("courses")).findFirst().orElseThrow()
                .getFeatureObject().getLookupKey(), "the summary embeds each entitlement's feature");

        shop.stripe.v1().subscriptions().cancel(subscription.getId());
        assertEquals(List.of(), activeEntitlements(customer));
        summaries = deliveredSummaries();
        assertEquals(2, summaries.size());
        assertEquals(List.of(), summaries.get(1).getEntitlements().getData());
        List<String> types = emulator.eventTypes();
        assertEquals(List.of("customer.subscription.deleted", SUMMARY), types.subList(types.size() - 2, types.size()));
    }

    @Test
    void pastDueKeepsTheEntitlementsAndUnpaidEndsThem() throws Exception {
        TestClock clock = shop.stripe.v1().testHelpers().testClocks().create(
                TestClockCreateParams.builder().setFrozenTime(START.toEpochSecond()).build());
        Subscription subscription = shop.subscribe("4000 0000 0000 0341", clock.getId(),
                params -> params.setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .setTrialPeriodDays(7L).build()));
        assertEquals("trialing", subscription.getStatus());
        String customer = subscription.getCustomer();
        assertEquals(Set.of("courses", "reports"), lookupKeys(activeEntitlements(customer)));

        advance(clock, START.plusDays(8));
        assertEquals("past_due", shop.reload(subscription).getStatus());
        assertEquals(Set.of("courses", "reports"), lookupKeys(activeEntitlements(customer)));
        assertEquals(1, count(SUMMARY), "past_due still grants access: nothing changed");

        advance(clock, START.plusDays(40));
        assertEquals("unpaid", shop.reload(subscription).getStatus());
        assertEquals(List.of(), activeEntitlements(customer));
        assertEquals(2, count(SUMMARY));
        assertEquals(List.of(), deliveredSummaries().get(1).getEntitlements().getData());
    }

    @Test
    void activeEntitlementsArePagedAndTheSummaryHoldsTenOfThem() throws Exception {
        List<String> extra = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            Feature feature = shop.stripe.v1().entitlements().features().create(FeatureCreateParams.builder()
                    .setName("Extra " + i).setLookupKey("extra_" + i).putMetadata("n", "" + i).build());
            extra.add(attach("prod_pro", feature.getId()).getId());
        }
        String customer = shop.subscribe("4242 4242 4242 4242", null).getCustomer();

        ActiveEntitlementListParams.Builder page = ActiveEntitlementListParams.builder().setCustomer(customer)
                .setLimit(5L);
        StripeCollection<ActiveEntitlement> one = shop.stripe.v1().entitlements().activeEntitlements()
                .list(page.build());
        StripeCollection<ActiveEntitlement> two = shop.stripe.v1().entitlements().activeEntitlements()
                .list(page.setStartingAfter(last(one)).build());
        StripeCollection<ActiveEntitlement> three = shop.stripe.v1().entitlements().activeEntitlements()
                .list(page.setStartingAfter(last(two)).build());
        assertEquals(List.of(5, 5, 3), List.of(one.getData().size(), two.getData().size(), three.getData().size()));
        assertTrue(one.getHasMore() && two.getHasMore());
        assertFalse(three.getHasMore());
        Set<String> ids = new HashSet<>();
        for (var collection : List.of(one, two, three)) {
            collection.getData().forEach(entitlement -> ids.add(entitlement.getId()));
        }
        assertEquals(13, ids.size());
        assertEquals(13, activeEntitlements(customer).size());
        ActiveEntitlement expanded = shop.stripe.v1().entitlements().activeEntitlements().list(
                page.setStartingAfter(null).addExpand("data.feature").build()).getData().get(0);
        assertEquals(expanded.getLookupKey(), expanded.getFeatureObject().getLookupKey());

        ActiveEntitlementSummary summary = deliveredSummaries().get(0);
        assertEquals(10, summary.getEntitlements().getData().size());
        assertTrue(summary.getEntitlements().getHasMore());

        InvalidRequestException tooMany = assertThrows(InvalidRequestException.class, () ->
                shop.stripe.v1().entitlements().activeEntitlements().list(ActiveEntitlementListParams.builder()
                        .setCustomer(customer).setLimit(101L).build()));
        assertEquals("limit", tooMany.getParam());

        // Removing a feature from the product takes it from the subscriber, with a summary.
        ProductFeature removed = shop.stripe.v1().products().features().delete("prod_pro", extra.get(0));
        assertTrue(removed.getDeleted());
        assertEquals(12, activeEntitlements(customer).size());
        assertFalse(lookupKeys(activeEntitlements(customer)).contains("extra_1"));
        assertEquals(2, count(SUMMARY));
    }

    @Test
    void invalidRequestsAreRefusedLikeStripe() throws Exception {
        String key80 = "k".repeat(80);
        shop.stripe.v1().entitlements().features().create(
                FeatureCreateParams.builder().setName("Long").setLookupKey(key80).build());
        InvalidRequestException tooLong = assertThrows(InvalidRequestException.class, () ->
                shop.stripe.v1().entitlements().features().create(
                        FeatureCreateParams.builder().setName("Longer").setLookupKey(key80 + "k").build()));
        assertEquals("lookup_key", tooLong.getParam());
        InvalidRequestException taken = assertThrows(InvalidRequestException.class, () ->
                shop.stripe.v1().entitlements().features().create(
                        FeatureCreateParams.builder().setName("Again").setLookupKey("courses").build()));
        assertEquals("lookup_key", taken.getParam());

        String courses = shop.stripe.v1().entitlements().features().list(
                FeatureListParams.builder().setLookupKey("courses").build()).getData().get(0).getId();
        InvalidRequestException twice = assertThrows(InvalidRequestException.class, () -> attach("prod_pro", courses));
        assertEquals("entitlement_feature", twice.getParam());
        InvalidRequestException unknown = assertThrows(InvalidRequestException.class, () ->
                attach("prod_pro", "feat_test_nope"));
        assertEquals("resource_missing", unknown.getCode());
        assertThrows(InvalidRequestException.class, () ->
                shop.stripe.v1().entitlements().activeEntitlements().list(
                        ActiveEntitlementListParams.builder().setCustomer("cus_nope").build()));

        InvalidRequestException strict = assertThrows(InvalidRequestException.class, () ->
                shop.stripe.v1().entitlements().features().create(FeatureCreateParams.builder()
                        .setName("Odd").setLookupKey("odd").putExtraParam("tier", "gold").build()));
        assertEquals("parameter_unknown", strict.getCode());
        assertTrue(shop.stripe.v1().entitlements().features().list(
                FeatureListParams.builder().setLookupKey("odd").build()).getData().isEmpty(), "nothing created");
    }

    @Test
    void aCatalogFileSeedsFeaturesByLookupKey() throws Exception {
        emulator.stop();
        String catalog = "{\"products\":["
                + "{\"id\":\"prod_a\",\"name\":\"A\",\"features\":[\"alpha\",{\"lookup_key\":\"beta\",\"name\":\"Beta\"}],"
                + "\"prices\":[{\"id\":\"price_a\",\"unit_amount\":100,\"currency\":\"eur\","
                + "\"recurring\":{\"interval\":\"month\"}}]},"
                + "{\"id\":\"prod_b\",\"name\":\"B\",\"features\":[\"alpha\"]}]}";
        emulator = StripeEmulator.builder().port(0).catalog(
                new ByteArrayInputStream(catalog.getBytes(StandardCharsets.UTF_8))).build().start();
        shop = new Shop(emulator);

        List<Feature> features = shop.stripe.v1().entitlements().features().list().getData();
        assertEquals(2, features.size(), "alpha is one feature, attached to both products");
        assertEquals("Beta", features.stream().filter(f -> f.getLookupKey().equals("beta")).findFirst()
                .orElseThrow().getName());
        assertEquals(Set.of("alpha", "beta"), productFeatureKeys("prod_a"));
        assertEquals(Set.of("alpha"), productFeatureKeys("prod_b"));
    }

    private ProductFeature attach(String product, String featureId) throws Exception {
        return shop.stripe.v1().products().features().create(product,
                ProductFeatureCreateParams.builder().setEntitlementFeature(featureId).build());
    }

    private Set<String> productFeatureKeys(String product) throws Exception {
        List<String> keys = new ArrayList<>();
        for (ProductFeature link : shop.stripe.v1().products().features().list(product,
                ProductFeatureListParams.builder().setLimit(100L).build()).getData()) {
            assertNotNull(link.getEntitlementFeature(), "product features embed their feature");
            keys.add(link.getEntitlementFeature().getLookupKey());
        }
        return keys(keys);
    }

    private List<ActiveEntitlement> activeEntitlements(String customer) throws Exception {
        List<ActiveEntitlement> all = new ArrayList<>();
        shop.stripe.v1().entitlements().activeEntitlements().list(ActiveEntitlementListParams.builder()
                .setCustomer(customer).setLimit(100L).build()).autoPagingIterable().forEach(all::add);
        return all;
    }

    /** The summaries the webhook endpoint received, verified with the endpoint's secret, in delivery order. */
    private List<ActiveEntitlementSummary> deliveredSummaries() throws Exception {
        assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));
        List<ActiveEntitlementSummary> summaries = new ArrayList<>();
        for (WebhookReceiver.Delivery delivery : receiver.received()) {
            Event event = Webhook.constructEvent(delivery.body(), delivery.signature(), SECRET);
            if (SUMMARY.equals(event.getType())) {
                summaries.add((ActiveEntitlementSummary) event.getDataObjectDeserializer().getObject().orElseThrow());
            }
        }
        return summaries;
    }

    private long count(String type) {
        return emulator.eventTypes().stream().filter(type::equals).count();
    }

    private void advance(TestClock clock, ZonedDateTime to) throws Exception {
        shop.stripe.v1().testHelpers().testClocks().advance(clock.getId(),
                TestClockAdvanceParams.builder().setFrozenTime(to.toEpochSecond()).build());
    }

    private static String last(StripeCollection<ActiveEntitlement> page) {
        return page.getData().get(page.getData().size() - 1).getId();
    }

    private static Set<String> lookupKeys(List<ActiveEntitlement> entitlements) {
        return keys(entitlements.stream().map(ActiveEntitlement::getLookupKey).toList());
    }

    private static Set<String> keys(List<String> keys) {
        return new TreeSet<>(keys);
    }
}
