package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tollgate.demo.DemoDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Thousands of deliveries no real Stripe sends, made at random from a printed seed: broken, missing and repeated
 * signature parts, stale and future timestamps, foreign secrets; truncated, oversized, garbage and non-strict JSON
 * bodies under a valid signature; thin v2 payloads, live events, wrong content types. Every one must be refused
 * with a short 4xx that shows no stack trace, and none may change the state (a live event at a test-mode endpoint
 * is recorded as {@code refused}, and nothing else). {@code -Dwebhook.fuzz.requests} and {@code -Dwebhook.fuzz.seed}
 * size and replay a run.
 */
class WebhookFuzzScenarios extends StageScenarios {

    private static final int REQUESTS = Integer.getInteger("webhook.fuzz.requests", 10_000);
    private static final long SEED = Long.getLong("webhook.fuzz.seed", System.nanoTime());
    private static final Set<Integer> REFUSALS = Set.of(400, 413, 415);
    private static final int CLIENTS = 4;

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }

    /** One hostile delivery: what it is, and its parts. */
    private record Delivery(String kind, byte[] body, String signature, String contentType) {
    }

    @Test
    void everyMalformedOrForgedDeliveryIsAShortRefusalThatChangesNothing() throws Exception {
        System.out.println("Webhook fuzz: " + REQUESTS + " deliveries, seed " + SEED
                + " (replay with -Dwebhook.fuzz.seed=" + SEED + ")");
        stage.awaitDeliveries();
        Rows.Footprint before = rows.footprintWithoutRefusals();
        Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                Random random = new Random(SEED + client);
                int share = REQUESTS / CLIENTS + (client < REQUESTS % CLIENTS ? 1 : 0);
                running.add(clients.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        Delivery delivery = hostile(random);
                        byKind.computeIfAbsent(delivery.kind(), k -> new AtomicLong()).incrementAndGet();
                        String problem = send(http, delivery);
                        if (problem != null && wrong.size() < 50) {
                            wrong.add(delivery.kind() + ": " + problem);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.println("Webhook fuzz: by kind " + new TreeMap<>(Map.copyOf(byKind)));
        assertEquals(List.of(), wrong, "seed " + SEED + ": every hostile delivery is a short 4xx");
        assertEquals(before, rows.footprintWithoutRefusals(), "seed " + SEED + ": nothing was written");
    }

    private String send(HttpClient http, Delivery delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stage.webhookUrl()).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        if (delivery.contentType() != null) {
            request.header("Content-Type", delivery.contentType());
        }
        if (delivery.signature() != null) {
            request.header("Stripe-Signature", delivery.signature());
        }
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (!REFUSALS.contains(answer.statusCode())) {
                return "HTTP " + answer.statusCode() + ": " + abbreviate(answer.body());
            }
            String body = answer.body();
            if (body.length() > 200 || body.contains("Exception") || body.contains("\tat ")
                    || body.contains(".java:") || body.contains("whsec_") || body.contains("sk_test_")) {
                return "HTTP " + answer.statusCode() + " with a body that says too much: " + abbreviate(body);
            }
            return null;
        } catch (Exception failed) {
            return "no answer: " + failed;
        }
    }

    // The hostile deliveries ---------------------------------------------------------------------------------------

    private static final List<Function<Random, Delivery>> KINDS = List.of(
            WebhookFuzzScenarios::badSignature,
            WebhookFuzzScenarios::badSignature,
            WebhookFuzzScenarios::badBody,
            WebhookFuzzScenarios::badBody,
            WebhookFuzzScenarios::badBody,
            WebhookFuzzScenarios::wrongContentType);

    private static Delivery hostile(Random random) {
        return KINDS.get(random.nextInt(KINDS.size())).apply(random);
    }

    /** A valid event of a handled type, for a customer nobody knows: delivered as is, it would be retried (503). */
    private static String event(Random random, long created) {
        String suffix = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        long now = Instant.now().getEpochSecond();
        return StripeEvents.subscriptionUpdated("evt_fuzz_" + suffix, created,
                StripeEvents.subscription("sub_fuzz_" + suffix, "cus_fuzz_" + suffix, "active", now, now + 86_400));
    }

    private static Delivery json(String kind, String body, String signature) {
        return new Delivery(kind, body.getBytes(StandardCharsets.UTF_8), signature, "application/json; charset=utf-8");
    }

    private static Delivery badSignature(Random random) {
        long now = Instant.now().getEpochSecond();
        String body = event(random, now);
        String valid = WebhookStage.sign(body, WebhookStage.OLD_SECRET, now);
        String validV1 = valid.substring(valid.indexOf("v1=") + 3, valid.indexOf("v1=") + 3 + 64);
        return switch (random.nextInt(13)) {
            case 0 -> json("no signature header", body, null);
            case 1 -> json("empty signature header", body, "");
            case 2 -> json("garbage signature header", body, randomText(random, 1 + random.nextInt(300)));
            case 3 -> json("timestamp only", body, "t=" + now);
            case 4 -> json("v1 only", body, "v1=" + validV1);
            case 5 -> json("non-numeric timestamp", body, "t=" + randomText(random, 8) + ",v1=" + validV1);
            case 6 -> json("stale timestamp", body, WebhookStage.sign(body, WebhookStage.OLD_SECRET,
                    now - 301 - random.nextInt(1_000_000)));
            case 7 -> json("future timestamp", body, WebhookStage.sign(body, WebhookStage.OLD_SECRET,
                    now + 301 + random.nextInt(1_000_000)));
            case 8 -> json("foreign secret", body, WebhookStage.sign(body, WebhookStage.FOREIGN_SECRET, now));
            case 9 -> json("signature of another body", body,
                    WebhookStage.sign(body.replace("active", "canceled"), WebhookStage.OLD_SECRET, now));
            case 10 -> json("one hex digit changed", body, "t=" + now + ",v1=" + flipOneHexDigit(random, validV1));
            case 11 -> json("repeated parts, none valid", body, "t=" + now + ",v1=" + flipOneHexDigit(random, validV1)
                    + ",t=" + (now - 1) + ",v1=" + "0".repeat(64) + ",v0=" + validV1);
            default -> json("v0 scheme only", body, "t=" + now + ",v0=" + validV1);
        };
    }

    private static Delivery badBody(Random random) {
        long now = Instant.now().getEpochSecond();
        String event = event(random, now);
        return switch (random.nextInt(14)) {
            case 0 -> signedBody("truncated", event.substring(0, random.nextInt(event.length() - 1)), now);
            case 1 -> signedBody("random text", randomText(random, random.nextInt(2_000)), now);
            case 2 -> signedBody("not an event object",
                    List.of("[]", "[" + event + "]", "42", "\"evt\"", "null", "true", "{}", "").get(random.nextInt(8)),
                    now);
            case 3 -> signedBody("a comment in the JSON", event.replaceFirst(",", ", /* a comment */ "), now);
            case 4 -> signedBody("single quotes", event.replaceFirst("\"id\"", "'id'"), now);
            case 5 -> signedBody("a duplicate key", "{\"id\":\"evt_fuzz_dup\"," + event.substring(1), now);
            case 6 -> signedBody("trailing garbage", event + List.of("x", "}", "{}", ",").get(random.nextInt(4)), now);
            case 7 -> signedBody("v2 thin event", MalformedBodies.v2ThinEvent(now), now);
            case 8 -> signedBody("live event at a test endpoint",
                    withTopLevel(event, json -> json.addProperty("livemode", true)), now);
            case 9 -> signedBody("no event id", withTopLevel(event, json -> json.remove("id")), now);
            case 10 -> signedBody("no type or no data",
                    withTopLevel(event, json -> json.remove(random.nextBoolean() ? "type" : "data")), now);
            case 11 -> signedBody("an event id longer than any column", withTopLevel(event,
                    json -> json.addProperty("id", json.get("id").getAsString() + "x".repeat(300))), now);
            case 12 -> signedBody("over the size cap",
                    "{\"filler\":\"" + "x".repeat(WebhookStage.MAX_BODY_BYTES) + "\"}", now);
            default -> signedBody("a mistyped or missing field", withTopLevel(event, json -> {
                switch (random.nextInt(3)) {
                    case 0 -> json.addProperty("created", "yesterday");
                    case 1 -> json.addProperty("id", 42);
                    default -> json.getAsJsonObject("data").remove("object");
                }
            }), now);
        };
    }

    private static Delivery signedBody(String kind, String body, long now) {
        return json("body: " + kind, body, WebhookStage.sign(body, WebhookStage.OLD_SECRET, now));
    }

    /** {@code event} with a change to its own (top-level) fields, not to the object it carries. */
    private static String withTopLevel(String event, Consumer<JsonObject> change) {
        JsonObject json = JsonParser.parseString(event).getAsJsonObject();
        change.accept(json);
        return json.toString();
    }

    private static Delivery wrongContentType(Random random) {
        long now = Instant.now().getEpochSecond();
        String body = event(random, now);
        String type = List.of("text/plain", "application/x-www-form-urlencoded", "text/html", "application/xml",
                "multipart/form-data; boundary=x").get(random.nextInt(5));
        return new Delivery("content type " + type, body.getBytes(StandardCharsets.UTF_8),
                WebhookStage.sign(body, WebhookStage.OLD_SECRET, now), type);
    }

    private static String flipOneHexDigit(Random random, String hex) {
        int at = random.nextInt(hex.length());
        char flipped = Character.forDigit((Character.digit(hex.charAt(at), 16) + 1 + random.nextInt(15)) % 16, 16);
        return hex.substring(0, at) + flipped + hex.substring(at + 1);
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return text.toString();
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
