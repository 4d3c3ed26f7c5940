package dev.tollgate.emulator;

import java.util.Map;

/** Command-line options of {@link Main}, falling back to environment variables. */
record Options(int port, String catalog, String webhookUrl, String webhookSecret, boolean help) {
    static final String USAGE = "usage: java -jar stripe-emulator.jar [--port N] [--catalog FILE] "
            + "[--webhook-url URL] [--webhook-secret whsec_...]\n"
            + "env: STRIPE_EMULATOR_PORT, STRIPE_EMULATOR_CATALOG, STRIPE_EMULATOR_WEBHOOK_URL, "
            + "STRIPE_EMULATOR_WEBHOOK_SECRET";

    static Options parse(String[] args, Map<String, String> env) {
        String port = env.get("STRIPE_EMULATOR_PORT");
        String catalog = env.get("STRIPE_EMULATOR_CATALOG");
        String webhookUrl = env.get("STRIPE_EMULATOR_WEBHOOK_URL");
        String webhookSecret = env.get("STRIPE_EMULATOR_WEBHOOK_SECRET");
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
        return new Options(portNumber, blankToNull(catalog), blankToNull(webhookUrl), blankToNull(webhookSecret), help);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
