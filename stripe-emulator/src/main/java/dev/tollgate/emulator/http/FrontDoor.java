package dev.tollgate.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one {@link HttpHandler} of the server: decodes the request, applies the API-wide rules (an API key on
 * {@code /v1}, idempotency keys on POST, unknown parameters refused in strict mode, injected faults and the
 * rate limit of {@link ApiFaults}) and turns every failure into a response. Unexpected exceptions are
 * logged as one line and answered with a bare 500 — never a stack trace in a body.
 */
public final class FrontDoor implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(FrontDoor.class.getName());
    private static final int MAX_BODY_BYTES = 1 << 20;

    private static final Duration MAX_SLOW_ANSWER = Duration.ofMinutes(2);

    private final Router router;
    private final IdempotencyCache idempotency = new IdempotencyCache();
    private final ApiFaults faults;
    private final RestrictedKeys restrictedKeys = new RestrictedKeys();
    private volatile boolean strict;
    private final ThreadLocal<Request> current = new ThreadLocal<>();
    /** API requests received, by method and resource ({@code GET /v1/subscriptions}), so tests can count calls. */
    private final Map<String, LongAdder> apiRequests = new ConcurrentHashMap<>();

    public FrontDoor(Router router) {
        this(router, new ApiFaults(), false);
    }

    /**
     * @param strict when true, a {@code /v1} request with a parameter no handler reads is refused with Stripe's
     *     {@code parameter_unknown} error
     */
    public FrontDoor(Router router, ApiFaults faults, boolean strict) {
        this.router = router;
        this.faults = faults;
        this.strict = strict;
    }

    public void strict(boolean on) {
        this.strict = on;
    }

    /** The restricted keys and their permissions. */
    public RestrictedKeys restrictedKeys() {
        return restrictedKeys;
    }

    /**
     * Refuses the current request when it carries unknown parameters. The store runs this before a change, so
     * a refused request changes nothing; handlers read their parameters before they change anything.
     */
    public void checkBeforeChange() {
        Request request = current.get();
        if (request != null && !"GET".equals(request.method())) {
            rejectUnknown(request);
        }
    }

    private void rejectUnknown(Request request) {
        if (!strict || !request.path().startsWith("/v1/")) {
            return;
        }
        request.params().accept("expand");
        List<String> unknown = request.params().unknownKeys();
        if (!unknown.isEmpty()) {
            throw new ApiError(400, "invalid_request_error", "parameter_unknown",
                    "Received unknown parameter: " + unknown.get(0), unknown.get(0));
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = answer(exchange);
            } catch (ApiError e) {
                response = Response.error(e);
            }
            write(exchange, response);
        }
    }

    private Response answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String body = readBody(exchange.getRequestBody());
        String query = exchange.getRequestURI().getRawQuery();
        Params params = Params.parse("POST".equals(method) ? body : query);
        Request request = new Request(method, path, exchange.getRequestHeaders(), params, body);

        boolean api = path.startsWith("/v1/");
        if (api) {
            apiRequests.computeIfAbsent(method + " " + resourceOf(path), key -> new LongAdder()).increment();
        }
        if (api) {
            String key = request.header("Authorization").map(FrontDoor::keyIn).orElse("");
            if (!key.startsWith("sk_") && !key.startsWith("rk_")) {
                throw ApiError.missingApiKey();
            }
            restrictedKeys.check(key, method, path);
        }
        ApiFaults.Decision fault = api ? faults.next(path) : ApiFaults.Decision.NONE;
        if (fault == ApiFaults.Decision.RATE_LIMITED) {
            throw new ApiError(429, "invalid_request_error", "rate_limit", "Request rate limit exceeded. You can "
                    + "make up to 25 requests per second in test mode (emulated limit).", null);
        }
        if (fault == ApiFaults.Decision.SERVER_ERROR) {
            throw new ApiError(500, "api_error", null, "An unknown error occurred (injected by the emulator).",
                    null);
        }
        Response response = withIdempotency(request, body);
        if (fault == ApiFaults.Decision.SLOW_ANSWER) {
            pause(faults.slowAnswerDelay());
        }
        return response;
    }

    /** API requests received since start (or the last reset), by method and resource, in name order. */
    public Map<String, Long> apiRequestCounts() {
        Map<String, Long> counts = new TreeMap<>();
        apiRequests.forEach((key, count) -> counts.put(key, count.sum()));
        return counts;
    }

    public void resetApiRequestCounts() {
        apiRequests.clear();
    }

    /** {@code /v1/subscriptions/sub_123} → {@code /v1/subscriptions}: the count is per resource, not per object. */
    private static String resourceOf(String path) {
        int end = path.indexOf('/', "/v1/".length());
        return end < 0 ? path : path.substring(0, end);
    }

    private Response withIdempotency(Request request, String body) {
        String key = request.header("Idempotency-Key").orElse("");
        if (request.path().startsWith("/v1/") && "POST".equals(request.method()) && !key.isBlank()) {
            // Parameter order is not meaning: a client may encode a map's keys in another order on a retry.
            String fingerprint = request.method() + " " + request.path() + "?"
                    + String.join("&", new TreeSet<>(List.of(body.split("&"))));
            return idempotency.execute(key, fingerprint, () -> safely(request));
        }
        return safely(request);
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(Math.min(delay.toMillis(), MAX_SLOW_ANSWER.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The key in what stripe-java sends ({@code Bearer sk_…}) or what curl's {@code -u sk_…:} sends (Basic).
     * A secret or restricted key is accepted, never a publishable one; any such key works (the emulator has one
     * account), a restricted key as far as {@link RestrictedKeys} lets it.
     */
    private static String keyIn(String authorization) {
        String token = "";
        if (authorization.startsWith("Bearer ")) {
            token = authorization.substring(7).trim();
        } else if (authorization.startsWith("Basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                token = decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : decoded;
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return token;
    }

    private Response safely(Request request) {
        current.set(request);
        try {
            Response response = router.dispatch(request);
            rejectUnknown(request);
            return response;
        } catch (ApiError e) {
            return Response.error(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "emulator failed on {0} {1}: {2}",
                    new Object[] {request.method(), request.path(), e.toString()});
            return Response.error(new ApiError(500, "api_error", null, "An error occurred in the emulator.", null));
        } finally {
            current.remove();
        }
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiError(413, "invalid_request_error", null, "Request body too large.", null);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Request-Id", "req_" + UUID.randomUUID().toString().replace("-", ""));
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
