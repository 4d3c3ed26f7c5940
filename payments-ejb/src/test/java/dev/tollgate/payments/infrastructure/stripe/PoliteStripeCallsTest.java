package dev.tollgate.payments.infrastructure.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.service.PoliteStripeCalls;
import dev.tollgate.payments.domain.service.StripeObjectMissingException;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import dev.tollgate.payments.infrastructure.stripe.StripeOnLoopback.Answer;
import dev.tollgate.payments.infrastructure.stripe.StripeOnLoopback.Received;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paced and patient stretches over real HTTP. Timings are asserted as lower bounds only: a loaded machine may be
 * slower, never faster than the pace.
 */
class PoliteStripeCallsTest {

    private static final String SUBSCRIPTION = "/v1/subscriptions/sub_polite";
    private static final Duration QUICK = Duration.ofMillis(1);

    private final ExecutorService otherThreads = Executors.newFixedThreadPool(2);
    private StripeOnLoopback stripe;
    private StripeClientGateway gateway;

    @BeforeEach
    void stripe() throws IOException {
        stripe = new StripeOnLoopback();
        stripe.alwaysAnswer(SUBSCRIPTION, subscription());
        gateway = stripe.gateway(new PatientRetries());
    }

    @AfterEach
    void close() {
        otherThreads.shutdownNow();
        stripe.close();
    }

