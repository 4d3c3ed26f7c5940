package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void noArgumentsMeanTheDocumentedDefaults() {
        DemoOptions options = DemoOptions.parse();
        assertEquals(8080, options.port());
        assertEquals(12111, options.emulatorPort());
        assertEquals(Path.of("target", "demo-data"), options.dataDir());
    }

    @Test
    void everyOptionOverridesItsDefault() {
        DemoOptions options = DemoOptions.parse("--port", "0", "--emulator-port", "9999", "--data-dir", "/tmp/d",
                "--payments-war", "/tmp/p.war");
        assertEquals(new DemoOptions(0, 9999, Path.of("/tmp/d"), Path.of("/tmp/p.war")), options);
    }

    @Test
    void aSampleAppSettingReachesTheGateAndNotThePaymentsWar() {
        DemoOptions options = DemoOptions.defaults().withSampleAppSetting("PAYMENTS_PROTECT", "/pro/*=feature:x")
                .withSetting("PAYMENTS_GRACE_DAYS", "0");
        DemoSettings settings = DemoSettings.generate("http://localhost:1")
                .withOverrides(options.settings()).withSampleAppOverrides(options.sampleAppSettings());
        assertEquals("/pro/*=feature:x", settings.forSampleApp().get("PAYMENTS_PROTECT"));
        assertEquals("0", settings.forPayments().get("PAYMENTS_GRACE_DAYS"));
        assertFalse(settings.forPayments().containsKey("PAYMENTS_PROTECT"), "the WAR has no rules");
        assertEquals("/pro/*=plan:pro", DemoSettings.generate("http://localhost:1").forSampleApp()
                .get("PAYMENTS_PROTECT"), "the demo's own rule stays the default");
    }

    @Test
    void theOwnLoginAppSignsWithTheSecretThePaymentsWarVerifiesWith() {
        DemoSettings generated = DemoSettings.generate("http://localhost:1");
        String secret = generated.forPayments().get("PAYMENTS_HANDOFF_SECRET");
        assertTrue(secret.length() >= 32, "long enough for HandOff");
        assertEquals(secret, generated.forOwnLoginApp().get("PAYMENTS_HANDOFF_SECRET"));
        assertFalse(generated.forSampleApp().containsKey("PAYMENTS_HANDOFF_SECRET"), "the first app has no use for it");
        assertEquals("http://localhost:1/own-login/", generated.forPayments().get("PAYMENTS_RETURN_URLS"));
        assertEquals("user", generated.forOwnLoginApp().get("PAYMENTS_USER_ATTRIBUTE"));

        String replaced = "a-test-secret-of-more-than-32-bytes-0123456789";
        DemoSettings overridden = generated.withOverrides(java.util.Map.of("PAYMENTS_HANDOFF_SECRET", replaced));
        assertEquals(replaced, overridden.forOwnLoginApp().get("PAYMENTS_HANDOFF_SECRET"),
                "a test's secret reaches both sides");
    }

    @Test
    void anUnknownOptionIsNamedAndTheUsageShown() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DemoOptions.parse("--prot", "8080"));
        assertTrue(refused.getMessage().startsWith("unknown option --prot"), refused.getMessage());
        assertTrue(refused.getMessage().contains("usage: DemoServer"), refused.getMessage());
    }

    @Test
    void aPortMustBeANumberInRange() {
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--port", "eighty"));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--port", "70000"));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--port"));
    }
}
