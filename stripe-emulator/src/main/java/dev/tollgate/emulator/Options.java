package dev.tollgate.emulator;

import java.util.Map;

/** Command-line options of {@link Main}, falling back to environment variables. */
record Options(int port, String catalog, String webhookUrl, String webhookSecret, boolean help, String faults,
        boolean strict, String afterLastRetry, Long seed) {
    static final String USAGE = "usage: java -jar stripe-emulator.jar [--port N] [--catalog FILE] "
            + "[--webhook-url URL] [--webhook-secret whsec_...] [--faults SPEC] [--strict true|false] "
            + "[--after-last-retry unpaid|canceled] [--seed N]\n"
            + "env: STRIPE_EMULATOR_PORT, STRIPE_EMULATOR_CATALOG, STRIPE_EMULATOR_WEBHOOK_URL, "
            + "STRIPE_EMULATOR_WEBHOOK_SECRET, STRIPE_EMULATOR_FAULTS, STRIPE_EMULATOR_STRICT, "
            + "STRIPE_EMULATOR_AFTER_LAST_RETRY, STRIPE_EMULATOR_SEED";

    static Options parse(String[] args, Map<String, String> env) {
        String port = env.get("STRIPE_EMULATOR_PORT");
        String catalog = env.get("STRIPE_EMULATOR_CATALOG");
        String webhookUrl = env.get("STRIPE_EMULATOR_WEBHOOK_URL");
        String webhookSecret = env.get("STRIPE_EMULATOR_WEBHOOK_SECRET");
        String faults = env.get("STRIPE_EMULATOR_FAULTS");
        String strict = env.get("STRIPE_EMULATOR_STRICT");
        String afterLastRetry = env.get("STRIPE_EMULATOR_AFTER_LAST_RETRY");
        String seed = env.get("STRIPE_EMULATOR_SEED");
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg)) {
                help = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--port" -> port = value;
                case "--catalog" -> catalog = value;
                case "--webhook-url" -> webhookUrl = value;
                case "--webhook-secret" -> webhookSecret = value;
                case "--faults" -> faults = value;
                case "--strict" -> strict = value;
                case "--after-last-retry" -> afterLastRetry = value;
                case "--seed" -> seed = value;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        int portNumber;
        try {
            portNumber = port == null || port.isBlank() ? Main.DEFAULT_PORT : Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, not " + port);
        }
        if (webhookSecret != null && !webhookSecret.startsWith("whsec_")) {
            throw new IllegalArgumentException("--webhook-secret must start with whsec_");
        }
        String strictness = strict == null || strict.isBlank() ? "true" : strict.trim();
        if (!"true".equals(strictness) && !"false".equals(strictness)) {
            throw new IllegalArgumentException("--strict must be true or false, not " + strict);
        }
        String ending = afterLastRetry == null || afterLastRetry.isBlank() ? "unpaid" : afterLastRetry.trim();
        if (!"unpaid".equals(ending) && !"canceled".equals(ending)) {
            throw new IllegalArgumentException("--after-last-retry must be unpaid or canceled, not " + afterLastRetry);
        }
        Long seedNumber;
        try {
            seedNumber = seed == null || seed.isBlank() ? null : Long.valueOf(seed.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a number, not " + seed);
        }
        String faultSpec = blankToNull(faults);
        if (faultSpec != null) {
            Faults.parse(faultSpec); // refuse a bad spec before anything starts
        }
        return new Options(portNumber, blankToNull(catalog), blankToNull(webhookUrl), blankToNull(webhookSecret), help,
                faultSpec, Boolean.parseBoolean(strictness), ending, seedNumber);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