    @Test
    void thirtyCallsAtTwentyPerSecondTakeAtLeastTheirTwentyNineIntervals() {
        long start = System.nanoTime();
        try (PoliteStripeCalls polite = gateway.politely(20)) {
            for (int i = 0; i < 30; i++) {
                gateway.subscription("sub_polite");
            }
            assertEquals(30, polite.callsMade());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(took.compareTo(Duration.ofMillis(1400)) >= 0, "29 × 50 ms, took " + took);
        assertEquals(30, stripe.received().size());
    }

    @Test
    void a429IsTriedAgainAfterItsRetryAfterAndBothRequestsCount() {
        stripe.thenAnswer(SUBSCRIPTION, Answer.error(429, "invalid_request_error", "rate_limit",
                "Too many requests hit the API too quickly.").withHeader("Retry-After", "1"));

        try (PoliteStripeCalls polite = gateway.politely(100)) {
            assertEquals("sub_polite", gateway.subscription("sub_polite").id());
            assertEquals(2, polite.callsMade());
        }

        List<Received> received = stripe.received();
        assertEquals(2, received.size());
        Duration between = Duration.ofNanos(received.get(1).atNanos() - received.get(0).atNanos());
        assertTrue(between.compareTo(Duration.ofSeconds(1)) >= 0, "retried after " + between);
    }

    @Test
    void a429WithoutRetryAfterBacksOffAndIsTriedAgain() {
        stripe.thenAnswer(SUBSCRIPTION, Answer.error(429, "invalid_request_error", "rate_limit",
                "Too many requests hit the API too quickly."));

        try (PoliteStripeCalls polite = gateway.politely(100)) {
            assertEquals("sub_polite", gateway.subscription("sub_polite").id());
            assertEquals(2, polite.callsMade());
        }
    }

    @Test
    void a500IsTriedAgain() {
        stripe.thenAnswer(SUBSCRIPTION, Answer.error(500, "api_error", "internal_error", "Something went wrong."));

        try (PoliteStripeCalls polite = gateway.politely(100)) {
            assertEquals("sub_polite", gateway.subscription("sub_polite").id());
            assertEquals(2, polite.callsMade());
        }
        assertEquals(2, stripe.received().size());
    }

    @Test
    void a404IsNotTriedAgainAndTheObjectIsMissing() {
        stripe.alwaysAnswer(SUBSCRIPTION, Answer.error(404, "invalid_request_error", "resource_missing",
                "No such subscription: 'sub_polite'"));

        try (PoliteStripeCalls polite = gateway.politely(100)) {
            assertThrows(StripeObjectMissingException.class, () -> gateway.subscription("sub_polite"));
            assertEquals(1, polite.callsMade());
        }
        assertEquals(1, stripe.received().size());
    }

    @Test
    void aStripeThatKeepsFailingIsGivenUpOnAfterFiveRetries() {
        StripeClientGateway quick = stripe.gateway(new PatientRetries(QUICK, QUICK));
        stripe.alwaysAnswer(SUBSCRIPTION, Answer.error(503, "api_error", "internal_error", "Down for a moment."));

        try (PoliteStripeCalls polite = quick.politely(1000)) {
            assertThrows(StripeUnavailableException.class, () -> quick.subscription("sub_polite"));
            assertEquals(6, polite.callsMade());
        }
        assertEquals(6, stripe.received().size());
    }

    @Test
    void requestsThatFindNoConnectionAreTriedAgainAndCounted() throws IOException {
        StripeClientGateway nowhere;
        try (StripeOnLoopback gone = new StripeOnLoopback()) {
            nowhere = gone.gateway(new PatientRetries(QUICK, QUICK));
        }

        try (PoliteStripeCalls polite = nowhere.politely(1000)) {
            assertThrows(StripeUnavailableException.class, () -> nowhere.subscription("sub_polite"));
            assertEquals(6, polite.callsMade());
        }
    }

    @Test
    void outsideAStretchA429IsNotTriedAgain() {
        stripe.thenAnswer(SUBSCRIPTION, Answer.error(429, "invalid_request_error", "rate_limit",
                "Too many requests hit the API too quickly.").withHeader("Retry-After", "1"));

        assertThrows(StripeUnavailableException.class, () -> gateway.subscription("sub_polite"));
        assertEquals(1, stripe.received().size());
    }

    /**
     * A stretch at one request per 1000 s makes any call it paces wait 1000 s, so calls that return at all were not
     * paced; the minute allowed is only a guard against hanging, far from any timing that could be asserted.
     */
    @Test
    void callsOutsideAStretchAreNotPacedWhileAnotherThreadsStretchIsOpenOrAfterThisThreadsClosed() throws Exception {
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Future<Long> slowThread = otherThreads.submit(() -> {
            try (PoliteStripeCalls slow = gateway.politely(0.001)) {
                gateway.subscription("sub_polite");
                opened.countDown();
                done.await();
                return slow.callsMade();
            }
        });
        assertTrue(opened.await(60, TimeUnit.SECONDS));

        Future<Long> unpaced = otherThreads.submit(() -> {
            try (PoliteStripeCalls closedAtOnce = gateway.politely(0.001)) {
                gateway.subscription("sub_polite");
                assertEquals(1, closedAtOnce.callsMade());
            }
            for (int i = 0; i < 5; i++) {
                gateway.subscription("sub_polite");
            }
            return (long) stripe.received().size();
        });
        try {
            assertEquals(7, unpaced.get(60, TimeUnit.SECONDS));
        } finally {
            unpaced.cancel(true);
            done.countDown();
        }
        assertEquals(1, slowThread.get(60, TimeUnit.SECONDS), "another thread's calls are not this stretch's");
    }

    @Test
    void eachThreadIsPacedAndCountedOnItsOwn() throws Exception {
        CompletableFuture<Duration> first = CompletableFuture.supplyAsync(this::tenAtTwentyPerSecond, otherThreads);
        CompletableFuture<Duration> second = CompletableFuture.supplyAsync(this::tenAtTwentyPerSecond, otherThreads);

        for (Duration took : List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS))) {
            assertTrue(took.compareTo(Duration.ofMillis(450)) >= 0, "9 × 50 ms, took " + took);
        }
        assertEquals(20, stripe.received().size());
    }

    @Test
    void aCallInANestedStretchCountsInBoth() {
        try (PoliteStripeCalls outer = gateway.politely(100)) {
            gateway.subscription("sub_polite");
            try (PoliteStripeCalls inner = gateway.politely(50)) {
                gateway.subscription("sub_polite");
                gateway.subscription("sub_polite");
                assertEquals(2, inner.callsMade());
            }
            gateway.subscription("sub_polite");
            assertEquals(4, outer.callsMade());
        }
    }

    @Test
    void aRateThatPacesNothingIsRefused() {
        for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> gateway.politely(rate), "rate " + rate);
        }
    }

    @Test
    void onlyItsOwnThreadCanCloseAStretch() throws Exception {
        try (PoliteStripeCalls polite = gateway.politely(10)) {
            Future<?> elsewhere = otherThreads.submit(polite::close);
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> elsewhere.get(60, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof IllegalStateException, failure.toString());
        }
    }

    private Duration tenAtTwentyPerSecond() {
        long start = System.nanoTime();
        try (PoliteStripeCalls polite = gateway.politely(20)) {
            for (int i = 0; i < 10; i++) {
                gateway.subscription("sub_polite");
            }
            assertEquals(10, polite.callsMade());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Answer subscription() {
        return Answer.ok(StripeShapes.pretty(StripeShapes.subscription("sub_polite")));
    }
}
