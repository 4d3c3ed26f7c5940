package dev.tollgate.emulator;

import dev.tollgate.emulator.billing.RenewalPolicy;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone: {@code java -jar stripe-emulator.jar [--port 12111] [--catalog file.json]
 * [--webhook-url URL] [--webhook-secret whsec_…]}. Each option can also come from the environment
 * ({@code STRIPE_EMULATOR_PORT}, {@code STRIPE_EMULATOR_CATALOG}, {@code STRIPE_EMULATOR_WEBHOOK_URL},
 * {@code STRIPE_EMULATOR_WEBHOOK_SECRET}); the command line wins.
 */
public final class Main {
    static final int DEFAULT_PORT = 12111;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        StripeEmulator.Builder builder = StripeEmulator.builder().port(options.port());
        if (options.catalog() != null) {
            builder.catalog(Path.of(options.catalog()));
        }
        if (options.webhookUrl() != null) {
            builder.webhookEndpoint(options.webhookUrl());
        }
        if (options.webhookSecret() != null) {
            builder.webhookSecret(options.webhookSecret());
        }
        if (options.faults() != null) {
            builder.faults(options.faults());
        }
        if (options.seed() != null) {
            builder.seed(options.seed());
        }
        builder.strict(options.strict());
        builder.renewalPolicy(new RenewalPolicy(RenewalPolicy.DEFAULT.retryDelays(), options.afterLastRetry()));
        StripeEmulator emulator = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            stopped.countDown();
        }));
        System.out.println("Stripe emulator listening on " + emulator.baseUrl());
        System.out.println("  STRIPE_API_BASE=" + emulator.baseUrl());
        System.out.println("  STRIPE_SECRET_KEY=sk_test_emulator (any sk_test_ key works)");
        System.out.println("  STRIPE_WEBHOOK_SECRET=" + emulator.webhookSecret());
        System.out.println("  webhooks: "
                + (options.webhookUrl() == null ? "none (recorded only)" : options.webhookUrl()));
        if (options.faults() != null) {
            System.out.println("  faults: " + options.faults());
        }
        if (!options.strict()) {
            System.out.println("  unknown API parameters are ignored (--strict false)");
        }
        stopped.await();
    }
}
