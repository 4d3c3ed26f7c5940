package dev.tollgate.web.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tollgate.payments.application.PriceList;
import dev.tollgate.payments.domain.model.Money;
import dev.tollgate.payments.domain.model.PriceSheet;
import dev.tollgate.payments.domain.model.PriceSheet.PackOffer;
import dev.tollgate.payments.domain.model.PriceSheet.PlanOffer;
import dev.tollgate.payments.domain.model.PriceTag;
import dev.tollgate.payments.domain.model.Trial;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import dev.tollgate.web.FakeHttp;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pricing page's JSON: each price in minor units and in the currency's own major unit, stale or refused. */
class PricesServletTest {

    private static final Instant FETCHED = Instant.parse("2026-12-03T12:00:00Z");
    private static final PriceSheet SHEET = new PriceSheet(
            List.of(new PlanOffer("pro", Set.of("reports", "courses"), Set.of("basic"), Optional.of(new Trial(14, false)),
                    List.of(new PriceTag("price_pro_yen", "pro_yen", Optional.of(new Money(980, "jpy")),
                            Optional.of("month"), 3, "Pro")))),
            List.of(new PackOffer("credits:100", 100, List.of(new PriceTag("price_c100", null,
                    Optional.of(new Money(1500, "kwd")), Optional.empty(), 0, "100 credits")))),
            FETCHED, false);

    /** A price list that answers {@code sheet}, or fails as Stripe does when {@code sheet} is null. */
    private static FakeHttp.Response get(PriceSheet sheet) throws Exception {
        return get(sheet, null);
    }

    /** {@link #get(PriceSheet)} asked with that {@code Accept} header (none when null). */
    private static FakeHttp.Response get(PriceSheet sheet, String accept) throws Exception {
        PricesServlet servlet = new PricesServlet();
        servlet.prices = new PriceList() {
            @Override
            public PriceSheet current() {
                if (sheet == null) {
                    throw new StripeUnavailableException("Stripe is unavailable: connect timed out", null);
                }
                return sheet;
            }

            @Override
            public Duration freshFor() {
                return Duration.ofSeconds(42);
            }
        };
        FakeHttp.Response response = new FakeHttp.Response();
        FakeHttp.Request request = FakeHttp.Request.get("/billing/prices");
        if (accept != null) {
            request.header("Accept", accept);
        }
        servlet.service(request.build(), response.build());
        return response;
    }

    @Test
    void eachPriceIsWrittenInMinorUnitsAndInTheCurrencysMajorUnit() throws Exception {
        FakeHttp.Response response = get(SHEET);

        assertEquals(200, response.status());
        assertTrue(response.contentType().startsWith("application/json"));
        assertNull(response.header(PricesServlet.STALE_HEADER));
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertFalse(body.get("stale").getAsBoolean());
        assertEquals("2026-12-03T12:00:00Z", body.get("fetched").getAsString());
        JsonObject pro = body.getAsJsonArray("plans").get(0).getAsJsonObject();
        assertEquals("pro", pro.get("name").getAsString());
        assertEquals("[\"courses\",\"reports\"]", pro.get("features").toString());
        assertEquals(14, pro.get("trial_days").getAsInt());
        assertFalse(pro.get("trial_requires_card").getAsBoolean());
        JsonObject yen = pro.getAsJsonArray("prices").get(0).getAsJsonObject();
        assertEquals("{\"id\":\"price_pro_yen\",\"lookup_key\":\"pro_yen\",\"product\":\"Pro\",\"type\":\"recurring\","
                + "\"interval\":\"month\",\"interval_count\":3,\"unit_amount\":980,\"currency\":\"jpy\","
                + "\"amount\":\"980\",\"formatted\":\"980 JPY\"}", yen.toString());
        JsonObject pack = body.getAsJsonArray("credit_packs").get(0).getAsJsonObject();
        assertEquals(100, pack.get("credits").getAsLong());
        assertEquals("{\"id\":\"price_c100\",\"product\":\"100 credits\",\"type\":\"one_time\",\"unit_amount\":1500,"
                + "\"currency\":\"kwd\",\"amount\":\"1.500\",\"formatted\":\"1.500 KWD\"}",
                pack.getAsJsonArray("prices").get(0).toString());
    }

    @Test
    void theGateAsksForTextAndGetsTheSamePricesFlatWithHowLongTheyStayFresh() throws Exception {
        FakeHttp.Response response = get(SHEET, "text/plain");

        assertEquals(200, response.status());
        assertTrue(response.contentType().startsWith("text/plain"), response.contentType());
        assertEquals("max-age=42", response.header("Cache-Control"));
        Properties flat = new Properties();
        flat.load(new StringReader(response.body()));
        Properties expected = new Properties();
        expected.putAll(Map.ofEntries(Map.entry("stale", "false"), Map.entry("fetched", "2026-12-03T12:00:00Z"),
                Map.entry("fresh_for_seconds", "42"),
                Map.entry("plan.1.name", "pro"), Map.entry("plan.1.features", "courses,reports"),
                Map.entry("plan.1.trial_days", "14"), Map.entry("plan.1.price.1.id", "price_pro_yen"),
                Map.entry("plan.1.price.1.lookup_key", "pro_yen"), Map.entry("plan.1.price.1.formatted", "980 JPY"),
                Map.entry("plan.1.price.1.interval", "month"), Map.entry("plan.1.price.1.interval_count", "3"),
                Map.entry("pack.1.name", "credits:100"), Map.entry("pack.1.credits", "100"),
                Map.entry("pack.1.price.1.id", "price_c100"), Map.entry("pack.1.price.1.formatted", "1.500 KWD")));
        assertEquals(expected, flat);
    }

    @Test
    void aBrowserOrAnAppAskingForJsonGetsTheJsonUnchanged() throws Exception {
        for (String accept : List.of("text/html,application/xhtml+xml,*/*;q=0.8", "application/json",
                "application/json, text/plain, */*")) {
            FakeHttp.Response response = get(SHEET, accept);
            assertTrue(response.contentType().startsWith("application/json"), accept);
            assertEquals("no-store", response.header("Cache-Control"), accept);
            assertEquals(false, JsonParser.parseString(response.body()).getAsJsonObject().get("stale")
                    .getAsBoolean(), accept);
        }
    }

    @Test
    void pricesKeptThroughAnOutageSaySo() throws Exception {
        FakeHttp.Response response = get(SHEET.asStale());

        assertEquals(200, response.status());
        assertEquals("true", response.header(PricesServlet.STALE_HEADER));
        assertTrue(JsonParser.parseString(response.body()).getAsJsonObject().get("stale").getAsBoolean());
    }

    @Test
    void noPricesYetIs503WithAJsonErrorAndNoDetail() throws Exception {
        FakeHttp.Response response = get(null);

        assertEquals(503, response.status());
        assertEquals("10", response.header("Retry-After"));
        assertEquals("{\"error\":\"prices_unavailable\",\"message\":\"The prices cannot be read from the payment"
                + " provider right now; try again shortly.\"}",
                JsonParser.parseString(response.body()).toString());
        assertFalse(response.body().contains("timed out"), "Stripe's message stays in the log");
    }
}
