package dev.tollgate.emulator;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP endpoint that records what the emulator POSTs and answers with scripted status codes. */
final class WebhookReceiver implements AutoCloseable {
    /** One received POST: the raw body and its Stripe-Signature header. */
    record Delivery(String body, String signature, String contentType) {
    }

    private final HttpServer server;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final List<Integer> script;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile String verifyWith;

    /** @param firstStatuses the statuses of the first calls; every later call gets 200 */
    WebhookReceiver(Integer... firstStatuses) throws IOException {
        this.script = List.of(firstStatuses);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/webhook", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String signature = exchange.getRequestHeaders().getFirst("Stripe-Signature");
                received.add(new Delivery(body, signature, exchange.getRequestHeaders().getFirst("Content-Type")));
                int call = calls.getAndIncrement();
                int status = call < script.size() ? script.get(call) : 200;
                if (verifyWith != null && !validSignature(body, signature)) {
                    status = 400;
                }
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    /** From now on, answers 400 to a delivery whose signature does not verify with {@code secret}. */
    WebhookReceiver verifying(String secret) {
        this.verifyWith = secret;
        return this;
    }

    private boolean validSignature(String body, String signature) {
        try {
            Webhook.constructEvent(body, signature, verifyWith);
            return true;
        } catch (SignatureVerificationException e) {
            return false;
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    List<Delivery> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
