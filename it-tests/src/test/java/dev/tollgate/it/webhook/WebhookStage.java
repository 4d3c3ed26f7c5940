package dev.tollgate.it.webhook;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource;
import com.stripe.net.StripeResponse;
import com.stripe.net.Webhook;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.WebhookEndpointUpdateParams;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.demo.DemoServer;
import dev.tollgate.emulator.CheckoutForm;
import dev.tollgate.emulator.StripeEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The stage every webhook scenario plays on: the demo's embedded Tomcat with the unchanged payments WAR at
 * {@code /payments}, the Stripe emulator, and H2 or PostgreSQL. The WAR is configured for a rotation (two
 * signing secrets), a one-minute "unmatched" age and a 64 KiB body cap, so every rule can be seen in seconds.
 */
final class WebhookStage implements AutoCloseable {

    /** The secret being rotated out; the emulator still signs with it. */
    static final String OLD_SECRET = "whsec_itRotationOld4d1f8a0c6e2b9d7f3a5c1e8b";
    /** The secret being rotated in. */
    static final String NEW_SECRET = "whsec_itRotationNew9b2e7c4a1f6d3b8e5c2a7f4d";
    /** A secret this endpoint never had. */
    static final String FOREIGN_SECRET = "whsec_itNotOurs0000000000000000000000000000";
    /** Events naming an unknown customer are "unmatched" once older than this (the default is an hour). */
    static final Duration UNMATCHED_AFTER = Duration.ofSeconds(60);
    /** PAYMENTS_MONITORING_TOKEN: the Bearer token that reads /health's details. */
    static final String MONITORING_TOKEN = "it-webhook-stage-monitoring-0123456789";
    /** The body cap the WAR is given (PAYMENTS_WEBHOOK_MAX_BYTES). */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A user who has paid for pro through the emulator's checkout. */
    record Subscriber(String user, String customerId, String subscriptionId) {
    }

    private final DemoServer demo;
    private final DemoDatabase.Kind database;
    private final Rows rows;
    private final StripeClient stripe;
    private final HttpClient http;
    private final PaidCheckouts checkouts;
    /** The payments WAR in a JVM of its own, when the stage runs it so ({@link #startWithPaymentsNode}). */
    private final KillablePaymentsNode paymentsNode;

    private WebhookStage(DemoServer demo, DemoDatabase.Kind database) {
        this(demo, database, null);
    }

    private WebhookStage(DemoServer demo, DemoDatabase.Kind database, KillablePaymentsNode paymentsNode) {
        this.paymentsNode = paymentsNode;
        this.demo = demo;
        this.database = database;
        this.rows = new Rows(demo.dataSource());
        this.stripe = StripeClient.builder().setApiKey("sk_test_tollgate_webhook_it")
                .setApiBase(demo.emulator().baseUrl()).build();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.checkouts = new PaidCheckouts(stripe, http, rows, demo.paymentsUrl());
    }

    /** Starts the demo on {@code database}; PostgreSQL must be reachable (the start fails loudly otherwise). */
    static WebhookStage start(DemoDatabase.Kind database) throws Exception {
        return start(database, UnaryOperator.identity());
    }

    /** The same, with {@code configure} adding settings of a scenario family (WAR settings, the gate's rules). */
    static WebhookStage start(DemoDatabase.Kind database, UnaryOperator<DemoOptions> configure) throws Exception {
        return new WebhookStage(DemoServer.start(configure.apply(options(database, dataDir(database)))), database);
    }

