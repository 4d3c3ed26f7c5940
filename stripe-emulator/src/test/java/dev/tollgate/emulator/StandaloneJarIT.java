package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.StripeClient;
import com.stripe.model.Price;
import com.stripe.param.CustomerCreateParams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar target/stripe-emulator.jar} starts, prints its URL and secret, takes its faults and strictness
 * from the command line and the environment, and serves stripe-java.
 */
class StandaloneJarIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void theRunnableJarPrintsItsUrlAndSecretAndServesTheCatalog() throws Exception {
        Path jar = Path.of(System.getProperty("emulator.jar", "target/stripe-emulator.jar"));
        assertTrue(Files.isRegularFile(jar), "built jar at " + jar);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder command = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0",
                "--webhook-secret", "whsec_standalone_it", "--faults", "seed=11,drop=0.5,api_errors_next=1")
                .redirectErrorStream(true);
        command.environment().put("STRIPE_EMULATOR_STRICT", "false");
        Process process = command.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException ended) {
                // the process was stopped
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            String baseUrl = null;
            boolean secretShown = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((baseUrl == null || !secretShown) && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                Matcher url = LISTENING.matcher(line);
                if (url.find()) {
                    baseUrl = url.group(1);
                }
                secretShown |= line.contains("STRIPE_WEBHOOK_SECRET=whsec_standalone_it");
            }
            assertNotNull(baseUrl, "the jar printed its URL");
            assertTrue(secretShown, "the jar printed its webhook secret");

            StripeClient stripe = StripeClient.builder().setApiKey("sk_test_standalone").setApiBase(baseUrl)
                    .setMaxNetworkRetries(2).build();
            List<Price> prices = stripe.v1().prices().list().getData();
            assertEquals(List.of("price_basic_monthly", "price_credits_100", "price_pro_annual",
                    "price_pro_lifetime", "price_pro_monthly", "price_pro_year"),
                    prices.stream().map(Price::getId).sorted().toList(), "the injected 500 was retried");
            stripe.v1().customers().create(CustomerCreateParams.builder().putExtraParam("colour", "red").build());

            String faults = new Browser().get(baseUrl + "/_emulator/faults").body();
            assertTrue(faults.contains("seed=11") && faults.contains("drop=0.5"), faults);
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
