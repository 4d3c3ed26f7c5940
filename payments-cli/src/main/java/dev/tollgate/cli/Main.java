package dev.tollgate.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar tollgate.jar endpoint check|create [--url <PAYMENTS_APP_URL>]}: this deployment's webhook endpoint in
 * Stripe, for install scripts. Reads {@code STRIPE_SECRET_KEY} and {@code STRIPE_API_BASE} (unset: Stripe) from the
 * environment, and the URL from {@code --url} or {@code PAYMENTS_APP_URL}. Exit status: {@value #OK} in order,
 * {@value #PROBLEMS} problems found (or Stripe refused or could not be reached), {@value #USAGE} bad usage.
 *
 * <p>{@code java -jar tollgate.jar reconcile catch-up|drift [--heal|--dry-run] [--url <PAYMENTS_APP_URL>]}: runs a
 * reconcile job on the running deployment through its admin API ({@link ReconcileCommand}), signed in as
 * {@code PAYMENTS_ADMIN_USER} / {@code PAYMENTS_ADMIN_PASSWORD}. Exit status: {@value #OK} the run completed and left
 * no difference open, {@value #PROBLEMS} it failed, could not run, or found differences it did not heal,
 * {@value #USAGE} bad usage.
 */
public final class Main {

    static final int OK = 0;
    static final int PROBLEMS = 1;
    static final int USAGE = 2;

    static final String HELP = """
            Usage: java -jar tollgate.jar endpoint check|create [--url <app url>]
                   java -jar tollgate.jar reconcile catch-up|drift [--heal|--dry-run] [--url <app url>]

              endpoint check   what Stripe's webhook endpoint for this deployment lacks; changes nothing
              endpoint create  creates it, or adds missing event types and enables it; a new endpoint's
                               signing secret is printed once, for STRIPE_WEBHOOK_SECRET
              reconcile catch-up  the running deployment lists Stripe's events it missed and applies them
              reconcile drift     the running deployment compares every customer with Stripe and reports the
                                  differences (--dry-run, the default); --heal also heals them

              --url   the payments WAR's public URL (PAYMENTS_APP_URL), e.g. https://shop.example.com/payments;
                      default: $PAYMENTS_APP_URL
            Environment: endpoint: STRIPE_SECRET_KEY (sk_… or rk_…), STRIPE_API_BASE (optional, e.g. an emulator);
                         reconcile: PAYMENTS_ADMIN_USER, PAYMENTS_ADMIN_PASSWORD (a payments-admin user)
            Exit status: 0 in order, 1 problems found (reconcile: the run failed or could not run, or
                         differences are left open), 2 bad usage""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    /** Runs one command; answers the exit status. */
    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        CommandParser parser = args.size() >= 2 ? COMMANDS.get(args.get(0)) : null;
        if (parser != null) {
            try {
                return parser.parse(args.subList(1, args.size()), environment).run(out);
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

    /** The command's first argument, which must be one of {@code allowed} (e.g. the endpoint action). */
    static String choice(List<String> args, String what, String... allowed) throws UsageException {
        if (!List.of(allowed).contains(args.get(0))) {
            throw new UsageException("Unknown " + what + " '" + args.get(0) + "': use " + String.join(" or ", allowed)
                    + ".");
        }
        return args.get(0);
    }

    /**
     * Takes {@code --url <value>} out of {@code args}, answering the value, else {@code PAYMENTS_APP_URL}: the
     * payments WAR's public URL, which every command needs.
     */
    static String takeUrl(List<String> args, Map<String, String> environment) throws UsageException {
        int at = args.indexOf("--url");
        if (at < 0) {
            return environment.get("PAYMENTS_APP_URL");
        }
        if (at + 1 >= args.size()) {
            throw new UsageException("--url needs a value.");
        }
        String url = args.get(at + 1);
        args.subList(at, at + 2).clear();
        return url;
    }

    /** A command, parsed, ready to run once; answers the exit status. */
    interface Command {
        int run(PrintStream out);
    }

    /** Reads a command's arguments (after its name) and the environment; refuses what it cannot run. */
    interface CommandParser {
        Command parse(List<String> args, Map<String, String> environment) throws UsageException;
    }

    private static final Map<String, CommandParser> COMMANDS = Map.of(
            "endpoint", EndpointCommand::parse,
            "reconcile", ReconcileCommand::parse);

    /** A command line that cannot be run: the message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