    /**
     * The same stage with the unchanged payments WAR in a JVM of its own ({@link KillablePaymentsNode}, PostgreSQL
     * only) on the stage's schema: the emulator delivers to that node, the sample app's gate reads the same schema,
     * and {@link #killPaymentsNode()} replaces the node after a {@code kill -9}. Its database faults are drawn from
     * {@code faultSeed}.
     */
    static WebhookStage startWithPaymentsNode(DemoDatabase.Kind database, UnaryOperator<DemoOptions> configure,
                                              long faultSeed) throws Exception {
        int port = PaymentsNodeProcess.freePort();
        Path dataDir = dataDir(database);
        DemoOptions options = configure.apply(options(database, dataDir))
                .withPaymentsNode(KillablePaymentsNode.paymentsUrl(port));
        DemoServer demo = DemoServer.start(options);
        try {
            return new WebhookStage(demo, database, KillablePaymentsNode.start(port, dataDir.resolve("nodes"),
                    options.settings(), demo.database(), demo.emulator().baseUrl(), faultSeed));
        } catch (Exception | Error notStarted) {
            demo.close();
            throw notStarted;
        }
    }

    /** Tomcat's work files (and the H2 file) under target/, one folder per stage; the demo empties the database. */
    private static Path dataDir(DemoDatabase.Kind database) {
        return Path.of(System.getProperty("project.build.directory", "target"), "webhook-stage",
                database.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static DemoOptions options(DemoDatabase.Kind database, Path dataDir) {
        return DemoOptions.defaults().onPorts(0, 0).withDataDir(dataDir).withDatabase(database)
                .withSetting("STRIPE_WEBHOOK_SECRET", OLD_SECRET + "," + NEW_SECRET)
                .withSetting("PAYMENTS_UNMATCHED_AFTER_SECONDS", Long.toString(UNMATCHED_AFTER.toSeconds()))
                .withSetting("PAYMENTS_WEBHOOK_MAX_BYTES", Integer.toString(MAX_BODY_BYTES))
                .withSetting("PAYMENTS_MONITORING_TOKEN", MONITORING_TOKEN);
    }

    /** Writes a plan catalog file ({@code PAYMENTS_PLANS} as a properties file) under the stages' folder. */
    static Path writePlanFile(String catalog) {
        try {
            Path folder = Files.createDirectories(
                    Path.of(System.getProperty("project.build.directory", "target"), "webhook-stage"));
            return Files.writeString(folder.resolve("plans-" + UUID.randomUUID() + ".properties"), catalog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plan catalog for the stage", e);
        }
    }

    /** Options whose WAR runs reconcile jobs only when asked: the schedule stays out of a test's way. */
    static DemoOptions reconcilingOnlyWhenAsked(DemoOptions options) {
        return options.withSetting("PAYMENTS_RECONCILE_CATCH_UP_MINUTES", "0")
                .withSetting("PAYMENTS_RECONCILE_DRIFT_HOURS", "0");
    }

    /** Adds a user of the sample app (password = name), so each lifecycle of a model test signs in as itself. */
    void addUser(String name) {
        demo.addUser(name);
    }

    DemoDatabase.Kind database() {
        return database;
    }

    /** The pool both webapps use, for the benchmark's JDBC floor. */
    javax.sql.DataSource demoDataSource() {
        return demo.dataSource();
    }

    Rows rows() {
        return rows;
    }

    StripeEmulator emulator() {
        return demo.emulator();
    }

    StripeClient stripe() {
        return stripe;
    }

    /** The payments WAR's address, e.g. {@code http://localhost:8080/payments/}. */
    URI paymentsUrl() {
        return demo.paymentsUrl();
    }

    /**
     * From now on {@code share} of the payments WAR's statements and commits fail (the gate's reads do not);
     * answers how many failed so far.
     */
    long failPaymentsDatabase(double share) {
        if (paymentsNode == null) {
            return demo.failPaymentsDatabase(share);
        }
        try {
            return paymentsNode.failDatabase(share);
        } catch (IOException | InterruptedException notTold) {
            throw new IllegalStateException("the payments node did not take db-faults " + share, notTold);
        }
    }

    /** {@code kill -9} of the payments node, then a new one on the same schema and port; returns once it serves. */
    void killPaymentsNode() throws IOException, InterruptedException {
        paymentsNode.killAndRestart();
    }

    /** The sample app's home page, gated by the payments-filter jar. */
    URI appUrl() {
        return demo.appUrl();
    }

    URI webhookUrl() {
        return demo.paymentsUrl().resolve("stripe/webhook");
    }

    /** The WAR's {@code POST /billing/checkout}, which the app's pricing form posts to. */
    URI checkoutUrl() {
        return demo.paymentsUrl().resolve("billing/checkout");
    }

    /** The WAR's {@code GET /billing/prices}, which pricing pages read. */
    URI pricesUrl() {
        return demo.paymentsUrl().resolve("billing/prices");
    }

    URI healthUrl() {
        return demo.paymentsUrl().resolve("health");
    }

    /** A {@code Stripe-Signature} header for {@code body}, made by stripe-java's helper, timestamped now. */
    static String sign(String body, String secret) {
        return sign(body, secret, Instant.now().getEpochSecond());
    }

    static String sign(String body, String secret, long timestamp) {
        try {
            return Webhook.Signature.generateSignatureHeader(body, secret, timestamp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable in this JVM", e);
        }
    }

    /** Posts {@code body} signed with the secret the emulator uses, as Stripe delivers (and retries) an event. */
    HttpResponse<String> deliver(String body) throws IOException, InterruptedException {
        return deliver(body, sign(body, OLD_SECRET));
    }

    /** Posts {@code body} with the given {@code Stripe-Signature} header ({@code null}: no header). */
    HttpResponse<String> deliver(String body, String signature) throws IOException, InterruptedException {
        return http.send(webhookPost(body, signature), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> deliverAsync(String body, String signature) {
        return http.sendAsync(webhookPost(body, signature), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest webhookPost(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhookUrl()).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return request.build();
    }

    /** {@code /health} with {@code Authorization: Bearer <token>} (null: none). */
    HttpResponse<String> health(String bearerToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(healthUrl()).timeout(TIMEOUT).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code /health}'s details, as the monitoring token's holder reads them. */
    String healthDetails() throws IOException, InterruptedException {
        return health(MONITORING_TOKEN).body();
    }

    HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The app's pricing form posted to the WAR's {@code POST /billing/checkout} for {@code price}, by {@code user}
     * of the demo's realm (Basic, the password is the name) from the app's own origin; 303 to Checkout on success.
     */
    HttpRequest checkoutPost(String user, String price) {
        URI app = appUrl();
        return HttpRequest.newBuilder(checkoutUrl()).timeout(Duration.ofSeconds(60))
                .header("Authorization", basicAuthorization(user))
                .header("Origin", app.getScheme() + "://" + app.getAuthority())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("price=" + price)).build();
    }

    /** {@code user} posts the app's pricing form for {@code price}: the emulator's checkout page it is sent to. */
    URI startCheckout(String user, String price) throws IOException, InterruptedException {
        HttpResponse<String> started = http.send(checkoutPost(user, price), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 303) {
            throw new AssertionError("the checkout of " + price + " by " + user + " answered "
                    + started.statusCode() + ":\n" + started.body());
        }
        return URI.create(started.headers().firstValue("Location").orElseThrow());
    }

    /** Pays on the emulator's checkout page with {@code card}: the WAR's return page Checkout sends the browser to. */
    URI pay(URI checkoutPage, String card) throws IOException, InterruptedException {
        HttpResponse<String> paid = CheckoutForm.pay(http, checkoutPage, card);
        if (paid.statusCode() != 303) {
            throw new AssertionError("paying with " + card + " answered " + paid.statusCode() + ":\n" + paid.body());
        }
        return URI.create(paid.headers().firstValue("Location").orElseThrow());
    }

    /** A checkout paid while Stripe's reports of its customer are held back by the emulator. */
    record PaidUnreported(String customerId, URI returnPage) {
    }

    /**
     * {@code user} checks out {@code price} and pays with {@code card}, the customer's deliveries withheld from the
     * moment the checkout made it: nothing has reported the payment to the WAR yet.
     */
    PaidUnreported payWithReportsHeld(String user, String price, String card) throws Exception {
        URI checkoutPage = startCheckout(user, price);
        String customer = rows.linkedCustomer(user).orElseThrow();
        demo.emulator().withholdDeliveries(customer);
        return new PaidUnreported(customer, pay(checkoutPage, card));
    }

    /** {@code user}'s browser loads the WAR's return page; 303 to the landing page when the checkout is theirs. */
    HttpResponse<String> loadReturnPage(URI returnPage, String user) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(returnPage).timeout(TIMEOUT)
                .header("Authorization", basicAuthorization(user)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The Checkout Session a return page is for ({@code session_id}). */
    static String checkoutOf(URI returnPage) {
        return returnPage.getQuery().replaceFirst("^.*session_id=", "");
    }

    /**
     * Stripe's resend of {@code eventId} to the WAR's webhook endpoint ({@code POST /v1/events/{id}/retry}, what
     * {@code stripe events resend} calls): the same event once more, signed afresh. Delivered in the background.
     */
    void resendEvent(String eventId) throws StripeException {
        String endpoint = webhookEndpointId();
        StripeResponse answer = stripe.rawRequest(ApiResource.RequestMethod.POST,
                "/v1/events/" + eventId + "/retry", "webhook_endpoint=" + endpoint);
        if (answer.code() != 200) {
            throw new AssertionError("resending " + eventId + " answered " + answer.code() + ": " + answer.body());
        }
    }

    /**
     * Switches Stripe's deliveries to the WAR's webhook endpoint off (as a Dashboard user disabling the endpoint
     * does: events are still recorded, nothing is sent) or on again.
     */
    void webhookDeliveries(boolean on) throws StripeException {
        stripe.v1().webhookEndpoints().update(webhookEndpointId(),
                WebhookEndpointUpdateParams.builder().setDisabled(!on).build());
    }

    /** The WAR's {@code POST /billing/portal}, which the app's "Manage billing" button posts to. */
    URI portalUrl() {
        return demo.paymentsUrl().resolve("billing/portal");
    }

    /** The app's "Manage billing" form posted by {@code user} from the app's own origin. */
    HttpRequest portalPost(String user) {
        URI app = appUrl();
        return HttpRequest.newBuilder(portalUrl()).timeout(TIMEOUT)
                .header("Authorization", basicAuthorization(user))
                .header("Origin", app.getScheme() + "://" + app.getAuthority())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    /** {@code user} presses "Manage billing": the emulator's portal page the WAR sends the browser to. */
    URI openPortal(String user) throws IOException, InterruptedException {
        HttpResponse<String> opened = http.send(portalPost(user), HttpResponse.BodyHandlers.ofString());
        if (opened.statusCode() != 303) {
            throw new AssertionError("the portal of " + user + " answered " + opened.statusCode() + ":\n"
                    + opened.body());
        }
        return URI.create(opened.headers().firstValue("Location").orElseThrow());
    }

    /**
     * Presses a button of the emulator's portal page for one subscription: {@code action} = cancel_at_period_end,
     * renew, cancel_now, or switch (with {@code price}); the page answers 303 back to itself.
     */
    void inPortal(URI portal, String subscriptionId, String action, String price)
            throws IOException, InterruptedException {
        String form = "action=" + action + (price == null ? "" : "&price=" + price);
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(portal + "/subscriptions/"
                        + subscriptionId)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 303) {
            throw new AssertionError(action + " in the portal answered " + done.statusCode() + ":\n" + done.body());
        }
    }

    /** The WAR's return page for a Checkout Session, as Checkout's success URL names it. */
    URI returnPageOf(String checkoutSessionId) {
        return demo.paymentsUrl().resolve("billing/return?session_id=" + checkoutSessionId);
    }

    private String webhookEndpointId() throws StripeException {
        return stripe.v1().webhookEndpoints().list().getData().stream()
                .filter(known -> webhookUrl().toString().equals(known.getUrl())).findFirst().orElseThrow().getId();
    }

    /** {@code Authorization} of a user of the demo's realm, whose password is its name. */
    /**
     * Returns once the clock is in a later second than when called: Stripe stamps objects in whole seconds, and a
     * reconcile run asks from a moment in whole seconds, so what comes after this is told apart from what came before.
     */
    static void awaitNextSecond() throws InterruptedException {
        long second = Instant.now().getEpochSecond();
        while (Instant.now().getEpochSecond() == second) {
            Thread.sleep(20);
        }
    }

    static String basicAuthorization(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #subscribeToPro(String, String, String)} with the always-paying card and no test clock. */
    Subscriber subscribeToPro(String user) throws Exception {
        return subscribeToPro(user, PaidCheckouts.PAYING_CARD, null);
    }

    /**
     * Makes {@code user} a pro subscriber the way Stripe would: a customer (on {@code testClock} when given), a
     * Checkout Session paid on the emulator's page with {@code card}, and the emulator's own signed deliveries to
     * the WAR. The account row is there first, linked to the customer, as after {@code POST /billing/checkout}.
     */
    Subscriber subscribeToPro(String user, String card, String testClock) throws Exception {
        return subscribe(user, StripeEvents.PRO_PRICE, card, testClock);
    }

    /** {@link #subscribeToPro(String, String, String)} for another {@code price} of the catalog. */
    Subscriber subscribe(String user, String price, String card, String testClock) throws Exception {
        Subscriber subscriber = checkouts.subscribe(user, price, card, testClock);
        awaitDeliveries();
        return subscriber;
    }

    /**
     * {@code user} buys {@code credits} once through the one-time {@code price}, as {@link #subscribe} pays, and
     * the emulator's deliveries are waited for: the paid Checkout's id.
     */
    String buyCredits(String user, String price, long credits) throws Exception {
        String checkout = checkouts.buyCredits(user, price, credits);
        awaitDeliveries();
        return checkout;
    }

    /** A new test clock of the emulator, frozen at the emulator's now. */
    TestClock newTestClock() throws StripeException {
        return testClockAt(demo.emulator().now(), "it-" + UUID.randomUUID());
    }

    /**
     * A new test clock frozen a calendar month (UTC) before {@code at}: a monthly period begun on it, or a yearly
     * one's first month, ends at {@code at} in real time.
     */
    TestClock testClockAMonthBefore(Instant at, String name) throws StripeException {
        return testClockAt(at.atZone(ZoneOffset.UTC).minusMonths(1).toInstant(), name);
    }

    /** A new test clock of the emulator, frozen at {@code frozen} (whole seconds). */
    TestClock testClockAt(Instant frozen, String name) throws StripeException {
        return stripe.v1().testHelpers().testClocks().create(TestClockCreateParams.builder()
                .setFrozenTime(frozen.getEpochSecond()).setName(name).build());
    }

    /** Moves the test clock forward and waits until the WAR has received what that produced. */
    void advanceTestClock(TestClock clock, Duration by) throws StripeException {
        TestClock current = stripe.v1().testHelpers().testClocks().retrieve(clock.getId());
        stripe.v1().testHelpers().testClocks().advance(clock.getId(), TestClockAdvanceParams.builder()
                .setFrozenTime(current.getFrozenTime() + by.toSeconds()).build());
        awaitDeliveries();
    }

    /** Waits until the emulator has delivered (or given up on) every event so far. */
    void awaitDeliveries() {
        if (!demo.emulator().awaitDeliveriesIdle(TIMEOUT)) {
            throw new AssertionError("the emulator's webhook deliveries did not finish within " + TIMEOUT + ": "
                    + demo.emulator().deliveries());
        }
    }

    @Override
    public void close() {
        try {
            if (paymentsNode != null) {
                paymentsNode.close();
            }
        } catch (IOException | InterruptedException notStopped) {
            System.err.println("The payments node did not stop cleanly: " + notStopped.getMessage());
        } finally {
            demo.close();
        }
    }
}
