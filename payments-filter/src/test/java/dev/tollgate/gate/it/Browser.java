package dev.tollgate.gate.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * One client with its own cookie jar, as a browser or an API client would be: it keeps the session cookie and,
 * once given credentials, sends them with every request as a BASIC client does. Redirects are not followed, so
 * tests see the gate's 303.
 */
final class Browser {

    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    static final String JSON = "application/json";

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String authorization;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    Browser signedInAs(String user) {
        String credentials = user + ":" + ShopServer.PASSWORDS.get(user);
        authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return get(path, accept, new String[0]);
    }

    /** A GET with more headers, given as name, value, name, value… */
    HttpResponse<String> get(String path, String accept, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", accept).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session id this client holds, or {@code null}. */
    String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }
}
