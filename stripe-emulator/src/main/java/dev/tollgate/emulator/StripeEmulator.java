package dev.tollgate.emulator;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.emulator.api.Controls;
import dev.tollgate.emulator.billing.DelayedSettlements;
import dev.tollgate.emulator.billing.RenewalPolicy;
import dev.tollgate.emulator.billing.Renewals;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import dev.tollgate.emulator.delivery.FaultPlan;
import dev.tollgate.emulator.delivery.RetryPolicy;
import dev.tollgate.emulator.delivery.WebhookDeliverer;
import dev.tollgate.emulator.delivery.WithheldDeliveries;
import dev.tollgate.emulator.http.ApiFaults;
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
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>Checkout Sessions get a {@code url} on the emulator's own hosted page, where Stripe's test cards behave as
 * on Stripe (4242… pays, …0002 is declined, …3220 asks for 3-D Secure, …0341 fails later charges, …0259 is
 * disputed). Every change records Stripe's events, which are delivered signed with {@link #webhookSecret()} to
 * the webhook endpoint (and to endpoints made through {@code /v1/webhook_endpoints}), with retries. Time moves
 * with test clocks or {@link #advance(Duration)}: renewals, failed payments, trials. Delivery and the API can be
 * made hostile ({@link #webhookFaults}, {@link #apiFaults}), reproducibly from a seed.
 */
public final class StripeEmulator implements AutoCloseable {
    private static final int API_THREADS = 8;
    /** The JDK HTTP server's limits on idle connections (seconds; count), see keepIdleConnectionsOpen. */
    private static final Map<String, String> IDLE_CONNECTION_LIMITS = Map.of(
            "sun.net.httpserver.idleInterval", "1500", "sun.net.httpserver.maxIdleConnections", "5000");

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
    private WithheldDeliveries withheld;
    private Store store;
    private String baseUrl;
    private Wiring.Wired wired;
    private final ApiFaults apiFaults = new ApiFaults();
    private FrontDoor frontDoor;

    private StripeEmulator(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The JDK's HTTP server closes a connection idle for 30 s, and closes at once every connection that turns idle
     * while 200 others are, while the JDK's HTTP client (what the tests and the demo's shoppers use, one client per
     * shopper) keeps one for up to 1,200 s and may send its next request on it before it sees the close: that
     * request gets no answer at all ("header parser received no bytes"), as a 1,000-lifecycle run met with cohorts
     * of 200 shoppers. Stripe's servers do not do that to a client, so neither does the emulator. The JDK reads
     * these once per JVM, when its first HTTP server starts; an explicit setting wins.
     */
    private static void keepIdleConnectionsOpen() {
        IDLE_CONNECTION_LIMITS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }

    /** Binds 127.0.0.1 on the configured port, seeds the catalog and starts serving. */
    public synchronized StripeEmulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        keepIdleConnectionsOpen();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + config.port, e);
        }
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        store = new Store(new IdGenerator(config.seed), config.clock);
        deliverer = new WebhookDeliverer(config.retryPolicy);
        deliverer.faults(config.faults);
        apiFaults.configure(config.apiFaults);
        withheld = new WithheldDeliveries(deliverer, this::customerOf);
        store.connect(withheld);
        store.twinEventsWith(type -> deliverer.twinEvent());

        Router router = new Router();
        wired = Wiring.register(router, store, deliverer, baseUrl, config.openCatalog(), new ControlSurface());
        wired.renewals().policy(config.renewalPolicy);
        if (config.webhookUrl != null) {
            // The configured endpoint is an ordinary webhook_endpoint: listed, updatable, deletable.
            wired.webhookEndpoints().registerConfigured(config.webhookUrl, config.webhookSecret);
        }
        frontDoor = new FrontDoor(router, apiFaults, config.strict);
        store.checkBeforeWork(frontDoor::checkBeforeChange);
        server.createContext("/", frontDoor);
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

    /**
     * Moves the emulator's own time forward and lives through everything due on the way: renewals, failed
     * payments and their retries, trial ends, subscriptions ending at period end, delayed one-time payments
     * answered by the bank ({@link DelayedSettlements}) — each at its moment. Customers
     * on a test clock are left to their clock. Events are recorded at once; their deliveries follow as usual.
     */
    public void advance(Duration by) {
        requireStarted();
        long seconds = by.toSeconds();
        if (seconds <= 0) {
            throw new IllegalArgumentException("advance by at least one second");
        }
        store.atomically(() -> {
            long target = store.wallNow() + seconds;
            Renewals.Clockwork clockwork = (moment, step) -> {
                store.advanceBy(Math.max(0, moment - store.wallNow()));
                step.run();
            };
            wired.settlements().runUntil(target, customer -> Json.string(customer, "test_clock") == null, clockwork);
            wired.renewals().runUntil(target, subscription -> Json.string(subscription, "test_clock") == null,
                    clockwork);
            store.advanceBy(Math.max(0, target - store.wallNow()));
            return null;
        });
    }

    /** The emulator's own time (the configured clock plus every {@link #advance}). */
    public Instant now() {
        requireStarted();
        return Instant.ofEpochSecond(store.wallNow());
    }

    /** Makes webhook delivery hostile (or, with {@link FaultPlan#NONE}, faithful) from now on. */
    public void webhookFaults(FaultPlan plan) {
        requireStarted();
        deliverer.faults(plan);
    }

    /** Injects API faults and a rate limit from now on; {@link ApiFaults.Settings#NONE} turns them off. */
    public void apiFaults(ApiFaults.Settings settings) {
        requireStarted();
        apiFaults.configure(settings);
    }

    /** Refuse (true, the default) or ignore unknown API parameters from now on. */
    public void strict(boolean on) {
        requireStarted();
        frontDoor.strict(on);
    }

    /**
     * From now on the restricted key {@code key} lacks the given permissions (Stripe's names, e.g. {@code
     * rak_checkout_session_write}): a request that needs one is answered 403 naming it, as Stripe does. With no
     * permissions the key may do everything again.
     */
    public void withholdPermissions(String key, String... permissions) {
        requireStarted();
        if (permissions.length == 0) {
            frontDoor.restrictedKeys().grantAll(key);
        } else {
            frontDoor.restrictedKeys().withhold(key, Set.of(permissions));
        }
    }

    /**
     * API requests received since start (or the last {@link #resetApiRequestCounts()}), by method and resource,
     * e.g. {@code GET /v1/subscriptions → 3}: how many Stripe calls the app under test made.
     */
    public Map<String, Long> apiRequestCounts() {
        requireStarted();
        return frontDoor.apiRequestCounts();
    }

    /** Starts counting API requests from zero. */
    public void resetApiRequestCounts() {
        frontDoor.resetApiRequestCounts();
    }

    /** Closes an open dispute as won or lost, recording {@code charge.dispute.closed}. */
    public void resolveDispute(String disputeId, boolean won) {
        requireStarted();
        store.atomically(() -> wired.disputes().close(disputeId, won ? "won" : "lost"));
    }

    /**
     * Holds back the webhook deliveries of every event about {@code customerId} from now on — its subscriptions,
     * invoices, payments, refunds and disputes — until {@link #releaseDeliveries}: Stripe's events arriving late.
     * The events are recorded and listed as usual; held deliveries are not pending for
     * {@link #awaitDeliveriesIdle}.
     */
    public void withholdDeliveries(String customerId) {
        requireStarted();
        store.atomically(() -> {
            withheld.withhold(customerId);
            return null;
        });
    }

    /**
     * Delivers what was held for {@code customerId} — in recorded order, or newest first (a later report arriving
     * before an earlier one) — and stops holding its events; the fault plan applies to them as to any other.
     *
     * @return the ids of the released events, in the order they were handed to delivery
     */
    public List<String> releaseDeliveries(String customerId, boolean newestFirst) {
        requireStarted();
        return store.atomically(() -> withheld.release(customerId, newestFirst));
    }

    /**
     * Opens a dispute over the whole of {@code chargeId}, as card …0259 does at payment, at any later moment:
     * {@code charge.dispute.created} and {@code charge.dispute.funds_withdrawn}.
     *
     * @return the dispute's id
     * @throws IllegalArgumentException when there is no such charge, or it is already disputed
     */
    public String disputeCharge(String chargeId) {
        requireStarted();
        return store.atomically(() -> {
            JsonObject charge = store.find("charge", chargeId)
                    .orElseThrow(() -> new IllegalArgumentException("no charge " + chargeId));
            if (Json.bool(charge, "disputed")) {
                throw new IllegalArgumentException(chargeId + " is already disputed");
            }
            return Json.string(wired.disputes().open(charge), "id");
        });
    }

    /** The customer an event is about: the object itself, the customer it names, or a dispute's charge's. */
    private String customerOf(JsonObject event) {
        JsonObject object = event.getAsJsonObject("data").getAsJsonObject("object");
        if ("customer".equals(Json.string(object, "object"))) {
            return Json.string(object, "id");
        }
        String customer = Json.string(object, "customer");
        if (customer == null && "dispute".equals(Json.string(object, "object"))) {
            customer = store.find("charge", Json.string(object, "charge"))
                    .map(charge -> Json.string(charge, "customer")).orElse(null);
        }
        return customer;
    }

    /** The control surface's view of this emulator. */
    private final class ControlSurface implements Controls {
        @Override
        public void advance(Duration by) {
            StripeEmulator.this.advance(by);
        }

        @Override
        public long now() {
            return store.wallNow();
        }

        @Override
        public void faults(String spec) {
            Faults parsed = Faults.parse(spec);
            deliverer.faults(parsed.webhooks());
            apiFaults.configure(parsed.api());
        }

        @Override
        public String faults() {
            return deliverer.faults() + "," + Faults.describe(apiFaults.settings());
        }

        @Override
        public void resolveDispute(String disputeId, String outcome) {
            store.atomically(() -> wired.disputes().close(disputeId, outcome));
        }
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
        private FaultPlan faults = FaultPlan.NONE;
        private ApiFaults.Settings apiFaults = ApiFaults.Settings.NONE;
        private RenewalPolicy renewalPolicy = RenewalPolicy.DEFAULT;
        private boolean strict = true;

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

        /** Hostile webhook delivery from the start (drop, duplicate, reorder, delay, wrong secret, …). */
        public Builder webhookFaults(FaultPlan plan) {
            this.faults = plan;
            return this;
        }

        /** Injected API errors, slow answers and a rate limit from the start. */
        public Builder apiFaults(ApiFaults.Settings settings) {
            this.apiFaults = settings;
            return this;
        }

        /**
         * Webhook and API faults from one spec, as on the command line and the control surface, e.g.
         * {@code "seed=7,drop=0.1,duplicate=0.1,reorder=4,rate_limit=25"}.
         */
        public Builder faults(String spec) {
            Faults parsed = Faults.parse(spec);
            this.faults = parsed.webhooks();
            this.apiFaults = parsed.api();
            return this;
        }

        /** The retry schedule of failed renewals and the status after the last retry; default 3/5/7 days, unpaid. */
        public Builder renewalPolicy(RenewalPolicy policy) {
            this.renewalPolicy = policy;
            return this;
        }

        /** Whether unknown API parameters are refused with Stripe's 400 (default true) or ignored. */
        public Builder strict(boolean on) {
            this.strict = on;
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
