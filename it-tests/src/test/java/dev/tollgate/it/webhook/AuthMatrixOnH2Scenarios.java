package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.it.Shopper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 13's auth matrix: anonymous, a user, another user and an admin against every endpoint of the payments WAR
 * and the gated app of the demo's stage, each answer compared with what README's endpoint table promises. Alice
 * subscribed to pro (her Checkout Session's return page is the "someone else's" case for bob and the admin); bob
 * has bought nothing. Every forbidden POST — no CSRF token, a foreign or missing Origin — must change nothing:
 * the footprint of the database (events, accounts, entitlements and their versions, reconcile runs) and Stripe's
 * webhook endpoints are compared before and after. No answer, allowed or refused, may carry a secret-shaped value
 * (the admin's pages show a key's mode and last four characters at most). All refusals are collected and
 * reported together.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthMatrixOnH2Scenarios {

    private static final String ANONYMOUS = null;
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String ADMIN = AdminApi.ADMIN;
    private static final String FOREIGN_ORIGIN = "https://evil.example";
    /** The shape .ci/no-secrets-in-logs looks for in the logs: a key or signing secret and some of its characters. */
    private static final Pattern SECRET_SHAPE =
            Pattern.compile("(sk_live_|sk_test_|rk_live_|rk_test_|whsec_)[A-Za-z0-9_]{4,}");

    private WebhookStage stage;
    private URI payments;
    private URI aliceReturnPage;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> wrong = new ArrayList<>();

    @BeforeAll
    void aliceSubscribes() throws Exception {
        stage = WebhookStage.start(DemoDatabase.Kind.H2, WebhookStage::reconcilingOnlyWhenAsked);
        payments = stage.webhookUrl().resolve("..");
        aliceReturnPage = stage.pay(stage.startCheckout(ALICE, StripeEvents.PRO_PRICE), PaidCheckouts.PAYING_CARD);
        stage.awaitDeliveries();
    }

    @AfterAll
    void stop() {
        if (stage != null) {
            stage.close();
        }
    }

    @Test
    void everyoneGetsWhatTheEndpointTablePromisesAndNoForbiddenPostChangesAnything() throws Exception {
        Map<String, Object> before = stateOfEverything();

        // GET /health: anyone gets UP and nothing more (/health is outside every constraint, so credentials sent
        // with it are not checked; an admin reads the details at /admin/health, below).
        for (String who : everyone()) {
            HttpResponse<String> health = send(who, get("health"));
            expect(who, "GET /health", 200, health);
            if (health.body().contains("schemaVersion")) {
                wrong.add(who + " GET /health: details shown: " + health.body());
            }
        }

        // The prices, for a pricing page: anyone, signed in or not (the one path under /billing/* left open).
        for (String who : everyone()) {
            HttpResponse<String> prices = send(who, get("billing/prices"));
            expect(who, "GET /billing/prices", 200, prices);
            if (!prices.body().contains("\"formatted\":\"29.00 USD\"")) {
                wrong.add(who + " GET /billing/prices: not the catalog's prices: " + prices.body());
            }
        }

        // The webhook: the same 400 for everyone without Stripe's signature, whatever credentials come along.
        for (String who : everyone()) {
            expect(who, "POST /stripe/webhook unsigned", 400, send(who, json("stripe/webhook", "{}")));
        }

        // Checkout: signed in, same origin, a catalog price.
        expect(ANONYMOUS, "POST /billing/checkout", 401, send(ANONYMOUS, form("billing/checkout",
                "price=price_basic_monthly", appOrigin())));
        for (String who : List.of(ALICE, BOB, ADMIN)) {
            expect(who, "POST /billing/checkout from a foreign origin", 403, send(who, form("billing/checkout",
                    "price=price_basic_monthly", FOREIGN_ORIGIN)));
            expect(who, "POST /billing/checkout without Origin or Referer", 403, send(who, form("billing/checkout",
                    "price=price_basic_monthly", null)));
            expect(who, "POST /billing/checkout of an unknown price", 400, send(who, form("billing/checkout",
                    "price=price_nobody_sells", appOrigin())));
        }

        // The return page: only the user whose Checkout Session it is.
        expect(ANONYMOUS, "GET alice's return page", 401, send(ANONYMOUS, get(aliceReturnPage)));
        expect(BOB, "GET alice's return page", 403, send(BOB, get(aliceReturnPage)));
        expect(ADMIN, "GET alice's return page", 403, send(ADMIN, get(aliceReturnPage)));
        expect(ALICE, "GET her own return page", 303, send(ALICE, get(aliceReturnPage)));

        // The portal: signed in, same origin, a customer to manage.
        expect(ANONYMOUS, "POST /billing/portal", 401, send(ANONYMOUS, form("billing/portal", "", appOrigin())));
        expect(ALICE, "POST /billing/portal from a foreign origin", 403,
                send(ALICE, form("billing/portal", "", FOREIGN_ORIGIN)));
        expect(ALICE, "POST /billing/portal without Origin or Referer", 403,
                send(ALICE, form("billing/portal", "", null)));
        expect(BOB, "POST /billing/portal with nothing to manage", 409,
                send(BOB, form("billing/portal", "", appOrigin())));
        expect(ALICE, "POST /billing/portal", 303, send(ALICE, form("billing/portal", "", appOrigin())));

        // Admin pages and API: the payments-admin role, nobody else.
        for (String path : List.of("admin/health", "admin/api/reconcile", "admin/endpoint", "admin/api/endpoint",
                "admin/metrics", "admin/", "admin/events", "admin/customers?q=alice", "admin/customer?user=alice",
                "admin/customer/why?user=alice", "admin/reconcile", "admin/api/overview", "admin/api/events",
                "admin/api/customers?q=alice", "admin/api/customer?user=alice", "admin/api/customer/why?user=alice",
                "admin/refunds?user=alice", "admin/api/refunds?user=alice", "admin/disputes", "admin/api/disputes")) {
            expect(ANONYMOUS, "GET /" + path, 401, send(ANONYMOUS, get(path)));
            expect(ALICE, "GET /" + path, 403, send(ALICE, get(path)));
            expect(BOB, "GET /" + path, 403, send(BOB, get(path)));
            expect(ADMIN, "GET /" + path, 200, send(ADMIN, get(path)));
        }
        // Admin actions: refused without the session's CSRF token, even for the admin.
        for (String path : List.of("admin/api/reconcile/catch-up", "admin/api/reconcile/drift-scan",
                "admin/api/replay", "admin/endpoint", "admin/api/endpoint", "admin/events/replay",
                "admin/customer/resync", "admin/reconcile/run", "admin/refunds/refund", "admin/customer/credits")) {
            String body = path.endsWith("replay") ? "status=failed" : path.endsWith("resync") ? "user=alice"
                    : path.endsWith("credits") ? "user=alice&credits=5&idempotencyKey=tollgate-grant-"
                            + java.util.UUID.randomUUID()
                    : path.endsWith("refund") ? "user=alice&charge=ch_1&amount=100&reason=duplicate"
                    : path.endsWith("run") ? "job=catch-up" : "";
            expect(ANONYMOUS, "POST /" + path, 401, send(ANONYMOUS, form(path, body, payments.toString())));
            expect(ALICE, "POST /" + path, 403, send(ALICE, form(path, body, payments.toString())));
            expect(ADMIN, "POST /" + path + " without the CSRF token", 403,
                    send(ADMIN, form(path, body, payments.toString())));
        }

        // The gated app: the plan, or pricing; the app's login form for nobody.
        URI pro = stage.appUrl().resolve("/pro/");
        HttpResponse<String> nobody = send(ANONYMOUS, get(pro));
        if (!nobody.body().contains("j_security_check")) {
            wrong.add("anonymous GET /pro/: " + nobody.statusCode() + " without the login form "
                    + abbreviated(nobody.body()));
        }
        expectGate(BOB, "to pricing", pro);
        expectGate(ALICE, "let in", pro);

        assertEquals(before, stateOfEverything(), "no refused request changed anything");
        assertEquals(List.of(), wrong, "answers that differ from README's endpoint table");
    }

    private void expect(String who, String what, int status, HttpResponse<String> answer) {
        if (answer.statusCode() != status) {
            wrong.add((who == null ? "anonymous" : who) + " " + what + ": " + answer.statusCode() + " (expected "
                    + status + ") " + abbreviated(answer.body()));
        }
        if (answer.body().contains("\tat ") || answer.body().contains("Exception")) {
            wrong.add((who == null ? "anonymous" : who) + " " + what + ": a stack trace in the answer");
        }
        Matcher secret = SECRET_SHAPE.matcher(answer.body());
        if (secret.find()) {
            wrong.add((who == null ? "anonymous" : who) + " " + what + ": a secret in the answer ("
                    + secret.group(1) + "…)");
        }
    }

    private void expectGate(String user, String decision, URI page) throws Exception {
        String decided = Shopper.signedIn(user, user, stage.appUrl()).gateDecisionOn(page);
        if (!decision.equals(decided)) {
            wrong.add(user + " GET " + page.getPath() + ": " + decided + " (expected " + decision + ")");
        }
    }

    /** What a refused request could have changed: the database's footprint, reconcile runs, Stripe's endpoints. */
    private Map<String, Object> stateOfEverything() throws Exception {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("footprint", stage.rows().footprint());
        state.put("catch-ups", stage.rows().reconcileRuns("catch-up").size());
        state.put("drift scans", stage.rows().reconcileRuns("drift-scan").size());
        state.put("webhook endpoints", stage.stripe().v1().webhookEndpoints().list(
                com.stripe.param.WebhookEndpointListParams.builder().build()).getData().size());
        state.put("checkout sessions", stage.stripe().v1().checkout().sessions().list(
                com.stripe.param.checkout.SessionListParams.builder().setLimit(100L).build()).getData().size());
        return state;
    }

    private static List<String> everyone() {
        List<String> all = new ArrayList<>();
        all.add(ANONYMOUS);
        all.addAll(List.of(ALICE, BOB, ADMIN));
        return all;
    }

    private HttpResponse<String> send(String who, HttpRequest.Builder request) throws Exception {
        if (who != null) {
            request.header("Authorization", WebhookStage.basicAuthorization(who));
        }
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return get(payments.resolve(path));
    }

    private static HttpRequest.Builder get(URI url) {
        return HttpRequest.newBuilder(url).GET();
    }

    private HttpRequest.Builder json(String path, String body) {
        return HttpRequest.newBuilder(payments.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder form(String path, String body, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(payments.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin.replaceFirst("(https?://[^/]+).*", "$1"));
        }
        return request;
    }

    private String appOrigin() {
        URI app = stage.appUrl();
        return app.getScheme() + "://" + app.getAuthority();
    }

    private static String abbreviated(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 120) + "…";
    }
}
