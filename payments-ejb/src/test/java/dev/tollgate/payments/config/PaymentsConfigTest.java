package dev.tollgate.payments.config;

import dev.tollgate.payments.domain.model.StripeMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentsConfigTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "STRIPE_SECRET_KEY", "sk_test_51AbcDefGhi",
            "STRIPE_WEBHOOK_SECRET", "whsec_testsecret123",
            "PAYMENTS_APP_URL", "http://localhost:8080/payments",
            "PAYMENTS_PLANS", "pro=price_pro_monthly;basic=price_basic_monthly"));

    private PaymentsConfig load() {
        return PaymentsConfig.load(new SettingSource(env::get, name -> null));
    }

    private String failureOf() {
        return assertThrows(ConfigurationException.class, this::load).getMessage();
    }

    @Test
    void aCompleteTestModeConfigurationLoads() {
        PaymentsConfig config = load();
        assertEquals(StripeMode.TEST, config.mode());
        assertEquals(List.of("whsec_testsecret123"), config.webhookSecrets());
        assertTrue(config.plans().planSoldBy("price_pro_monthly").isPresent());
    }

    @Test
    void thePortalReturnsToTheSuccessPageTakenRelativeToTheAppUrlUnlessToldOtherwise() {
        assertEquals("http://localhost:8080/", load().checkoutPages().portalReturnUrl(), "PAYMENTS_SUCCESS_URL=/");
        env.put("PAYMENTS_SUCCESS_URL", "/welcome");
        assertEquals("http://localhost:8080/welcome", load().checkoutPages().portalReturnUrl());
        env.put("PAYMENTS_PORTAL_RETURN_URL", "https://shop.example.com/account");
        assertEquals("https://shop.example.com/account", load().checkoutPages().portalReturnUrl());
        env.put("PAYMENTS_PORTAL_RETURN_URL", "/account");
        assertTrue(failureOf().contains("PAYMENTS_PORTAL_RETURN_URL must be an absolute http(s) URL"));
    }

    @Test
    void promotionCodesTaxAndTaxIdsAreOffUnlessSwitchedOn() {
        PaymentsConfig defaults = load();
        assertFalse(defaults.allowPromotionCodes() || defaults.automaticTax() || defaults.taxIdCollection());
        env.put("PAYMENTS_ALLOW_PROMOTION_CODES", "true");
        env.put("PAYMENTS_AUTOMATIC_TAX", "true");
        env.put("PAYMENTS_TAX_ID_COLLECTION", "true");
        PaymentsConfig on = load();
        assertTrue(on.allowPromotionCodes() && on.automaticTax() && on.taxIdCollection());
        env.put("PAYMENTS_AUTOMATIC_TAX", "yes");
        assertTrue(failureOf().contains("PAYMENTS_AUTOMATIC_TAX must be true or false"));
    }

    @Test
    void aMissingWebhookSecretStopsTheStartNamingTheVariable() {
        env.remove("STRIPE_WEBHOOK_SECRET");
        assertTrue(failureOf().contains("STRIPE_WEBHOOK_SECRET is not set"));
    }

    @Test
    void aWebhookSecretThatIsNotWhsecShapedIsRefused() {
        env.put("STRIPE_WEBHOOK_SECRET", "sk_test_oops");
        String message = failureOf();
        assertTrue(message.contains("STRIPE_WEBHOOK_SECRET"));
        assertFalse(message.contains("sk_test_oops"), "the bad value may be a secret: never echo it");
    }

    @Test
    void rotationTakesEveryCommaSeparatedSecret() {
        env.put("STRIPE_WEBHOOK_SECRET", "whsec_oldsecret111, whsec_newsecret222");
        assertEquals(List.of("whsec_oldsecret111", "whsec_newsecret222"), load().webhookSecrets());
    }

    @Test
    void aPublishableKeyInTheSecretSlotIsRefused() {
        env.put("STRIPE_SECRET_KEY", "pk_test_51AbcDefGhi");
        assertTrue(failureOf().contains("STRIPE_SECRET_KEY holds a publishable key"));
    }

    @Test
    void testAndLiveKeysMustNotBeMixed() {
        env.put("STRIPE_PUBLISHABLE_KEY", "pk_live_51AbcDefGhi");
        assertTrue(failureOf().contains("test and live keys are mixed"));
    }

    @Test
    void liveModeNeedsAnHttpsAppUrl() {
        env.put("STRIPE_SECRET_KEY", "sk_live_51AbcDefGhi");
        assertTrue(failureOf().contains("PAYMENTS_APP_URL must be https in live mode"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        env.clear();
        List<String> problems = assertThrows(ConfigurationException.class, this::load).problems();
        assertEquals(4, problems.size(), problems.toString());
    }

    @Test
    void secretsNeverAppearInToString() {
        String text = load().toString();
        assertFalse(text.contains("sk_test_51AbcDefGhi"));
        assertFalse(text.contains("whsec_testsecret123"));
    }

    @Test
    void aShortMonitoringTokenIsRefusedWithoutRepeatingIt() {
        env.put("PAYMENTS_MONITORING_TOKEN", "short-token");
        String message = failureOf();
        assertTrue(message.contains("PAYMENTS_MONITORING_TOKEN must be at least 24"), message);
        assertFalse(message.contains("short-token"), "the token is a secret: never echoed");
    }

    @Test
    void aLongMonitoringTokenIsKeptAndHiddenFromToString() {
        String token = "0123456789abcdef0123456789abcdef";
        env.put("PAYMENTS_MONITORING_TOKEN", token);
        PaymentsConfig config = load();
        assertEquals(java.util.Optional.of(token), config.monitoringToken());
        assertFalse(config.toString().contains(token));
    }

    @Test
    void theHandOffSecretNeeds32BytesAndIsNeverRepeated() {
        String atTheLimit = "fedcba9876543210fedcba9876543210";
        env.put("PAYMENTS_HANDOFF_SECRET", atTheLimit.substring(1));
        String refusal = failureOf();
        assertTrue(refusal.contains("PAYMENTS_HANDOFF_SECRET must be at least 32 bytes"), refusal);
        assertFalse(refusal.contains(atTheLimit.substring(1)), "the secret is never echoed");

        env.put("PAYMENTS_HANDOFF_SECRET", atTheLimit);
        PaymentsConfig kept = load();
        assertEquals(java.util.Optional.of(atTheLimit), kept.handOffSecret());
        assertFalse(kept.toString().contains(atTheLimit));
    }

    @Test
    void withoutAHandOffSecretOnlyContainerSecurityNamesUsers() {
        assertTrue(load().handOffSecret().isEmpty());
    }

    @Test
    void stripeCallsAreBoundedByFiveSecondsAndTwoRetriesUnlessConfigured() {
        assertEquals(java.time.Duration.ofSeconds(5), load().stripeTimeout());
        assertEquals(2, load().stripeRetries());
        env.put("PAYMENTS_STRIPE_TIMEOUT_MS", "1500");
        env.put("PAYMENTS_STRIPE_RETRIES", "0");
        assertEquals(java.time.Duration.ofMillis(1500), load().stripeTimeout());
        assertEquals(0, load().stripeRetries());
    }

    @Test
    void aStripeTimeOutOfZeroIsRefused() {
        env.put("PAYMENTS_STRIPE_TIMEOUT_MS", "0");
        assertTrue(failureOf().contains("PAYMENTS_STRIPE_TIMEOUT_MS must be at least 1"));
    }

    @Test
    void reconcileIntervalsTakeFractionsSoATestCanRunThemEverySeconds() {
        env.put("PAYMENTS_RECONCILE_CATCH_UP_MINUTES", "0.1");
        env.put("PAYMENTS_RECONCILE_DRIFT_HOURS", "0.5");
        assertEquals(Duration.ofSeconds(6), load().reconcileSettings().catchUpEvery());
        assertEquals(Duration.ofMinutes(30), load().reconcileSettings().driftScanEvery());
        env.put("PAYMENTS_RECONCILE_CATCH_UP_MINUTES", "0");
        assertEquals(Duration.ZERO, load().reconcileSettings().catchUpEvery(), "0: only when asked");
    }

    @Test
    void aReconcileIntervalBelowASecondOrNotANumberIsRefused() {
        env.put("PAYMENTS_RECONCILE_CATCH_UP_MINUTES", "0.001");
        assertTrue(failureOf().contains("PAYMENTS_RECONCILE_CATCH_UP_MINUTES"));
        env.put("PAYMENTS_RECONCILE_CATCH_UP_MINUTES", "hourly");
        assertTrue(failureOf().contains("PAYMENTS_RECONCILE_CATCH_UP_MINUTES"));
        env.put("PAYMENTS_RECONCILE_CATCH_UP_MINUTES", "-1");
        assertTrue(failureOf().contains("PAYMENTS_RECONCILE_CATCH_UP_MINUTES"));
    }
}
