package dev.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate keeps the payments WAR's prices as long as the WAR says they stay fresh, shows the kept ones marked stale
 * while the WAR cannot answer, asks once for many renders at a time, and keeps a bounded number of URLs. A real HTTP
 * server plays the WAR and counts the requests it gets; the clock is moved by hand.
 */
class KeptPricesTest {

    private static final Instant T = Instant.parse("2026-12-03T12:00:00Z");

    private final AtomicInteger asked = new AtomicInteger();
    private volatile int status = 200;
    private volatile String freshFor = "300";
    private volatile CountDownLatch answerGate = new CountDownLatch(0);
    private volatile Instant now = T;
    private HttpServer war;
    private final KeptPrices kept = new KeptPrices(Prices::ask, () -> now);

    @BeforeEach
    void startTheWar() throws Exception {
        war = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        war.setExecutor(Executors.newCachedThreadPool());
        war.createContext("/", exchange -> {
            asked.incrementAndGet();
            try {
                answerGate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            String text = status == 200 ? PricesTest.ANSWER.replace("fresh_for_seconds=300",
                    "fresh_for_seconds=" + freshFor) : "{\"error\":\"prices_unavailable\"}";
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "text/plain" : "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        war.start();
    }

    @AfterEach
    void stopTheWar() {
        war.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + war.getAddress().getPort() + path);
    }

    @Test
    void theWarIsAskedAgainOnlyWhenItsPricesAreDue() {
        Prices first = kept.at(url("/p"));

        assertTrue(first.isAvailable());
        assertSame(first, kept.at(url("/p")));
        assertEquals(1, requestsAfterARenderAt(T.plusSeconds(299)), "kept for the 300 s the WAR said");
        assertEquals(2, requestsAfterARenderAt(T.plusSeconds(300)), "asked again once they were due");
    }

    @Test
    void anAnswerDueAtOnceIsNotKeptAndNoneIsKeptLongerThanTheLongest() {
        freshFor = "0";
        assertEquals(1, requestsAfterARenderAt(T));
        assertEquals(2, requestsAfterARenderAt(T), "fresh for 0 s: asked each time");

        freshFor = "86400";
        assertEquals(3, requestsAfterARenderAt(T));
        assertEquals(3, requestsAfterARenderAt(T.plus(KeptPrices.LONGEST).minusSeconds(1)));
        assertEquals(4, requestsAfterARenderAt(T.plus(KeptPrices.LONGEST)), "a day asked for, an hour kept");
    }

    /** How many requests the WAR has had once a page was rendered at {@code at}. */
    private int requestsAfterARenderAt(Instant at) {
        now = at;
        kept.at(url("/p"));
        return asked.get();
    }

    @Test
    void whileTheWarCannotAnswerTheKeptPricesAreShownStaleAndItIsAskedAgainAfterAPause() {
        Prices good = kept.at(url("/p"));
        status = 503;
        now = T.plusSeconds(300);

        Prices shown = kept.at(url("/p"));

        assertTrue(shown.isAvailable());
        assertTrue(shown.isStale(), "marked stale, as the WAR marks Stripe's");
        assertEquals(good.getPlans(), shown.getPlans());
        assertEquals(2, asked.get());
        now = now.plus(KeptPrices.RETRY_AFTER_FAILURE).minusSeconds(1);
        assertSame(shown, kept.at(url("/p")));
        assertEquals(2, asked.get(), "not asked again within the pause");

        status = 200;
        now = now.plusSeconds(1);
        Prices back = kept.at(url("/p"));
        assertEquals(3, asked.get());
        assertFalse(back.isStale());
    }

    @Test
    void aWarThatNeverAnsweredIsUnavailableAndNotAskedByEveryRender() {
        status = 503;

        assertFalse(kept.at(url("/p")).isAvailable());
        assertFalse(kept.at(url("/p")).isAvailable());
        assertEquals(1, asked.get());
        now = T.plus(KeptPrices.RETRY_AFTER_FAILURE);
        kept.at(url("/p"));
        assertEquals(2, asked.get());
    }

    @Test
    void manyRendersAtOnceAskTheWarOnce() throws Exception {
        answerGate = new CountDownLatch(1);
        int renders = 8;
        ExecutorService pages = Executors.newFixedThreadPool(renders);
        try {
            List<Future<Prices>> shown = new ArrayList<>();
            for (int i = 0; i < renders; i++) {
                shown.add(pages.submit((Callable<Prices>) () -> kept.at(url("/p"))));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (asked.get() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            answerGate.countDown();
            for (Future<Prices> prices : shown) {
                assertTrue(prices.get(10, TimeUnit.SECONDS).isAvailable());
            }
        } finally {
            pages.shutdownNow();
        }
        assertEquals(1, asked.get(), "the renders waited for the one request");
    }

    @Test
    void atMostSoManyUrlsAreKeptTheLeastRecentlyUsedLetGoFirst() {
        for (int i = 0; i <= KeptPrices.MOST_URLS; i++) {
            kept.at(url("/war" + i));
        }
        assertEquals(KeptPrices.MOST_URLS + 1, asked.get());

        kept.at(url("/war" + KeptPrices.MOST_URLS));
        assertEquals(KeptPrices.MOST_URLS + 1, asked.get(), "the newest is kept");
        kept.at(url("/war0"));
        assertEquals(KeptPrices.MOST_URLS + 2, asked.get(), "the oldest was let go");
    }
}
