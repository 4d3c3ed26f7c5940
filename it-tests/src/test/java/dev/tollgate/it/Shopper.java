package dev.tollgate.it;

import dev.tollgate.emulator.CheckoutForm;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * One person with a browser of their own (cookies kept, redirects shown, not followed): signs in to the customer
 * app through its FORM login, asks what the gate decides about a page, starts a checkout at the payments WAR (with
 * BASIC credentials, or on a shared sign-on) and pays on the Stripe emulator's page. Used on the container stages
 * (the server's {@link ServerUsers}) and on the demo's stage (its users).
 */
public final class Shopper {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String user;
    private final String password;
    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();

    private Shopper(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /**
     * Signs {@code person} in to the app at {@code app} the way a browser does: the account page (a container
     * constraint) shows the login form, the form posts to {@code j_security_check}, the container sends the
     * browser back, and the account page then opens.
     */
    static Shopper signedIn(ServerUsers person, URI app) throws IOException, InterruptedException {
        return signedIn(person.user(), ServerUsers.PASSWORD, app);
    }

    /** {@link #signedIn(ServerUsers, URI)} for any user of the app's realm. */
    public static Shopper signedIn(String user, String password, URI app) throws IOException, InterruptedException {
        Shopper shopper = new Shopper(user, password);
        URI account = app.resolve("account/");
        HttpResponse<String> challenge = shopper.get(account);
        if (challenge.statusCode() / 100 == 3) {
            challenge = shopper.get(account.resolve(challenge.headers().firstValue("Location").orElseThrow()));
        }
        if (challenge.statusCode() != 200 || !challenge.body().contains("j_security_check")) {
            throw new AssertionError("no login form for " + account + " (HTTP " + challenge.statusCode() + "):\n"
                    + challenge.body());
        }
        String credentials = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> accepted = shopper.send(HttpRequest.newBuilder(app.resolve("j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(credentials)));
        if (accepted.statusCode() / 100 != 3) {
            throw new AssertionError(user + " was not signed in (HTTP " + accepted.statusCode() + "):\n"
                    + accepted.body());
        }
        HttpResponse<String> signedIn = shopper.get(account);
        if (signedIn.statusCode() != 200 || !signedIn.body().contains("Signed in as " + user)) {
            throw new AssertionError("the account page after signing in " + user + " (HTTP "
                    + signedIn.statusCode() + "):\n" + signedIn.body());
        }
        return shopper;
    }

    /** {@code person} with a fresh browser, signed in nowhere yet. */
    static Shopper notSignedIn(ServerUsers person) {
        return new Shopper(person.user(), ServerUsers.PASSWORD);
    }

    public HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url).GET());
    }

    /** A GET with more headers, given as name, value, name, value… (e.g. {@code Accept}, {@code Idempotency-Key}). */
    public HttpResponse<String> get(URI url, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url).headers(headers).GET());
    }

    /**
     * What the gate decided about {@code page}: "let in" (200), "to pricing" (303 to a {@code pricing} page), or the
     * status and location for anything else, so a failed assertion says what happened.
     */
    public String gateDecisionOn(URI page) throws IOException, InterruptedException {
        HttpResponse<String> response = get(page);
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() == 200) {
            return "let in";
        }
        if (response.statusCode() == 303 && URI.create(location).getPath().endsWith("/pricing")) {
            return "to pricing";
        }
        return response.statusCode() + " " + location;
    }

    /**
     * Presses "Subscribe" for {@code price}: the app's pricing form posts to the payments WAR's checkout, from this
     * site's own page (hence the {@code Origin}). Returns where the WAR sends the browser: Stripe's page.
     */
    URI startCheckout(URI payments, String price) throws IOException, InterruptedException {
        return startCheckout(payments, price, true);
    }

    /**
     * {@link #startCheckout(URI, String)} on the strength of the app's sign-in alone, as a browser does where the
     * server shares sign-ons between webapps.
     */
    URI startCheckoutSignedInOnce(URI payments, String price) throws IOException, InterruptedException {
        return startCheckout(payments, price, false);
    }

    private URI startCheckout(URI payments, String price, boolean presentCredentials)
            throws IOException, InterruptedException {
        HttpRequest.Builder checkout = HttpRequest.newBuilder(payments.resolve("billing/checkout"));
        if (presentCredentials) {
            checkout.header("Authorization", basicCredentials());
        }
        HttpResponse<String> started = send(checkout
                .header("Origin", payments.resolve("/").toString().replaceAll("/$", ""))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("price=" + price)));
        if (started.statusCode() != 303) {
            throw new AssertionError("checkout for " + user + " answered " + started.statusCode() + ":\n"
                    + started.body());
        }
        return URI.create(started.headers().firstValue("Location").orElseThrow());
    }

    /** Pays on the Stripe emulator's hosted page; returns where Checkout sends the browser back (its success URL). */
    URI pay(URI checkoutPage, String card) throws IOException, InterruptedException {
        HttpResponse<String> paid = CheckoutForm.pay(browser, checkoutPage, card);
        if (paid.statusCode() != 303) {
            throw new AssertionError(user + " paying with " + card + " got " + paid.statusCode() + ":\n"
                    + paid.body());
        }
        return URI.create(paid.headers().firstValue("Location").orElseThrow());
    }

    /** A GET that presents this person's credentials as BASIC authentication. */
    HttpResponse<String> getWithCredentials(URI url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url).header("Authorization", basicCredentials()).GET());
    }

    /** A form POST with the credentials and this site's Origin, but no synchronizer token. */
    HttpResponse<String> postWithCredentials(URI url, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url).header("Authorization", basicCredentials())
                .header("Origin", url.getScheme() + "://" + url.getAuthority())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A form POST with the credentials, this site's Origin and the session's synchronizer token. */
    HttpResponse<String> postWithToken(URI url, String form, String csrfToken)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url).header("Authorization", basicCredentials())
                .header("Origin", url.getScheme() + "://" + url.getAuthority())
                .header("X-CSRF-Token", csrfToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private String basicCredentials() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
