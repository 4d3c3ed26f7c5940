package dev.tollgate.emulator.delivery;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.stripe.net.Webhook;
import dev.tollgate.emulator.state.DeliveryOutcomes;
import dev.tollgate.emulator.state.EventSink;
import dev.tollgate.emulator.state.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers events to webhook endpoints on one background thread, so the API never waits for a receiver and
 * attempts happen in the order events were recorded. Each attempt is signed afresh (new timestamp, same event
 * id), as Stripe does; a non-2xx answer or a connection failure schedules the next attempt per the
 * {@link RetryPolicy}.
 *
 * <p>Each (event, endpoint) pair has one {@link Delivery} record (two when duplicated). A {@link FaultPlan} makes
 * delivery hostile; its decisions are drawn when an event is published — under the store's lock, so in event
 * order — from one generator seeded by the plan, which makes a run's deliveries repeat exactly for a seed.
 */
public final class WebhookDeliverer implements EventSink, DeliveryOutcomes {
    private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class.getName());
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting()
            .create();
    private static final Duration RECEIVER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REORDER_LINGER = Duration.ofSeconds(2);
    private static final String WRONG_SECRET = "whsec_not_the_endpoint_secret_fault_injection";

    private final List<WebhookEndpoint> endpoints = new CopyOnWriteArrayList<>();
    private final RetryPolicy retryPolicy;
    private final Map<String, List<Delivery>> byEvent = new ConcurrentHashMap<>();
    private final List<Delivery> all = new CopyOnWriteArrayList<>();
    private final Object idle = new Object();
    private int pending;
    private FaultDice dice = new FaultDice(FaultPlan.NONE);
    private final List<Scheduled> reorderWindow = new ArrayList<>();
    private long windowGeneration;
    private long windowsSent;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "stripe-emulator-webhooks");
        thread.setDaemon(true);
        return thread;
    });

    public WebhookDeliverer(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
    }

    public void addEndpoint(WebhookEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    /** Replaces the endpoint with the same id (an update through the API). */
    public void replaceEndpoint(WebhookEndpoint endpoint) {
        endpoints.replaceAll(existing -> endpoint.id() != null && endpoint.id().equals(existing.id())
                ? endpoint : existing);
    }

    public void removeEndpoint(String id) {
        endpoints.removeIf(existing -> id.equals(existing.id()));
    }

    /** Makes delivery hostile from now on; {@link FaultPlan#NONE} makes it faithful again. */
    public synchronized void faults(FaultPlan plan) {
        flushReorderWindow();
        this.dice = new FaultDice(plan);
    }

    public synchronized FaultPlan faults() {
        return dice.plan();
    }

    /** Whether a new change is recorded as two Event objects; drawn in event order from the plan's generator. */
    public synchronized boolean twinEvent() {
        return dice.twinEvent();
    }

    @Override
    public int endpointsFor(String eventType) {
        return (int) endpoints.stream().filter(endpoint -> endpoint.accepts(eventType)).count();
    }

    @Override
    public synchronized void published(JsonObject event) {
        String type = Json.string(event, "type");
        for (WebhookEndpoint endpoint : endpoints) {
            if (!endpoint.accepts(type)) {
                continue;
            }
            FaultDice.Verdict verdict = dice.nextDelivery();
            String payload = payloadFor(event, endpoint, verdict.livemode());
            Delivery delivery = record(new Delivery(Json.string(event, "id"), type, endpoint, payload,
                    verdict.wrongSecret()));
            if (verdict.dropped()) {
                delivery.finish(DeliveryStatus.State.FAILED, 0, "dropped (fault injection)");
                changePending(-1);
                continue;
            }
            Duration delay = verdict.delayed() ? dice.plan().delay() : Duration.ZERO;
            enqueue(delivery, delay);
            if (verdict.duplicated()) {
                Delivery copy = record(new Delivery(delivery.eventId, type, endpoint, payload, false));
                copy.twin = delivery;
                delivery.twin = copy;
                enqueue(copy, delay);
            }
        }
    }

    /**
     * Sends {@code event} once more to the endpoint {@code endpointId}, as Stripe's resend does: the same event id,
     * signed afresh, retried like any delivery when the endpoint fails. No fault of the plan applies and nothing is
     * drawn from it, so a seeded run's later decisions stay as they were.
     *
     * @return false when no endpoint has that id (or it was deleted)
     */
    public synchronized boolean resend(JsonObject event, String endpointId) {
        for (WebhookEndpoint endpoint : endpoints) {
            if (endpointId.equals(endpoint.id())) {
                Delivery delivery = record(new Delivery(Json.string(event, "id"), Json.string(event, "type"),
                        endpoint, payloadFor(event, endpoint, false), false));
                scheduleAttempt(delivery, Duration.ZERO);
                return true;
            }
        }
        return false;
    }

    private Delivery record(Delivery delivery) {
        byEvent.computeIfAbsent(delivery.eventId, id -> new CopyOnWriteArrayList<>()).add(delivery);
        all.add(delivery);
        changePending(+1);
        return delivery;
    }

    /** The event as this endpoint gets it: labelled with its API version; claiming live mode when faulted. */
    private static String payloadFor(JsonObject event, WebhookEndpoint endpoint, boolean livemode) {
        if (endpoint.apiVersion() == null && !livemode) {
            return GSON.toJson(event);
        }
        JsonObject copy = event.deepCopy();
        if (endpoint.apiVersion() != null) {
            copy.addProperty("api_version", endpoint.apiVersion());
        }
        if (livemode) {
            copy.addProperty("livemode", true);
        }
        return GSON.toJson(copy);
    }

    private record Scheduled(Delivery delivery, Duration delay) {
    }

    /** Sends in order, or holds deliveries until a reorder window is full and sends it shuffled. */
    private void enqueue(Delivery delivery, Duration delay) {
        int window = dice.plan().reorderWindow();
        if (window <= 1) {
            scheduleAttempt(delivery, delay);
            return;
        }
        reorderWindow.add(new Scheduled(delivery, delay));
        windowGeneration++;
        if (reorderWindow.size() >= window) {
            flushReorderWindow();
            return;
        }
        // A window that does not fill (the last events of a burst) is sent when someone waits for the deliveries
        // (awaitIdle), or else once no event came for a while; so in a test, where windows split depends on the
        // events, not on timing.
        long generation = windowGeneration;
        try {
            worker.schedule(() -> flushIfQuiet(generation), REORDER_LINGER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            flushReorderWindow();
        }
    }

    private synchronized void flushIfQuiet(long generation) {
        if (generation == windowGeneration) {
            flushReorderWindow();
        }
    }

    private void flushReorderWindow() {
        if (reorderWindow.isEmpty()) {
            return;
        }
        dice.shuffle(reorderWindow, windowsSent++);
        for (Scheduled scheduled : reorderWindow) {
            scheduleAttempt(scheduled.delivery(), scheduled.delay());
        }
        reorderWindow.clear();
    }

    private void attempt(Delivery delivery) {
        int attempt = delivery.startAttempt();
        int status = 0;
        String error = null;
        try {
            // A faulted delivery's first attempt is signed with a secret the receiver cannot know.
            String secret = delivery.wrongSecret && attempt == 1 ? WRONG_SECRET : delivery.endpoint.secret();
            long timestamp = Instant.now().getEpochSecond();
            Delivery twin = delivery.twin;
            if (twin != null && twin.lastTimestamp == timestamp) {
                // Sent within the same second: another timestamp, so the signature differs as a later send's does.
                timestamp--;
            }
            delivery.lastTimestamp = timestamp;
            String signature = Webhook.Signature.generateSignatureHeader(delivery.payload, secret, timestamp);
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.endpoint.url()))
                    .timeout(RECEIVER_TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Stripe-Signature", signature)
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks) tollgate-emulator")
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            delivery.answered(Instant.now());
            if (status < 200 || status > 299) {
                error = "HTTP " + status;
            }
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        if (error == null) {
            delivery.finish(DeliveryStatus.State.DELIVERED, status, null);
            changePending(-1);
        } else if (attempt >= retryPolicy.maxAttempts() || worker.isShutdown()) {
            delivery.finish(DeliveryStatus.State.FAILED, status, error);
            changePending(-1);
            if (!worker.isShutdown()) {
                LOG.log(Level.INFO, "webhook {0} for {1} gave up after {2} attempts: {3}",
                        new Object[] {delivery.eventType, delivery.endpoint.url(), attempt, error});
            }
        } else {
            delivery.retryLater(status, error);
            scheduleAttempt(delivery, retryPolicy.delayAfter(attempt));
        }
    }

    private void scheduleAttempt(Delivery delivery, Duration delay) {
        try {
            worker.schedule(() -> attempt(delivery), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            delivery.finish(DeliveryStatus.State.FAILED, 0, "emulator stopped");
            changePending(-1);
        }
    }

    private void changePending(int delta) {
        synchronized (idle) {
            pending += delta;
            if (pending == 0) {
                idle.notifyAll();
            }
        }
    }

    /**
     * Sends a partly filled reorder window at once, then waits until no delivery is pending (delivered or given
     * up); false if the timeout came first.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        synchronized (this) {
            flushReorderWindow();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    @Override
    public boolean allDelivered(String eventId) {
        return byEvent.getOrDefault(eventId, List.of()).stream()
                .allMatch(delivery -> delivery.status().state() == DeliveryStatus.State.DELIVERED);
    }

    /** Every delivery so far, oldest first. */
    public List<DeliveryStatus> deliveries() {
        List<DeliveryStatus> statuses = new ArrayList<>();
        all.forEach(delivery -> statuses.add(delivery.status()));
        return statuses;
    }

    public void shutdown() {
        worker.shutdownNow();
    }

    /** One event on its way to one endpoint. */
    private static final class Delivery {
        final String eventId;
        final String eventType;
        final WebhookEndpoint endpoint;
        final String payload;
        final boolean wrongSecret;
        /** For a duplicated delivery, the other copy. */
        volatile Delivery twin;
        volatile long lastTimestamp;
        private DeliveryStatus.State state = DeliveryStatus.State.PENDING;
        private int attempts;
        private int lastStatusCode;
        private String lastError;
        private Instant lastAttemptAt;
        private Instant answeredAt;

        Delivery(String eventId, String eventType, WebhookEndpoint endpoint, String payload, boolean wrongSecret) {
            this.eventId = eventId;
            this.eventType = eventType;
            this.endpoint = endpoint;
            this.payload = payload;
            this.wrongSecret = wrongSecret;
        }

        synchronized int startAttempt() {
            lastAttemptAt = Instant.now();
            answeredAt = null;
            return ++attempts;
        }

        /**
         * Taken as soon as the answer is in (its body is discarded as it arrives), so a test can compare it with
         * what the receiver says it had committed by then.
         */
        synchronized void answered(Instant at) {
            answeredAt = at;
        }

        synchronized void retryLater(int statusCode, String error) {
            lastStatusCode = statusCode;
            lastError = error;
        }

        synchronized void finish(DeliveryStatus.State finalState, int statusCode, String error) {
            state = finalState;
            lastStatusCode = statusCode;
            lastError = error;
        }

        synchronized DeliveryStatus status() {
            return new DeliveryStatus(eventId, eventType, endpoint.url(), state, attempts, lastStatusCode, lastError,
                    lastAttemptAt, answeredAt);
        }
    }
}
