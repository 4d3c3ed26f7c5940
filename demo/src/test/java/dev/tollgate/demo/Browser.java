package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.emulator.CheckoutForm;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One person's browser for the tests: keeps cookies, never follows redirects (each hop is asserted), and sends
 * {@code Origin} on form posts as browsers do.
 */
final class Browser {

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI home;

    Browser(URI home) {
        this.home = home;
    }

    HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(resolve(pathOrUrl)).GET());
    }

    /** Posts a form as the page at {@code pageUrl} would: with that page's origin. */
    HttpResponse<String> postForm(String pathOrUrl, Map<String, String> fields, URI pageUrl)
            throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(resolve(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", pageUrl.getScheme() + "://" + pageUrl.getAuthority())
                .header("Referer", pageUrl.toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Signs in through the sample app's FORM login, which single sign-on then extends to {@code /payments}. */
    void signIn(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> loginPage = get("/account/");
        assertEquals(200, loginPage.statusCode(), "the account page asks for a login");
        assertTrue(loginPage.body().contains("j_security_check"), "the login form is shown");

        HttpResponse<String> signedIn = postForm("/j_security_check",
                Map.of("j_username", user, "j_password", password), resolve("/account/"));
        assertRedirect(signedIn, "/account/");

        HttpResponse<String> account = get(location(signedIn));
        assertEquals(200, account.statusCode());
        assertTrue(account.body().contains("signed in as <b>" + user + "</b>"), account.body());
    }

    /**
     * Buys {@code price} as the app's form on {@code page} does: posts it to the payments WAR, pays on the emulator's
     * checkout page with the test card, and answers the emulator's redirect back to the return page (not followed).
     */
    HttpResponse<String> buyWithTestCard(String price, String page) throws IOException, InterruptedException {
        HttpResponse<String> toCheckout = postForm("/payments/billing/checkout", Map.of("price", price), resolve(page));
        assertEquals(303, toCheckout.statusCode(), toCheckout.body());
        URI checkoutPage = URI.create(location(toCheckout));
        CheckoutForm form = CheckoutForm.read(get(checkoutPage.toString()).body()).withCard(DemoServer.TEST_CARD);
        HttpResponse<String> paid = postForm(checkoutPage.resolve(form.action()).toString(), form.fields(),
                checkoutPage);
        assertRedirect(paid, "/payments/billing/return");
        return paid;
    }

    URI resolve(String pathOrUrl) {
        return home.resolve(pathOrUrl);
    }

    /** Where a redirect points, resolved against the demo's base URL. */
    String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location")
                .map(location -> response.uri().resolve(location).toString())
                .orElseThrow(() -> new AssertionError("no Location header in a " + response.statusCode()));
    }

    /** A 302 or 303 to a URL ending with {@code pathSuffix} (ignoring any query). */
    void assertRedirect(HttpResponse<String> response, String pathSuffix) {
        assertTrue(response.statusCode() == 302 || response.statusCode() == 303,
                "expected a redirect to " + pathSuffix + ", got " + response.statusCode() + ": " + response.body());
        String path = URI.create(location(response)).getPath();
        assertTrue(path.endsWith(pathSuffix), "redirect to " + location(response) + ", expected …" + pathSuffix);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
