package dev.tollgate.payments.infrastructure.stripe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.config.SettingSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Stripe's API on 127.0.0.1: answers each path as scripted (answers queued for the next requests,
 * then a standing one; Stripe's 404 for anything unscripted) and records every request it received.
 */
final class StripeOnLoopback implements AutoCloseable {

    private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d*)]");

    static {
        // Without it every answer waits some 40 ms for a delayed ACK (Nagle), as long as the pace being tested.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, Deque<Answer>> next = new ConcurrentHashMap<>();
    private final Map<String, Answer> standing = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    StripeOnLoopback() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A gateway pointed here, as the application would build it from its configuration. */
    StripeClientGateway gateway(PatientRetries patience) {
        StripeClientGateway gateway = new StripeClientGateway(patience);
        gateway.config = PaymentsConfig.load(new SettingSource(Map.of(
                "STRIPE_SECRET_KEY", "sk_test_51Example", "STRIPE_WEBHOOK_SECRET", "whsec_example123",
                "PAYMENTS_APP_URL", "http://localhost/payments", "PAYMENTS_PLANS", "pro=price_pro",
                "STRIPE_API_BASE", base())::get, name -> null));
        gateway.refusals = (permission, what) -> { };
        return gateway;
    }

    /** Answers the next requests to {@code path}, one each, before the standing answer. */
    void thenAnswer(String path, Answer... answers) {
        next.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
    }

    /** Answers every request to {@code path} that no queued answer takes. */
    void alwaysAnswer(String path, Answer answer) {
        standing.put(path, answer);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        long at = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path, params(exchange.getRequestURI().getRawQuery()),
                at));
        Deque<Answer> queued = next.get(path);
        Answer answer = queued == null ? null : queued.poll();
        if (answer == null) {
            answer = standing.getOrDefault(path, Answer.error(404, "invalid_request_error", "resource_missing",
                    "Unrecognized request URL (GET: " + path + ")"));
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_" + received.size());
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, List<String>> params(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** One request as received: its decoded query parameters and when it arrived ({@link System#nanoTime()}). */
    record Received(String method, String path, Map<String, List<String>> params, long atNanos) {

        /** The single value of a parameter; null when it was not sent. */
        String param(String name) {
            List<String> values = params.get(name);
            return values == null ? null : String.join(",", values);
        }

        /** An array parameter as Stripe reads it, sent as {@code name[]} or {@code name[0]}, in index order. */
        List<String> array(String name) {
            Map<Integer, String> indexed = new TreeMap<>();
            List<String> unindexed = new ArrayList<>();
            params.forEach((key, values) -> {
                Matcher element = INDEXED.matcher(key);
                if (element.matches() && element.group(1).equals(name)) {
                    if (element.group(2).isEmpty()) {
                        unindexed.addAll(values);
                    } else {
                        indexed.put(Integer.parseInt(element.group(2)), values.get(0));
                    }
                }
            });
            List<String> all = new ArrayList<>(indexed.values());
            all.addAll(unindexed);
            return all;
        }
    }

    /** What Stripe answers: a status, a JSON body and any extra headers. */
    record Answer(int status, String body, Map<String, String> headers) {

        static Answer ok(String body) {
            return new Answer(200, body, Map.of());
        }

        /** An error as Stripe's API renders one. */
        static Answer error(int status, String type, String code, String message) {
            return new Answer(status, """
                    {
                      "error": {
                        "code": "%s",
                        "doc_url": "https://stripe.com/docs/error-codes/%s",
                        "message": "%s",
                        "request_log_url": "https://dashboard.stripe.com/test/logs/req_example",
                        "type": "%s"
                      }
                    }
                    """.formatted(code, code.replace('_', '-'), message, type), Map.of());
        }

        Answer withHeader(String name, String value) {
            Map<String, String> headers = new LinkedHashMap<>(this.headers);
            headers.put(name, value);
            return new Answer(status, body, headers);
        }
    }
}
