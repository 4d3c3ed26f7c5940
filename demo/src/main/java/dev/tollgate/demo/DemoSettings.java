package dev.tollgate.demo;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration the demo gives each webapp, as servlet context-params under the names in
 * {@code docs/design.md}. Keys are made up per run: the emulator accepts any test key, and a fresh webhook
 * secret shows that nothing here is a real Stripe credential; so is the hand-off secret the payments WAR and the
 * own-login app share.
 *
 * @param appUrl        the demo's own base URL, e.g. {@code http://localhost:8080}
 * @param emulatorUrl   the Stripe emulator's base URL
 * @param secretKey     the {@code sk_test_} key the payments WAR calls the emulator with
 * @param webhookSecret the {@code whsec_} secret the emulator signs deliveries with
 * @param handOffSecret the {@code PAYMENTS_HANDOFF_SECRET} of the payments WAR and the own-login app
 * @param overrides     payments WAR settings a test put in place of the demo's own
 * @param sampleAppOverrides sample app (gate) settings a test put in place of the demo's own
 */
record DemoSettings(String appUrl, String emulatorUrl, String secretKey, String webhookSecret, String handOffSecret,
                    Map<String, String> overrides, Map<String, String> sampleAppOverrides) {

    /** Context path of the payments WAR. */
    static final String PAYMENTS_PATH = "/payments";
    /** JNDI name, relative to {@code java:comp/env}, of the database both webapps share. */
    static final String DATASOURCE_NAME = "jdbc/tollgate";
    /** The sample app's page listing the plans; the gate sends signed-in users without the plan here. */
    static final String PRICING_PATH = "/pricing";
    /** The sample app's paid area. */
    static final String PRO_PATH = "/pro/";
    /** Where a buyer lands after paying: what was bought and where to go. */
    static final String WELCOME_PATH = "/welcome";
    /** Context path of the second sample app, which signs its users in itself. */
    static final String OWN_LOGIN_PATH = "/own-login";
    /** Where the own-login app keeps its signed-in user, for the gate to read. */
    static final String OWN_LOGIN_USER_ATTRIBUTE = "user";

    /**
     * The demo's catalog: the emulator's seeded plans, in the order its pricing page shows them — Pro monthly or
     * yearly (the portal switches between them), and Pro for life, paid once — and its credit pack. What each costs
     * comes from the emulator's prices, not from here.
     */
    static final String PLANS = "basic=price_basic_monthly;pro=price_pro_monthly,price_pro_annual;"
            + "lifetime=price_pro_lifetime;duration:lifetime=forever;includes:lifetime=pro;"
            + "credits:100=price_credits_100";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** Settings with a fresh test key and webhook secret. */
    static DemoSettings generate(String appUrl) {
        return new DemoSettings(appUrl, null, "sk_test_demo" + randomText(24), "whsec_" + randomText(32),
                randomText(43), Map.of(), Map.of());
    }

    /** The same settings once the emulator's address is known. */
    DemoSettings withEmulatorUrl(String url) {
        return new DemoSettings(appUrl, url, secretKey, webhookSecret, handOffSecret, overrides, sampleAppOverrides);
    }

    /**
     * The same settings with some of the payments WAR's replaced. A replaced {@code STRIPE_WEBHOOK_SECRET} (a
     * rotation's comma list) also gives the emulator its first secret to sign with.
     */
    DemoSettings withOverrides(Map<String, String> replaced) {
        String secrets = replaced.get("STRIPE_WEBHOOK_SECRET");
        String signing = secrets == null ? webhookSecret : secrets.split(",")[0].trim();
        return new DemoSettings(appUrl, emulatorUrl, secretKey, signing, handOffSecret, Map.copyOf(replaced),
                sampleAppOverrides);
    }

    /** The same settings with some of the sample app's replaced, e.g. its {@code PAYMENTS_PROTECT} rules. */
    DemoSettings withSampleAppOverrides(Map<String, String> replaced) {
        return new DemoSettings(appUrl, emulatorUrl, secretKey, webhookSecret, handOffSecret, overrides,
                Map.copyOf(replaced));
    }

    /** Where the emulator delivers signed events. */
    String webhookEndpoint() {
        return appUrl + PAYMENTS_PATH + "/stripe/webhook";
    }

    /** Context-params of the payments WAR. */
    Map<String, String> forPayments() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("STRIPE_SECRET_KEY", secretKey);
        params.put("STRIPE_WEBHOOK_SECRET", webhookSecret);
        params.put("STRIPE_API_BASE", emulatorUrl);
        params.put("PAYMENTS_APP_URL", appUrl + PAYMENTS_PATH);
        params.put("PAYMENTS_SUCCESS_URL", appUrl + WELCOME_PATH);
        params.put("PAYMENTS_CANCEL_URL", appUrl + PRICING_PATH);
        params.put("PAYMENTS_PLANS", PLANS);
        params.put("PAYMENTS_DATASOURCE", "java:comp/env/" + DATASOURCE_NAME);
        // The own-login app's users come back to it from Stripe's pages, and are named by its hand-off tokens.
        params.put("PAYMENTS_RETURN_URLS", appUrl + OWN_LOGIN_PATH + "/");
        params.put("PAYMENTS_HANDOFF_SECRET", handOffSecret);
        params.putAll(overrides);
        return params;
    }

    /** Context-params of the sample app: what a customer adds next to the gate's jar. */
    Map<String, String> forSampleApp() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("PAYMENTS_PROTECT", PRO_PATH + "*=plan:pro");
        params.put("PAYMENTS_PRICING_URL", PRICING_PATH);
        params.put("PAYMENTS_DATASOURCE", "java:comp/env/" + DATASOURCE_NAME);
        params.putAll(sampleAppOverrides);
        return params;
    }

    /**
     * Context-params of the own-login app: the gate reads its user from the app's own attribute, and the app signs
     * hand-offs with the payments WAR's secret (the one in force, also when a test replaced it).
     */
    Map<String, String> forOwnLoginApp() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("PAYMENTS_PROTECT", PRO_PATH + "*=plan:pro");
        params.put("PAYMENTS_PRICING_URL", "/account");
        params.put("PAYMENTS_USER_ATTRIBUTE", OWN_LOGIN_USER_ATTRIBUTE);
        params.put("PAYMENTS_DATASOURCE", "java:comp/env/" + DATASOURCE_NAME);
        params.put("PAYMENTS_HANDOFF_SECRET", forPayments().get("PAYMENTS_HANDOFF_SECRET"));
        return params;
    }

    private static String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
