package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
