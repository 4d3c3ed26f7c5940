package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.it.CapturedLog;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.demo.DemoServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A misconfigured payments WAR does not start, and its log says which variable is wrong, without repeating a
 * secret (ARCHITECTURE.md rule 7), through the demo's embedded Tomcat as a deployment meets it. Several faults in
 * one start are all reported at once. The faults are JVM system properties, the source the WAR reads before its
 * context-params, so the demo's emulator keeps its own good settings. (A missing webhook secret on every
 * container: MissingWebhookSecretIT.)
 */
class ConfigurationFaultScenarios {

    private static final String A_SECRET_KEY = "sk_test_51ConfigFaultSecretKeyValue";

    @Test
    void missingAndMalformedSettingsAreNamedTogether() throws Exception {
        List<String> log = startRefused(Map.of(
                "PAYMENTS_PLANS", "pro=",
                "PAYMENTS_APP_URL", "not a url",
                "PAYMENTS_GRACE_DAYS", "three",
                "PAYMENTS_REVOKE_ON_REFUND", "perhaps"));
        assertNamed(log, "PAYMENTS_PLANS", "PAYMENTS_APP_URL", "PAYMENTS_GRACE_DAYS", "PAYMENTS_REVOKE_ON_REFUND");
    }

    @Test
    void keysInTheWrongSlotAreNamedWithoutBeingRepeated() throws Exception {
        String publishable = "pk_test_51ConfigFaultPublishableValue";
        String notASigningSecret = "sk_test_51PastedIntoTheWrongSlot";
        List<String> log = startRefused(Map.of(
                "STRIPE_SECRET_KEY", publishable,
                "STRIPE_WEBHOOK_SECRET", notASigningSecret));
        assertNamed(log, "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET");
        assertNotIn(log, publishable, notASigningSecret);
    }

    @Test
    void liveModeNeedsLiveKeysThroughoutAndAnHttpsUrl() throws Exception {
        String liveKey = "sk_live_51ConfigFaultLiveSecretKey";
        List<String> log = startRefused(Map.of(
                "STRIPE_SECRET_KEY", liveKey,
                "STRIPE_PUBLISHABLE_KEY", "pk_test_51ConfigFaultTestPublishable",
                "PAYMENTS_APP_URL", "http://shop.example.com/payments"));
        assertNamed(log, "STRIPE_PUBLISHABLE_KEY", "PAYMENTS_APP_URL");
        assertNotIn(log, liveKey);
    }

    @Test
    void aDataSourceNameThatNamesNothingIsRefused() throws Exception {
        List<String> log = startRefused(Map.of(
                "STRIPE_SECRET_KEY", A_SECRET_KEY,
                "PAYMENTS_DATASOURCE", "java:comp/env/jdbc/nothing-bound-here"));
        assertNamed(log, "PAYMENTS_DATASOURCE");
        assertNotIn(log, A_SECRET_KEY);
    }

    /** Starts the demo with {@code settings} for the WAR, expects the WAR to refuse, returns the warnings logged. */
    private static List<String> startRefused(Map<String, String> settings) throws Exception {
        Path dataDir = Path.of(System.getProperty("project.build.directory", "target"), "config-faults",
                UUID.randomUUID().toString().substring(0, 8));
        DemoOptions options = DemoOptions.defaults().onPorts(0, 0).withDataDir(dataDir)
                .withDatabase(DemoDatabase.Kind.H2);
        CapturedLog capture = CapturedLog.start();
        settings.forEach(System::setProperty);
        try {
            DemoOptions refused = options;
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> {
                try (DemoServer started = DemoServer.start(refused)) {
                    started.paymentsUrl();
                }
            }, "the payments WAR must not start with " + settings.keySet());
            assertTrue(failure.getMessage().contains("payments WAR"), failure.getMessage());
        } finally {
            settings.keySet().forEach(System::clearProperty);
            capture.close();
        }
        return capture.records().stream()
                .filter(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                .map(record -> record.getLoggerName() + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " / " + record.getThrown()))
                .toList();
    }

    private static void assertNamed(List<String> log, String... variables) {
        List<String> reasons = log.stream().filter(line -> line.startsWith("dev.tollgate."))
                .filter(line -> line.contains("Tollgate payments cannot start")).toList();
        assertEquals(1, reasons.size(), "one line of ours says why the WAR did not start: " + log);
        for (String variable : variables) {
            assertTrue(reasons.get(0).contains(variable), variable + " is named: " + reasons.get(0));
        }
    }

    private static void assertNotIn(List<String> log, String... secrets) {
        for (String line : log) {
            for (String secret : secrets) {
                assertTrue(!line.contains(secret), "a secret value was logged: " + line);
            }
        }
    }
}
