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
 * app through its FORM login, starts a checkout at the payments WAR (which asks for BASIC credentials, since the
 * two webapps do not share a sign-on here) and pays on the Stripe emulator's page.
 */
final class Shopper {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ServerUsers person;
    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();

    private Shopper(ServerUsers person) {
        this.person = person;
    }

    /**
     * Signs {@code person} in to the app at {@code app} the way a browser does: the account page (a container
     * constraint) shows the login form, the form posts to {@code j_security_check}, the container sends the
     * browser back, and the account page then opens.
     */
    static Shopper signedIn(ServerUsers person, URI app) throws IOException, InterruptedException {
        Shopper shopper = notSignedIn(person);
        URI account = app.resolve("account/");
        HttpResponse<String> challenge = shopper.get(account);
        if (challenge.statusCode() / 100 == 3) {
            challenge = shopper.get(account.resolve(challenge.headers().firstValue("Location").orElseThrow()));
        }
        if (challenge.statusCode() != 200 || !challenge.body().contains("j_security_check")) {
            throw new AssertionError("no login form for " + account + " (HTTP " + challenge.statusCode() + "):\n"
                    + challenge.body());
        }
        String credentials = "j_username=" + URLEncoder.encode(person.user(), StandardCharsets.UTF_8)
                + "&j_password=" + URLEncoder.encode(ServerUsers.PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> accepted = shopper.send(HttpRequest.newBuilder(app.resolve("j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(credentials)));
        if (accepted.statusCode() / 100 != 3) {
            throw new AssertionError(person.user() + " was not signed in (HTTP " + accepted.statusCode() + "):\n"
                    + accepted.body());
        }
        HttpResponse<String> signedIn = shopper.get(account);
        if (signedIn.statusCode() != 200 || !signedIn.body().contains("Signed in as " + person.user())) {
            throw new AssertionError("the account page after signing in " + person.user() + " (HTTP "
                    + signedIn.statusCode() + "):\n" + signedIn.body());
        }
        return shopper;
    }

    /** {@code person} with a fresh browser, signed in nowhere yet. */
    static Shopper notSignedIn(ServerUsers person) {
        return new Shopper(person);
    }

    HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url).GET());
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
            throw new AssertionError("checkout for " + person.user() + " answered " + started.statusCode() + ":\n"
                    + started.body());
        }
        return URI.create(started.headers().firstValue("Location").orElseThrow());
    }

    /** Pays on the Stripe emulator's hosted page. */
    void pay(URI checkoutPage, String card) throws IOException, InterruptedException {
        HttpResponse<String> paid = CheckoutForm.pay(browser, checkoutPage, card);
        if (paid.statusCode() != 303) {
            throw new AssertionError(person.user() + " paying with " + card + " got " + paid.statusCode() + ":\n"
                    + paid.body());
        }
    }

    /** A GET that presents this person's credentials as BASIC authentication. */
    HttpResponse<String> getWithCredentials(URI url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url).header("Authorization", basicCredentials()).GET());
    }

    private String basicCredentials() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (person.user() + ":" + ServerUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
