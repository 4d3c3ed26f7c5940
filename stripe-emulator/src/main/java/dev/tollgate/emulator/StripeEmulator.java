package dev.tollgate.emulator;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import dev.tollgate.emulator.delivery.RetryPolicy;
import dev.tollgate.emulator.delivery.WebhookDeliverer;
import dev.tollgate.emulator.delivery.WebhookEndpoint;
import dev.tollgate.emulator.http.FrontDoor;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.IdGenerator;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An offline, stateful Stripe for tests and demos. stripe-java talks to it unchanged:
 *
 * <pre>{@code
 * StripeEmulator emulator = StripeEmulator.builder()
 *         .port(0)                                   // any free port on 127.0.0.1
 *         .catalog(Path.of("catalog.json"))          // optional; default: Basic, Pro, 100 credits
 *         .webhookEndpoint("http://127.0.0.1:8080/payments/stripe/webhook")
 *         .build().start();
 * StripeClient client = StripeClient.builder().setApiKey("sk_test_emulator")
 *         .setApiBase(emulator.baseUrl()).setMaxNetworkRetries(2).build();
 * ...
 * emulator.awaitDeliveriesIdle(Duration.ofSeconds(10));
 * emulator.stop();
 * }</pre>
 *
 * <p>Checkout Sessions get a {@code url} on the emulator's own hosted page, where test card 4242 4242 4242 4242
 * pays and 4000 0000 0000 0002 is declined. Every change records Stripe's events, which are delivered signed
 * with {@link #webhookSecret()} to the webhook endpoint, with retries.
 */
public final class StripeEmulator implements AutoCloseable {
    private static final int API_THREADS = 8;

    static {
        // The JDK server writes headers and body separately; with Nagle on, every small response waits ~40 ms
        // for the client's delayed ACK. Read once when the JDK server first starts, so set it early; a value
        // chosen by the application wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Builder config;
    private HttpServer server;
    private ExecutorService apiThreads;
    private WebhookDeliverer deliverer;
    private Store store;
    private String baseUrl;

    private StripeEmulator(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds 127.0.0.1 on the configured port, seeds the catalog and starts serving. */
    public synchronized StripeEmulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + config.port, e);
        }
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        store = new Store(new IdGenerator(config.seed), config.clock);
        deliverer = new WebhookDeliverer(config.retryPolicy);
        if (config.webhookUrl != null) {
            deliverer.addEndpoint(new WebhookEndpoint(config.webhookUrl, config.webhookSecret));
        }
        store.connect(deliverer);

        Router router = new Router();
        Wiring.register(router, store, deliverer, baseUrl, config.openCatalog());
        server.createContext("/", new FrontDoor(router));
        apiThreads = Executors.newFixedThreadPool(API_THREADS, task -> {
            Thread thread = new Thread(task, "stripe-emulator-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(apiThreads);
        server.start();
        return this;
    }

    /** Stops serving and delivering; pending deliveries are abandoned. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        apiThreads.shutdownNow();
        deliverer.shutdown();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code http://127.0.0.1:<port>}: the API base for stripe-java, and the origin of the hosted pages. */
    public String baseUrl() {
        requireStarted();
        return baseUrl;
    }

    public int port() {
        requireStarted();
        return server.getAddress().getPort();
    }

    /** The {@code whsec_…} secret that signs webhook deliveries. */
    public String webhookSecret() {
        return config.webhookSecret;
    }

    /**
     * Waits until every webhook delivery so far has succeeded or given up.
     *
     * @return false when the timeout passed first (or the wait was interrupted)
     */
    public boolean awaitDeliveriesIdle(Duration timeout) {
        requireStarted();
        try {
            return deliverer.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Every webhook delivery so far, oldest first. */
    public List<DeliveryStatus> deliveries() {
        requireStarted();
        return deliverer.deliveries();
    }

    /** The types of all recorded events, oldest first. */
    public List<String> eventTypes() {
        requireStarted();
        return store.atomically(() -> store.all("event").stream().map(event -> Json.string(event, "type")).toList());
    }

    /** All recorded events as Stripe's JSON, oldest first. */
    public List<JsonObject> events() {
        requireStarted();
        return store.atomically(() -> store.all("event").stream().map(JsonObject::deepCopy).toList());
    }

    private void requireStarted() {
        if (baseUrl == null) {
            throw new IllegalStateException("emulator not started");
        }
    }

    /** Configuration of an emulator; every setting has a default. */
    public static final class Builder {
        private int port;
        private byte[] catalog;
        private String webhookUrl;
        private String webhookSecret = randomWebhookSecret();
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private long seed = new SecureRandom().nextLong();

        private Builder() {
        }

        private static String randomWebhookSecret() {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            return "whsec_" + HexFormat.of().formatHex(bytes);
        }

        /** The port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A catalog file: {@code {"products":[{"id","name","prices":[{"id","lookup_key","unit_amount",…}]}]}}. */
        public Builder catalog(Path file) {
            try {
                this.catalog = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read catalog " + file, e);
            }
            return this;
        }

        public Builder catalog(InputStream json) {
            try (json) {
                this.catalog = json.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read catalog", e);
            }
            return this;
        }

        /** Where events are POSTed; without one, events are only recorded. */
        public Builder webhookEndpoint(String url) {
            this.webhookUrl = url;
            return this;
        }

        /** The signing secret; default: a random {@code whsec_…}. */
        public Builder webhookSecret(String secret) {
            if (secret == null || !secret.startsWith("whsec_")) {
                throw new IllegalArgumentException("a webhook secret starts with whsec_");
            }
            this.webhookSecret = secret;
            return this;
        }

        /** The first retry delay of a failed delivery (doubling after each failure); default 1 s. */
        public Builder webhookRetryBaseDelay(Duration delay) {
            this.retryPolicy = new RetryPolicy(delay, retryPolicy.maxAttempts());
            return this;
        }

        /** Attempts per delivery before giving up; default 5. */
        public Builder webhookMaxAttempts(int attempts) {
            this.retryPolicy = new RetryPolicy(retryPolicy.baseDelay(), attempts);
            return this;
        }

        /** The clock for {@code created} and billing periods; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Seeds id generation, so that a run's ids repeat; default random. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public StripeEmulator build() {
            return new StripeEmulator(this);
        }

        private InputStream openCatalog() {
            if (catalog != null) {
                return new ByteArrayInputStream(catalog);
            }
            InputStream bundled = StripeEmulator.class.getResourceAsStream("default-catalog.json");
            if (bundled == null) {
                throw new IllegalStateException("default-catalog.json missing from the emulator jar");
            }
            return bundled;
        }
    }
}
