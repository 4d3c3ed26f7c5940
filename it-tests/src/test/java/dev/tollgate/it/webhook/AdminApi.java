package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The payments WAR's admin JSON API ({@code /admin/api/…}) as a script uses it: signed in as {@code admin} with
 * BASIC, every POST carrying the CSRF token of the overview read in the same session (its own cookie jar).
 */
final class AdminApi {

    static final String ADMIN = "admin";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
    private final URI api;
    private final Duration timeout;
    private String token;

    /**
     * @param payments the payments WAR's address, e.g. {@code http://localhost:8080/payments/}
     * @param timeout  how long a POST may take: a run happens on the request's thread
     */
    AdminApi(URI payments, Duration timeout) {
        this.api = payments.resolve("admin/api/");
        this.timeout = timeout;
    }

    URI resolve(String path) {
        return api.resolve(path);
    }

    /**
     * The session's CSRF token, read from the overview the first time (a script does that once per session). Asked
     * for ahead of a POST whose moment matters, so the POST is one request.
     */
    String csrfToken() throws Exception {
        if (token == null) {
            HttpResponse<String> overview = http.send(HttpRequest.newBuilder(api.resolve("reconcile"))
                    .header("Authorization", WebhookStage.basicAuthorization(ADMIN)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, overview.statusCode(), overview.body());
            token = JsonParser.parseString(overview.body()).getAsJsonObject().get("csrfToken").getAsString();
        }
        return token;
    }

    /** A GET of {@code path} (with its query), which must answer 200: its JSON. */
    JsonObject getOk(String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(timeout)
                .header("Authorization", WebhookStage.basicAuthorization(ADMIN)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), path + " answered " + answer.body());
        return JsonParser.parseString(answer.body()).getAsJsonObject();
    }

    /** A GET of {@code path} (a console page too: {@code ../reconcile}), whatever it answers. */
    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(timeout)
                .header("Authorization", WebhookStage.basicAuthorization(ADMIN)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The answer to a POST of {@code form} to {@code path}, with the session's CSRF token. */
    HttpResponse<String> post(String path, String form) throws Exception {
        String csrf = csrfToken();
        return http.send(HttpRequest.newBuilder(api.resolve(path))
                .timeout(timeout)
                .header("Authorization", WebhookStage.basicAuthorization(ADMIN))
                .header("X-CSRF-Token", csrf)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@link #post}, which must answer 200: its JSON. */
    JsonObject postOk(String path, String form) throws Exception {
        HttpResponse<String> answer = post(path, form);
        assertEquals(200, answer.statusCode(), path + " answered " + answer.body());
        return JsonParser.parseString(answer.body()).getAsJsonObject();
    }
}
