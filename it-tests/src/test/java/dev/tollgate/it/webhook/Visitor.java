package dev.tollgate.it.webhook;

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

/**
 * One demo user's browser on the sample app: signs in through the app's FORM login, keeps the session cookie, and
 * never follows a redirect, so each of the gate's answers can be looked at as it was sent.
 */
final class Visitor {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();
    private final URI home;
    private final String user;

    private Visitor(URI home, String user) {
        this.home = home;
        this.user = user;
    }

    /** Signs {@code user} in (a demo user: the password is the name) and keeps that session. */
    static Visitor signedIn(URI home, String user) throws IOException, InterruptedException {
        Visitor visitor = new Visitor(home, user);
        HttpResponse<String> loginPage = visitor.get("/account/");
        if (loginPage.statusCode() != 200 || !loginPage.body().contains("j_security_check")) {
            throw new AssertionError("the account page did not ask " + user + " to sign in: "
                    + loginPage.statusCode());
        }
        String form = "j_username=" + encode(user) + "&j_password=" + encode(user);
        HttpResponse<String> signedIn = visitor.send(HttpRequest.newBuilder(home.resolve("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", home.getScheme() + "://" + home.getAuthority())
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (signedIn.statusCode() != 303 && signedIn.statusCode() != 302) {
            throw new AssertionError(user + " could not sign in: " + signedIn.statusCode());
        }
        HttpResponse<String> account = visitor.get("/account/");
        if (!account.body().contains("signed in as <b>" + user + "</b>")) {
            throw new AssertionError(user + " is not signed in after the login: " + account.statusCode());
        }
        return visitor;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(home.resolve(path)).GET());
    }

    /**
     * What the gate decided about {@code path}: "let in" (200 with the page), "to pricing" (303 to the app's
     * pricing page), or the status and location for anything else, so a failed assertion says what happened.
     */
    String gateDecisionOn(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() == 200) {
            return "let in";
        }
        if (response.statusCode() == 303 && URI.create(location).getPath().equals("/pricing")) {
            return "to pricing";
        }
        return response.statusCode() + " " + location;
    }

    String user() {
        return user;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
