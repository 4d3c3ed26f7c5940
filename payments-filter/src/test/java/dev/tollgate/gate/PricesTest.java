package dev.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The payments WAR's {@code /billing/prices} as an app's pricing page reads it, over HTTP. */
class PricesTest {

    static final String ANSWER = """
            {"stale":false,"fetched":"2026-12-03T12:00:00Z",
             "plans":[{"name":"basic","features":["reports"],"includes":[],"prices":[{"id":"price_basic_monthly",
               "lookup_key":"basic_monthly","product":"Basic","type":"recurring","interval":"month","interval_count":1,
               "unit_amount":900,"currency":"usd","amount":"9.00","formatted":"9.00 USD"}]},
              {"name":"team","features":["seats","reports"],"includes":["basic"],"trial_days":14,
               "trial_requires_card":true,"prices":[{"id":"price_team","type":"recurring","interval":"month",
               "interval_count":3,"unit_amount":1980,"currency":"jpy","amount":"1980","formatted":"1980 JPY"}]}],
             "credit_packs":[{"name":"credits:100","credits":100,"prices":[{"id":"price_c100","type":"one_time",
               "unit_amount":1500,"currency":"kwd","amount":"1.500","formatted":"1.500 KWD","note":"a \\"quoted\\" \\u00e9"}]}]}
            """;

    @Test
    void plansAndPacksAreReadWithTheirFormattedPrices() {
        Prices prices = Prices.read(ANSWER);

        assertTrue(prices.isAvailable());
        assertFalse(prices.isStale());
        assertEquals(List.of("basic", "team"), prices.getPlans().stream().map(Prices.Offer::name).toList());
        Prices.Price basic = prices.getPlans().get(0).prices().get(0);
        assertEquals("price_basic_monthly", basic.id());
        assertEquals("9.00 USD", basic.formatted());
        assertEquals("a month", basic.period());
        assertNull(prices.getPlans().get(0).trialDays());

        Prices.Offer team = prices.plan("team").orElseThrow();
        assertEquals(14, team.trialDays());
        assertEquals(List.of("seats", "reports"), team.features());
        assertEquals("1980 JPY", team.prices().get(0).formatted());
        assertEquals("every 3 months", team.prices().get(0).period());

        Prices.Offer pack = prices.getCreditPacks().get(0);
        assertEquals(100, pack.credits());
        assertEquals("1.500 KWD", pack.prices().get(0).formatted());
        assertEquals("once", pack.prices().get(0).period());
        assertFalse(pack.prices().get(0).recurring());
    }

    @Test
    void theWarsAnswerIsAskedOverHttpAndARefusalMeansNoPrices() throws Exception {
        HttpServer war = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer(war, "/payments/billing/prices", 200, ANSWER);
        answer(war, "/down/billing/prices", 503, "{\"error\":\"prices_unavailable\"}");
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
    void anAnswerThatIsNotTheWarsJsonMeansNoPrices() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer(other, "/", 200, "<html>not here</html>");
        other.start();
        try {
            assertFalse(Prices.from(URI.create("http://127.0.0.1:" + other.getAddress().getPort() + "/x"))
                    .isAvailable());
        } finally {
            other.stop(0);
        }
        assertFalse(Prices.from(URI.create("http://127.0.0.1:1/nothing-listens")).isAvailable());
    }

    /** Has {@code server} answer {@code status} and {@code text} at {@code path}. */
    private static void answer(HttpServer server, String path, int status, String text) {
        server.createContext(path, exchange -> {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }
}
