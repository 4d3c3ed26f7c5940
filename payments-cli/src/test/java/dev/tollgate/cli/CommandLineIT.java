package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.model.WebhookEndpoint;
import com.stripe.param.WebhookEndpointCreateParams;
import dev.tollgate.emulator.StripeEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code tollgate.jar} run as an install script runs it, in a JVM of its own, against the emulator:
 * its exit status (0 in order, 1 problems, 2 bad usage), its output, and that it prints a new secret once.
 */
class CommandLineIT {

    private static final String KEY = "sk_test_command_line";
    private static final Pattern SECRET = Pattern.compile("whsec_[0-9a-f]+");

    private static StripeEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = StripeEmulator.builder().port(0).build().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    record Run(int status, String out, String err) {
    }

    @Test
    void checkFindsNoEndpointThenCreateMakesOneAndShowsItsSecretOnce() throws Exception {
        String app = "https://cli-first.example.com/payments";

        Run missing = tollgate(stripeEnv(), "endpoint", "check", "--url", app);
        assertEquals(Main.PROBLEMS, missing.status(), missing.toString());
        assertTrue(missing.out().contains("PROBLEM: No webhook endpoint in Stripe sends to " + app
                + "/stripe/webhook"), missing.out());

        Run created = tollgate(stripeEnv(), "endpoint", "create", "--url", app);
        assertEquals(Main.OK, created.status(), created.toString());
        Matcher secret = SECRET.matcher(created.out());
        assertTrue(secret.find(), created.out());
        assertFalse(secret.find(), "the secret is printed once");
        assertTrue(created.out().contains("Set STRIPE_WEBHOOK_SECRET to this secret"), created.out());
        assertFalse(created.err().contains("whsec_"), "nothing logs the secret: " + created.err());

        Run again = tollgate(stripeEnv(), "endpoint", "create", "--url", app);
        assertEquals(Main.OK, again.status(), again.toString());
        assertTrue(again.out().contains("Nothing needed changing."), again.out());
        assertFalse(again.out().contains("whsec_"), again.out());
        assertEquals(1, endpointsAt(app + "/stripe/webhook").size());

        Run checked = tollgate(stripeEnv(), "endpoint", "check", "--url", app);
        assertEquals(Main.OK, checked.status(), checked.toString());
        assertTrue(checked.out().contains("API version " + Stripe.API_VERSION + ", 17 event type(s)"), checked.out());
    }

    @Test
    void checkReportsAnOlderApiVersionAndTheUrlComesFromTheEnvironment() throws Exception {
        String app = "https://cli-old.example.com/payments";
        stripe().v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder().setUrl(app + "/stripe/webhook")
                .putExtraParam("enabled_events", List.of("*")).putExtraParam("api_version", "2024-06-20").build());
        Map<String, String> env = stripeEnv();
        env.put("PAYMENTS_APP_URL", app);

        Run old = tollgate(env, "endpoint", "check");

        assertEquals(Main.PROBLEMS, old.status(), old.toString());
        assertTrue(old.out().contains("renders events at 2024-06-20, before 2025-03-31: invoices carry no parent"),
                old.out());
    }

    @Test
    void badUsageAnswersTwoAndChangesNothing() throws Exception {
        int before = stripe().v1().webhookEndpoints().list().getData().size();
        Map<String, String> noKey = stripeEnv();
        noKey.remove("STRIPE_SECRET_KEY");
        Map<String, String> publishable = stripeEnv();
        publishable.put("STRIPE_SECRET_KEY", "pk_test_not_a_secret_key");

        List<Run> runs = List.of(
                tollgate(stripeEnv()),
                tollgate(stripeEnv(), "endpoint"),
                tollgate(stripeEnv(), "endpoint", "delete", "--url", "https://x.example/payments"),
                tollgate(stripeEnv(), "endpoint", "create"),
                tollgate(stripeEnv(), "endpoint", "create", "--url", "ftp://x.example/payments"),
                tollgate(stripeEnv(), "endpoint", "create", "--url", "https://x.example/payments", "--force"),
                tollgate(noKey, "endpoint", "create", "--url", "https://x.example/payments"),
                tollgate(publishable, "endpoint", "create", "--url", "https://x.example/payments"));

        for (Run run : runs) {
            assertEquals(Main.USAGE, run.status(), run.toString());
            assertTrue(run.err().contains("Usage: java -jar tollgate.jar endpoint"), run.err());
        }
        assertFalse(runs.get(7).err().contains("pk_test_not"), "a key is never repeated");
        assertEquals(before, stripe().v1().webhookEndpoints().list().getData().size());
    }

    @Test
    void aStripeThatRefusesTheKeyIsAProblemNotACrash() throws Exception {
        Map<String, String> env = stripeEnv();
        env.put("STRIPE_API_BASE", "http://127.0.0.1:1");

        Run unreachable = tollgate(env, "endpoint", "check", "--url", "https://x.example/payments");

        assertEquals(Main.PROBLEMS, unreachable.status(), unreachable.toString());
        assertTrue(unreachable.out().contains("Stripe could not be asked"), unreachable.out());
        assertFalse(unreachable.err().contains("Exception"), "no stack trace: " + unreachable.err());
    }

    private static Map<String, String> stripeEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("STRIPE_SECRET_KEY", KEY);
        env.put("STRIPE_API_BASE", emulator.baseUrl());
        return env;
    }

    private static StripeClient stripe() {
        return StripeClient.builder().setApiKey(KEY).setApiBase(emulator.baseUrl()).build();
    }

    private static List<WebhookEndpoint> endpointsAt(String url) throws Exception {
        return stripe().v1().webhookEndpoints().list().getData().stream().filter(e -> url.equals(e.getUrl())).toList();
    }

    /** Runs the packaged jar with only {@code env} as its environment. */
    private static Run tollgate(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("cli.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command line ends");
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
