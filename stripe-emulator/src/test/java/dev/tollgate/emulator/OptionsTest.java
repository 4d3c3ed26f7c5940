package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void defaultsWithoutArgumentsOrEnvironment() {
        Options options = Options.parse(new String[0], Map.of());
        assertEquals(12111, options.port());
        assertNull(options.catalog());
        assertNull(options.webhookUrl());
        assertNull(options.webhookSecret());
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() {
        Options options = Options.parse(new String[] {"--port", "0", "--webhook-url", "http://a/hook"},
                Map.of("STRIPE_EMULATOR_PORT", "9999", "STRIPE_EMULATOR_WEBHOOK_URL", "http://b/hook",
                        "STRIPE_EMULATOR_WEBHOOK_SECRET", "whsec_env"));
        assertEquals(0, options.port());
        assertEquals("http://a/hook", options.webhookUrl());
        assertEquals("whsec_env", options.webhookSecret());
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"--port", "http"}, Map.of())).getMessage().contains("--port"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"--colour", "red"}, Map.of())).getMessage().contains("--colour"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"--webhook-secret", "sk_test_x"}, Map.of())).getMessage()
                .contains("whsec_"));
    }

    @Test
    void faultsStrictnessAndRenewalEndingComeFromOptionsOrEnvironment() {
        Options options = Options.parse(new String[] {"--faults", "seed=3,drop=0.5,rate_limit=25", "--seed", "9"},
                Map.of("STRIPE_EMULATOR_STRICT", "false", "STRIPE_EMULATOR_AFTER_LAST_RETRY", "canceled"));
        assertEquals("seed=3,drop=0.5,rate_limit=25", options.faults());
        assertEquals(9L, options.seed());
        assertEquals(false, options.strict());
        assertEquals("canceled", options.afterLastRetry());
        assertEquals(0.5, Faults.parse(options.faults()).webhooks().drop());
        assertEquals(25, Faults.parse(options.faults()).api().rateLimitPerSecond());

        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse(
                new String[] {"--faults", "drop=lots"}, Map.of())).getMessage().contains("drop"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse(
                new String[] {"--faults", "explode=1"}, Map.of())).getMessage().contains("explode"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse(
                new String[] {"--after-last-retry", "forgiven"}, Map.of())).getMessage().contains("unpaid"));
    }
}
