package dev.tollgate.web;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.config.SettingSource;
import java.util.HashMap;
import java.util.Map;

/** A valid test-mode configuration, with any setting replaced or added. */
public final class TestSettings {

    public static final String WEBHOOK_SECRET = "whsec_unit_test_secret";
    public static final String MONITORING_TOKEN = "monitoring-token-of-24-characters-or-more";

    private TestSettings() {
    }

    public static PaymentsConfig config(String... overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "STRIPE_SECRET_KEY", "sk_test_51UnitTestKey",
                "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET,
                "PAYMENTS_APP_URL", "https://shop.example.com/payments",
                "PAYMENTS_PLANS", "pro=price_pro_monthly",
                "PAYMENTS_MONITORING_TOKEN", MONITORING_TOKEN));
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            settings.put(overrides[i], overrides[i + 1]);
        }
        return PaymentsConfig.load(new SettingSource(settings::get, name -> null));
    }
}
