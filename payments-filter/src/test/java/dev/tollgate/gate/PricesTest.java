package dev.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The payments WAR's {@code /billing/prices} as an app's pricing page reads it (the flat answer), over HTTP. */
class PricesTest {

    /** What the payments WAR answers to {@code Accept: text/plain} (PricesText), escapes and all. */
    static final String ANSWER = """
            #Thu Dec 03 12:00:00 UTC 2026
            fetched=2026-12-03T12\\:00\\:00Z
            fresh_for_seconds=300
            pack.1.credits=100
            pack.1.name=credits\\:100
            pack.1.price.1.formatted=1.500 KWD
            pack.1.price.1.id=price_c100
            plan.1.features=reports
            plan.1.name=basic
            plan.1.price.1.formatted=9.00 USD
            plan.1.price.1.id=price_basic_monthly
            plan.1.price.1.interval=month
            plan.1.price.1.interval_count=1
            plan.1.price.1.lookup_key=basic_monthly
            plan.2.features=seats,reports
            plan.2.name=team \\u00e9\\=\\#1
            plan.2.price.1.formatted=1980 JPY
            plan.2.price.1.id=price_team
            plan.2.price.1.interval=month
            plan.2.price.1.interval_count=3
            plan.2.trial_days=14
            stale=false
            """;

    @Test
    void plansAndPacksAreReadWithTheirFormattedPrices() throws Exception {
        Prices.Answer answer = Prices.read(ANSWER);
        Prices prices = answer.prices();

        assertTrue(prices.isAvailable());
        assertFalse(prices.isStale());
        assertEquals(Duration.ofSeconds(300), answer.freshFor());
        assertEquals(List.of("basic", "team \u00e9=#1"), prices.getPlans().stream().map(Prices.Offer::name).toList(),
                "in the WAR's order, escapes undone");
        Prices.Price basic = prices.getPlans().get(0).prices().get(0);
        assertEquals("price_basic_monthly", basic.id());
        assertEquals("9.00 USD", basic.formatted());
        assertEquals("a month", basic.period());
        assertNull(prices.getPlans().get(0).trialDays());

        assertEquals("basic_monthly", basic.lookupKey());
        Prices.Offer team = prices.plan("team \u00e9=#1").orElseThrow();
        assertEquals(14, team.trialDays());
        assertEquals(List.of("seats", "reports"), team.features());
        assertEquals("1980 JPY", team.prices().get(0).formatted());
        assertEquals("every 3 months", team.prices().get(0).period());

        Prices.Offer pack = prices.getCreditPacks().get(0);
        assertEquals("credits:100", pack.name());
        assertEquals(List.of(), pack.features());
        assertNull(pack.prices().get(0).lookupKey());
        assertEquals(100, pack.credits());
        assertEquals("1.500 KWD", pack.prices().get(0).formatted());
        assertEquals("once", pack.prices().get(0).period());
        assertFalse(pack.prices().get(0).recurring());
    }

    @Test
    void theWarsAnswerIsAskedOverHttpAndARefusalMeansNoPrices() throws Exception {
        HttpServer war = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer(war, "/payments/billing/prices", 200, "text/plain;charset=UTF-8", ANSWER);
        answer(war, "/down/billing/prices", 503, "application/json", "{\"error\":\"prices_unavailable\"}");
        war.start();
        try {
            String base = "http://127.0.0.1:" + war.getAddress().getPort();
            assertEquals(2, Prices.from(URI.create(base + "/payments/billing/prices")).getPlans().size());
            Prices down = Prices.from(URI.create(base + "/down/billing/prices"));
            assertFalse(down.isAvailable());
            assertEquals(List.of(), down.getPlans());
        } finally {
            war.stop(0);
        }
    }

    @Test
    void anAnswerThatIsNotTheWarsMeansNoPrices() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer(other, "/page", 200, "text/html", "<html>not here</html>");
        answer(other, "/text", 200, "text/plain", "just some text");
        answer(other, "/bad", 200, "text/plain", "fetched=now\nfresh_for_seconds=soon");
        other.start();
        try {
            String base = "http://127.0.0.1:" + other.getAddress().getPort();
            for (String path : List.of("/page", "/text", "/bad")) {
                assertFalse(Prices.from(URI.create(base + path)).isAvailable(), path);
            }
        } finally {
            other.stop(0);
        }
        assertFalse(Prices.from(URI.create("http://127.0.0.1:1/nothing-listens")).isAvailable());
    }

    /** Has {@code server} answer {@code status} and {@code text} of {@code type} at {@code path}. */
    static void answer(HttpServer server, String path, int status, String type, String text) {
        server.createContext(path, exchange -> {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }
}
