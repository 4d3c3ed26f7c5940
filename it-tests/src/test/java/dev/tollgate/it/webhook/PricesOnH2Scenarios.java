package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Price;
import com.stripe.param.PriceCreateParams;
import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.emulator.http.ApiFaults;
import dev.tollgate.it.CapturedLog;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code GET /billing/prices} over HTTP, without signing in, through the unchanged WAR and the emulator: the
 * catalog with the emulator's prices (dollars, yen, Kuwaiti dinars), Stripe asked once per refresh interval (the
 * emulator counts the calls), a price changed in Stripe shown after the interval, the last prices kept through a
 * Stripe outage and marked stale, and 503 with a JSON error while Stripe never answered. Prices touch no database:
 * H2 alone. The first scenario must meet a Stripe that never answered, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PricesOnH2Scenarios extends CountedCallsScenarios {

    /** Short, so that a test sees a refresh; long enough that two requests in a row fall in one interval. */
    private static final Duration REFRESH = Duration.ofSeconds(4);
    /** A properties file; its order is not the catalog's (plans are read in name order). */
    private static final String CATALOG = """
            credits.large.amount=500
            credits.large.prices=credits_kwd
            plan.team.features=seats
            plan.team.prices=team_yen
            plan.pro.trial_days=14
            plan.pro.includes=basic
            plan.pro.features=courses
            plan.pro.prices=pro_monthly
            plan.basic.features=reports
            plan.basic.prices=price_basic_monthly
            """;
    /** Every Stripe call the price list makes is a {@code GET /v1/prices…} (a retrieve or a list). */
    private static final String PRICE_CALLS = "GET /v1/prices";

    private String yenPrice;
    private String dinarPrice;

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }

    @Override
    DemoOptions configure(DemoOptions options) {
        return super.configure(options).withSetting("PAYMENTS_PLANS", WebhookStage.writePlanFile(CATALOG).toAbsolutePath().toString())
                .withSetting("PAYMENTS_PRICES_REFRESH_SECONDS", Long.toString(REFRESH.toSeconds()))
                .withSetting("PAYMENTS_STRIPE_RETRIES", "0");
    }

    /** Two prices beyond the emulator's seed, made as a shop makes them in Stripe: a yen plan and a dinar pack. */
    @BeforeAll
    void createPrices() throws Exception {
        yenPrice = stage.stripe().v1().prices().create(PriceCreateParams.builder().setProduct("prod_basic")
                .setCurrency("jpy").setUnitAmount(1980L).setLookupKey("team_yen")
                .setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).setIntervalCount(3L).build())
                .build()).getId();
        dinarPrice = stage.stripe().v1().prices().create(PriceCreateParams.builder().setProduct("prod_credits")
                .setCurrency("kwd").setUnitAmount(1500L).setLookupKey("credits_kwd").build()).getId();
    }

    @Test
    @Order(1)
    void beforeStripeEverAnswersThePricesAre503WithAJsonError() throws Exception {
        stage.emulator().apiFaults(ApiFaults.parse("api_errors=1,api_path=/v1/prices"));
        try (CapturedLog log = CapturedLog.start()) {
            HttpResponse<String> refused = get();

            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertEquals("10", refused.headers().firstValue("Retry-After").orElse(""));
            JsonObject error = JsonParser.parseString(refused.body()).getAsJsonObject();
            assertEquals("prices_unavailable", error.get("error").getAsString());
            assertNoDetail(refused.body());
            assertEquals(1, log.linesStartingWith("Refused the prices with 503"), "one log line");
        } finally {
            stage.emulator().apiFaults(ApiFaults.Settings.NONE);
        }
    }

    @Test
    @Order(2)
    void theCatalogComesWithStripesPricesFormattedByEachCurrencysMinorUnits() throws Exception {
        JsonObject prices = awaitRead().json();

        assertFalse(prices.get("stale").getAsBoolean());
        JsonArray plans = prices.getAsJsonArray("plans");
        assertEquals("[\"basic\",\"pro\",\"team\"]", names(plans), "the catalog's plans, in its order");

        JsonObject basic = plans.get(0).getAsJsonObject();
        assertEquals("[\"reports\"]", basic.get("features").toString());
        assertFalse(basic.has("trial_days"), "no trial");
        assertEquals("{\"id\":\"price_basic_monthly\",\"lookup_key\":\"basic_monthly\",\"product\":\"Basic\","
                + "\"type\":\"recurring\",\"interval\":\"month\",\"interval_count\":1,\"unit_amount\":900,"
                + "\"currency\":\"usd\",\"amount\":\"9.00\",\"formatted\":\"9.00 USD\"}", onlyPrice(basic).toString());

        JsonObject pro = plans.get(1).getAsJsonObject();
        assertEquals("[\"courses\",\"reports\"]", pro.get("features").toString(), "with the included plan's");
        assertEquals("[\"basic\"]", pro.get("includes").toString());
        assertEquals(14, pro.get("trial_days").getAsInt());
        assertTrue(pro.get("trial_requires_card").getAsBoolean());
        assertEquals("price_pro_monthly", onlyPrice(pro).get("id").getAsString(), "found by its lookup key");
        assertEquals("29.00 USD", onlyPrice(pro).get("formatted").getAsString());

        JsonObject team = onlyPrice(plans.get(2).getAsJsonObject());
        assertEquals(yenPrice, team.get("id").getAsString());
        assertEquals(1980, team.get("unit_amount").getAsLong());
        assertEquals("1980", team.get("amount").getAsString(), "yen have no minor unit");
        assertEquals("1980 JPY", team.get("formatted").getAsString());
        assertEquals(3, team.get("interval_count").getAsLong());

        JsonObject pack = prices.getAsJsonArray("credit_packs").get(0).getAsJsonObject();
        assertEquals("large", pack.get("name").getAsString());
        assertEquals(500, pack.get("credits").getAsLong());
        assertEquals("{\"id\":\"" + dinarPrice + "\",\"lookup_key\":\"credits_kwd\",\"product\":\"100 credits\","
                + "\"type\":\"one_time\",\"unit_amount\":1500,\"currency\":\"kwd\",\"amount\":\"1.500\","
                + "\"formatted\":\"1.500 KWD\"}", onlyPrice(pack).toString(), "dinars have three decimals");
    }

    @Test
    @Order(3)
    void stripeIsAskedOncePerIntervalNotPerRequest() throws Exception {
        Answer read = awaitRead();
        assertEquals(2, read.calls(), "one price named by id, one list call for the three lookup keys");

        for (int i = 0; i < 5; i++) {
            Answer again = fetch();
            assertEquals(200, again.response().statusCode());
            assertEquals(0, again.calls(), "served from memory");
            assertEquals(read.json(), again.json());
        }
    }

    @Test
    @Order(4)
    void aPriceChangedInStripeShowsAfterTheInterval() throws Exception {
        Answer read = awaitRead();
        Instant readAt = Instant.now();
        // Stripe never changes a price's amount: a new price takes over the lookup key.
        Price raised = stage.stripe().v1().prices().create(PriceCreateParams.builder().setProduct("prod_pro")
                .setCurrency("usd").setUnitAmount(3900L).setLookupKey("pro_monthly").setTransferLookupKey(true)
                .setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build()).build());

        assertEquals("29.00 USD", proPrice(fetch().json()).get("formatted").getAsString(), "until the interval ends");

        Answer refreshed = awaitRead();
        assertTrue(!Instant.now().isBefore(readAt.plus(REFRESH).minusMillis(500)),
                "asked again only after the interval");
        JsonObject pro = proPrice(refreshed.json());
        assertEquals(raised.getId(), pro.get("id").getAsString());
        assertEquals("39.00 USD", pro.get("formatted").getAsString());
        assertNotEquals(read.json(), refreshed.json());
    }

    @Test
    @Order(5)
    void aStripeOutageServesTheLastPricesMarkedStale() throws Exception {
        Answer good = awaitRead();
        stage.emulator().apiFaults(ApiFaults.parse("api_errors=1,api_path=/v1/prices"));
        Answer kept;
        try (CapturedLog log = CapturedLog.start()) {
            kept = awaitCall();
            assertEquals(1, log.linesStartingWith("Prices could not be refreshed from Stripe"), "one log line");
        } finally {
            stage.emulator().apiFaults(ApiFaults.Settings.NONE);
        }

        assertEquals(200, kept.response().statusCode());
        assertEquals("true", kept.response().headers().firstValue("Tollgate-Prices-Stale").orElse(""));
        assertTrue(kept.json().get("stale").getAsBoolean());
        assertEquals(good.json().get("fetched"), kept.json().get("fetched"), "says when Stripe gave them");
        assertEquals(good.json().get("plans"), kept.json().get("plans"));
        assertNoDetail(kept.response().body());

        Answer back = awaitRead();
        assertFalse(back.json().get("stale").getAsBoolean(), "Stripe back: fresh again");
        assertTrue(back.response().headers().firstValue("Tollgate-Prices-Stale").isEmpty());
    }

    /** One answer of {@code GET /billing/prices} and the Stripe calls the WAR made for it. */
    record Answer(HttpResponse<String> response, long calls) {
        JsonObject json() {
            return JsonParser.parseString(response.body()).getAsJsonObject();
        }
    }

    private HttpResponse<String> get() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(stage.pricesUrl()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private Answer fetch() throws IOException, InterruptedException {
        long before = priceCalls();
        HttpResponse<String> response = get();
        return new Answer(response, priceCalls() - before);
    }

    /** Asks until an answer made Stripe calls (the interval, or the wait after a failure, is over). */
    private Answer awaitCall() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(REFRESH.multipliedBy(3));
        while (Instant.now().isBefore(deadline)) {
            Answer answer = fetch();
            if (answer.calls() > 0) {
                return answer;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the WAR did not ask Stripe for prices again within " + REFRESH.multipliedBy(3));
    }

    /** {@link #awaitCall()} answered from Stripe: 200 and fresh. */
    private Answer awaitRead() throws IOException, InterruptedException {
        Answer answer = awaitCall();
        assertEquals(200, answer.response().statusCode(), answer.response().body());
        assertFalse(answer.json().get("stale").getAsBoolean(), answer.response().body());
        return answer;
    }

    private long priceCalls() {
        return stage.emulator().apiRequestCounts().entrySet().stream()
                .filter(count -> count.getKey().startsWith(PRICE_CALLS)).mapToLong(count -> count.getValue()).sum();
    }

    private static JsonObject proPrice(JsonObject prices) {
        return onlyPrice(prices.getAsJsonArray("plans").get(1).getAsJsonObject());
    }

    private static JsonObject onlyPrice(JsonObject offer) {
        JsonArray prices = offer.getAsJsonArray("prices");
        assertEquals(1, prices.size(), offer.toString());
        return prices.get(0).getAsJsonObject();
    }

    private static String names(JsonArray offers) {
        JsonArray names = new JsonArray();
        offers.forEach(offer -> names.add(offer.getAsJsonObject().get("name")));
        return names.toString();
    }

    private static void assertNoDetail(String body) {
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains(".java:")
                || body.contains("sk_test"), body);
    }
}
