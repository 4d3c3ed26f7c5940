package dev.tollgate.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar tollgate.jar endpoint check|create [--url <PAYMENTS_APP_URL>]}: this deployment's webhook endpoint in
 * Stripe, for install scripts. Reads {@code STRIPE_SECRET_KEY} and {@code STRIPE_API_BASE} (unset: Stripe) from the
 * environment, and the URL from {@code --url} or {@code PAYMENTS_APP_URL}. Exit status: {@value #OK} in order,
 * {@value #PROBLEMS} problems found (or Stripe refused or could not be reached), {@value #USAGE} bad usage.
 */
public final class Main {

    static final int OK = 0;
    static final int PROBLEMS = 1;
    static final int USAGE = 2;

    static final String HELP = """
            Usage: java -jar tollgate.jar endpoint check|create [--url <app url>]

              endpoint check   what Stripe's webhook endpoint for this deployment lacks; changes nothing
              endpoint create  creates it, or adds missing event types and enables it; a new endpoint's
                               signing secret is printed once, for STRIPE_WEBHOOK_SECRET

              --url   the payments WAR's public URL (PAYMENTS_APP_URL), e.g. https://shop.example.com/payments;
                      default: $PAYMENTS_APP_URL
            Environment: STRIPE_SECRET_KEY (sk_… or rk_…), STRIPE_API_BASE (optional, e.g. an emulator)
            Exit status: 0 in order, 1 problems found, 2 bad usage""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    /** Runs one command; answers the exit status. */
    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.size() >= 2 && "endpoint".equals(args.get(0))) {
            try {
                return EndpointCommand.parse(args.subList(1, args.size()), environment).run(out);
            } catch (UsageException usage) {
                err.println(usage.getMessage());
                err.println(HELP);
                return USAGE;
            }
        }
        if (args.size() == 1 && List.of("help", "--help", "-h").contains(args.get(0))) {
            out.println(HELP);
            return OK;
        }
        err.println(HELP);
        return USAGE;
    }

    /** A command line that cannot be run: the message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
