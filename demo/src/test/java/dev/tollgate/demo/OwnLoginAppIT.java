package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.emulator.CheckoutForm;
import dev.tollgate.gate.HandOff;
import dev.tollgate.gate.HandOff.Purpose;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's second sample app, {@code /own-login}, which signs its users in itself (no container security), over
 * real HTTP against the demo as the README starts it: carol signs in on the app's own page, is refused its Pro area,
 * buys Pro through the emulator's hosted checkout with a hand-off token, comes back to the app's account page (not
 * the first app's), is let into its Pro area, and its "Manage billing" opens the emulator's portal, which links back
 * to the app. Forged and expired tokens, a checkout with neither token nor container login, and a return address
 * outside {@code PAYMENTS_RETURN_URLS} are refused with nothing created in the emulator or the database.
 */
class OwnLoginAppIT {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern HIDDEN_FIELD =
            Pattern.compile("<input type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\">");

    @RegisterExtension
    static final DemoRun DEMO = new DemoRun();

    @Test
    void carolBuysProInTheOwnLoginAppComesBackToItIsLetInAndOpensThePortal() throws Exception {
        Browser carol = new Browser(DEMO.server().appUrl());

        // Nobody signed in here: the gate answers 401, which the app shows as its own "sign in first" page.
        HttpResponse<String> stranger = carol.get("/own-login/pro/");
        assertEquals(401, stranger.statusCode(), stranger.body());
        assertTrue(stranger.body().contains("Sign in first") && stranger.body().contains("/own-login/sign-in"),
                stranger.body());
        assertFalse(stranger.body().contains("id=\"pro-content\""), "no Pro content for strangers");

        signIn(carol, "carol");

        // Signed in by the app itself, no plan yet: the gate sends her to the app's account page, which sells Pro.
        HttpResponse<String> refused = carol.get("/own-login/pro/");
        carol.assertRedirect(refused, "/own-login/account");
        HttpResponse<String> account = carol.get("/own-login/account");
        assertEquals(200, account.statusCode(), account.body());
        assertTrue(account.body().contains("<b id=\"account-plan\">free</b>"), account.body());
        assertTrue(account.body().contains("<span id=\"price-pro\">29.00 USD</span>"), "the emulator's price");
        Map<String, String> buyPro = formFields(account.body(), "/payments/billing/checkout");
        assertEquals("price_pro_monthly", buyPro.get("price"));
        assertEquals("/own-login/account", buyPro.get("return_to"));
        assertEquals("carol", handOff().verify(buyPro.get(HandOff.FIELD), Purpose.CHECKOUT, Instant.now())
                .orElseThrow(), "the token names carol, for checkout");

        // The form goes to the payments WAR, which opens the emulator's checkout page; Checkout's back link and the
        // return page both lead back to the own-login app.
        HttpResponse<String> toCheckout = carol.postForm("/payments/billing/checkout", buyPro,
                carol.resolve("/own-login/account"));
        assertEquals(303, toCheckout.statusCode(), toCheckout.body());
        URI checkoutPage = URI.create(carol.location(toCheckout));
        assertTrue(checkoutPage.toString().startsWith(DEMO.server().emulator().baseUrl()), checkoutPage.toString());
        HttpResponse<String> page = carol.get(checkoutPage.toString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("href=\"" + carol.resolve("/own-login/account") + "\""),
                "Checkout's back link leads to the own-login app: " + page.body());
        CheckoutForm form = CheckoutForm.read(page.body()).withCard(DemoServer.TEST_CARD);
        HttpResponse<String> paid = carol.postForm(checkoutPage.resolve(form.action()).toString(), form.fields(),
                checkoutPage);
        carol.assertRedirect(paid, "/payments/billing/return");
        String returnAddress = URLDecoder.decode(carol.location(paid), StandardCharsets.UTF_8);
        assertTrue(returnAddress.contains("return_to=" + carol.resolve("/own-login/account"))
                && returnAddress.contains(HandOff.FIELD + "="), returnAddress);

        HttpResponse<String> returned = carol.get(carol.location(paid));
        assertEquals(303, returned.statusCode(), returned.body());
        assertEquals(carol.resolve("/own-login/account").toString(), carol.location(returned),
                "back in the own-login app, not at the first app's /welcome");
        HttpResponse<String> back = carol.get(carol.location(returned));
        assertTrue(back.body().contains("<b id=\"account-plan\">pro</b>"), back.body());

        HttpResponse<String> pro = carol.get("/own-login/pro/");
        assertEquals(200, pro.statusCode(), pro.body());
        assertTrue(pro.body().contains("id=\"pro-content\"") && pro.body().contains("Acme Sketch Pro, carol"),
                pro.body());
        assertEquals("pro", DEMO.ledger().entitlementOf("carol").orElseThrow().plan(), "the database says why");

        // Manage billing: a portal token, and the portal links back to the own-login app.
        Map<String, String> manage = formFields(back.body(), "/payments/billing/portal");
        HttpResponse<String> toPortal = carol.postForm("/payments/billing/portal", manage,
                carol.resolve("/own-login/account"));
        assertEquals(303, toPortal.statusCode(), toPortal.body());
        String portalPage = carol.location(toPortal);
        assertTrue(portalPage.startsWith(DEMO.server().emulator().baseUrl() + "/portal/"), portalPage);
        HttpResponse<String> portal = carol.get(portalPage);
        assertEquals(200, portal.statusCode(), portal.body());
        assertTrue(portal.body().contains("<a id=\"return\" href=\"" + carol.resolve("/own-login/account") + "\""),
                "the portal links back to the own-login app: " + portal.body());

        // Signing out forgets her: the Pro area is closed again.
        HttpResponse<String> signedOut = carol.postForm("/own-login/sign-out", Map.of(),
                carol.resolve("/own-login/account"));
        carol.assertRedirect(signedOut, "/own-login/");
        assertEquals(401, carol.get("/own-login/pro/").statusCode());
    }

    @Test
    void forgedExpiredAndMissingHandOffsAndForeignReturnAddressesCreateNothing() throws Exception {
        Browser dave = new Browser(DEMO.server().appUrl());
        signIn(dave, "dave");
        Map<String, String> buyPro = formFields(dave.get("/own-login/account").body(), "/payments/billing/checkout");
        String valid = buyPro.get(HandOff.FIELD);
        String[] fields = valid.split("\\.");
        fields[1] = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("carol".getBytes(StandardCharsets.UTF_8));
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("another secret", HandOff.withSecret("not-the-demo-secret-0123456789abcdef0123")
                .sign("dave", Purpose.CHECKOUT, Instant.now()));
        badTokens.put("expired", handOff().sign("dave", Purpose.CHECKOUT, Instant.now().minus(Duration.ofMinutes(6))));
        badTokens.put("signed for the portal", handOff().sign("dave", Purpose.PORTAL, Instant.now()));
        badTokens.put("user rewritten", String.join(".", fields));

        assertTrue(DEMO.server().emulator().awaitDeliveriesIdle(DELIVERY_TIMEOUT), "webhook deliveries finished");
        Ledger.Footprint before = DEMO.ledger().footprint();
        DEMO.server().emulator().resetApiRequestCounts();

        for (Map.Entry<String, String> token : badTokens.entrySet()) {
            Map<String, String> form = new LinkedHashMap<>(buyPro);
            form.put(HandOff.FIELD, token.getValue());
            HttpResponse<String> refused = dave.postForm("/payments/billing/checkout", form,
                    dave.resolve("/own-login/account"));
            assertEquals(403, refused.statusCode(), token.getKey() + ": " + refused.body());
            assertTrue(refused.body().contains("This link has expired or is not valid here"), refused.body());
            assertFalse(refused.body().contains("Exception"), token.getKey() + ": " + refused.body());
        }

        // No token and no container login (the app never signs in with the container): the WAR asks for one.
        Map<String, String> withoutToken = new LinkedHashMap<>(buyPro);
        withoutToken.remove(HandOff.FIELD);
        HttpResponse<String> anonymous = dave.postForm("/payments/billing/checkout", withoutToken,
                dave.resolve("/own-login/account"));
        assertEquals(401, anonymous.statusCode(), anonymous.body());

        // A valid token, but the form asks to be sent back to a page nobody listed: 400 before anything is asked.
        for (String foreign : List.of("https://evil.example/own-login/account", "//evil.example/own-login/",
                "/own-login/../payments/admin/", "/own-login-evil/", "/welcome")) {
            Map<String, String> form = new LinkedHashMap<>(buyPro);
            form.put("return_to", foreign);
            HttpResponse<String> refused = dave.postForm("/payments/billing/checkout", form,
                    dave.resolve("/own-login/account"));
            assertEquals(400, refused.statusCode(), foreign + ": " + refused.body());
            assertTrue(refused.body().contains("This return address is not one of this site&#39;s pages.")
                    || refused.body().contains("This return address is not one of this site's pages."), refused.body());
        }

        // The emulator counts calls per resource ("POST /v1/customers"): no customer, Checkout or portal was made.
        Map<String, Long> asked = DEMO.server().emulator().apiRequestCounts();
        assertTrue(asked.keySet().stream().noneMatch(call -> call.startsWith("POST ")),
                "nothing created in the emulator: " + asked);
        assertEquals(before, DEMO.ledger().footprint(), "a refused checkout writes nothing");
        assertTrue(DEMO.ledger().entitlementOf("dave").isEmpty(), "dave has nothing");
    }

    /**
     * Which user the gate judges in the own-login app (PAYMENTS_USER_ATTRIBUTE=user): only the app's attribute.
     * alice signs in to the container through the first app and buys Pro there. The demo's Tomcat shares sign-ins
     * across the site (its single sign-on valve), so the container names alice in the own-login app too; the gate
     * must not judge her there — the app knows nobody, and its Pro page would be served to a visitor it treats as
     * anonymous. Once dave signs in on the app's own page, the gate judges dave, who has no Pro, while alice's
     * container sign-in still opens the first app.
     */
    @Test
    void theGateJudgesOnlyTheAppsOwnUserNotTheContainersSignIn() throws Exception {
        Browser browser = new Browser(DEMO.server().appUrl());
        browser.signIn("alice", "alice");
        HttpResponse<String> paid = browser.buyWithTestCard("price_pro_monthly", "/pricing");
        assertEquals(303, browser.get(browser.location(paid)).statusCode(), "the return page grants Pro");
        assertEquals(200, browser.get("/pro/").statusCode(), "alice holds Pro where the container signs her in");

        HttpResponse<String> asAlice = browser.get("/own-login/pro/");
        assertEquals(401, asAlice.statusCode(), "the container's alice is nobody here: " + asAlice.body());
        assertTrue(asAlice.body().contains("Sign in first"), asAlice.body());
        assertFalse(asAlice.body().contains("id=\"pro-content\""), "no Pro content for the app's anonymous visitor");

        signIn(browser, "dave");
        HttpResponse<String> asDave = browser.get("/own-login/pro/");
        browser.assertRedirect(asDave, "/own-login/account");
        HttpResponse<String> account = browser.get(browser.location(asDave));
        assertTrue(account.body().contains("<b id=\"account-user\">dave</b>")
                && account.body().contains("<b id=\"account-plan\">free</b>"), account.body());
        assertEquals(200, browser.get("/pro/").statusCode(), "alice is still signed in to the first app");
    }

    @Test
    void aWrongPasswordIsRefusedAndTheContainersUsersAreNotThisAppsUsers() throws Exception {
        Browser visitor = new Browser(DEMO.server().appUrl());
        for (String[] attempt : new String[][] {{"carol", "dave"}, {"alice", "alice"}, {"", ""}}) {
            HttpResponse<String> refused = visitor.postForm("/own-login/sign-in",
                    Map.of("user", attempt[0], "password", attempt[1]), visitor.resolve("/own-login/sign-in"));
            assertEquals(401, refused.statusCode(), String.join("/", attempt));
            assertTrue(refused.body().contains("id=\"sign-in-failed\""), refused.body());
        }
        visitor.assertRedirect(visitor.get("/own-login/account"), "/own-login/sign-in");
    }

    /** Signs in on the app's own page: the user is kept by the app, and its account page says so. */
    private static void signIn(Browser browser, String user) throws Exception {
        HttpResponse<String> form = browser.get("/own-login/sign-in");
        assertEquals(200, form.statusCode(), form.body());
        HttpResponse<String> signedIn = browser.postForm("/own-login/sign-in",
                Map.of("user", user, "password", user), browser.resolve("/own-login/sign-in"));
        browser.assertRedirect(signedIn, "/own-login/account");
        HttpResponse<String> account = browser.get(browser.location(signedIn));
        assertEquals(200, account.statusCode(), account.body());
        assertTrue(account.body().contains("<b id=\"account-user\">" + user + "</b>"), account.body());
    }

    private static HandOff handOff() {
        return HandOff.withSecret(DEMO.server().handOffSecret());
    }

    /** The hidden fields of the page's form posting to {@code action}. */
    private static Map<String, String> formFields(String page, String action) {
        int start = page.indexOf("action=\"" + action + "\"");
        assertTrue(start >= 0, "a form posting to " + action + ": " + page);
        String form = page.substring(start, page.indexOf("</form>", start));
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher field = HIDDEN_FIELD.matcher(form);
        while (field.find()) {
            fields.put(field.group(1), field.group(2));
        }
        return fields;
    }
}
