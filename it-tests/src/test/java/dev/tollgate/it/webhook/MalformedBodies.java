package dev.tollgate.it.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Deliveries no real Stripe would send, and what a good answer to them looks like. */
final class MalformedBodies {

    /** What came back from a raw-socket request. */
    record Answer(int status, long bytesSent, String head) {
    }

    private MalformedBodies() {
    }

    /**
     * A v2 "thin" event (Stripe's event destinations): no {@code data.object}, {@code created} as a date string.
     * stripe-java's v1 parser throws an unchecked exception on it.
     */
    static String v2ThinEvent(long now) {
        return """
                {"id":"evt_test_65R9Ijk8BUxPzLuk3nSI","object":"v2.core.event","type":"v1.billing.meter.error_report_triggered",\
                "livemode":false,"created":"%s","related_object":{"id":"mtr_test_61R9Ijk","type":"billing.meter",\
                "url":"/v1/billing/meters/mtr_test_61R9Ijk"},"context":null}""".formatted(Instant.ofEpochSecond(now));
    }

    /**
     * Why {@code response} is not a good refusal with {@code status} (null when it is): the status, a short
     * plain-text body, nothing that looks like a stack trace or an HTML error page.
     */
    static String problemWith(HttpResponse<String> response, int status) {
        String body = response.body();
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (response.statusCode() != status) {
            return "HTTP " + response.statusCode() + " instead of " + status + ": " + abbreviate(body);
        }
        if (!type.startsWith("text/plain")) {
            return "Content-Type '" + type + "', not text/plain: " + abbreviate(body);
        }
        if (body.length() > 200) {
            return "a " + body.length() + "-character body: " + abbreviate(body);
        }
        if (body.contains("Exception") || body.contains("\tat ") || body.contains(".java:")) {
            return "looks like a stack trace: " + body;
        }
        return null;
    }

    /**
     * Sends the headers of a POST that declares {@code declaredLength} bytes, then only {@code sent} of them,
     * and reads the answer: a server that checks the length first answers before the body is there.
     */
    static Answer postDeclaringLength(URI url, long declaredLength, int sent) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Type: application/json\r\nStripe-Signature: t=1,v1=00\r\nContent-Length: "
                    + declaredLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[sent]);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[512];
            int read = in.read(head);
            String text = read <= 0 ? "" : new String(head, 0, read, StandardCharsets.ISO_8859_1);
            int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, sent, text.lines().findFirst().orElse(""));
        }
    }

    /** A chunked POST (no Content-Length) of {@code size} bytes of JSON-ish filler, correctly signed. */
    static HttpResponse<String> postChunked(WebhookStage stage, int size) throws IOException, InterruptedException {
        String body = "{\"filler\":\"" + "x".repeat(size) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(stage.webhookUrl()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", WebhookStage.sign(body, WebhookStage.OLD_SECRET))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
