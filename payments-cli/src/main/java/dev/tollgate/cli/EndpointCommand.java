package dev.tollgate.cli;

import dev.tollgate.cli.Main.UsageException;
import dev.tollgate.payments.application.EndpointSetup;
import dev.tollgate.payments.application.EndpointSetup.EndpointFix;
import dev.tollgate.payments.domain.model.EndpointCheck;
import dev.tollgate.payments.infrastructure.stripe.StripeWebhookEndpoints;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code endpoint check|create}: the same {@link EndpointSetup} the console's {@code /admin/endpoint} runs, on a
 * Stripe client of its own. Prints the check, what was done and, once, a new endpoint's secret; never logs it.
 */
final class EndpointCommand implements Main.Command {

    private final boolean create;
    private final String webhookUrl;
    private final String secretKey;
    private final Optional<URI> apiBase;

    private EndpointCommand(boolean create, String webhookUrl, String secretKey, Optional<URI> apiBase) {
        this.create = create;
        this.webhookUrl = webhookUrl;
        this.secretKey = secretKey;
        this.apiBase = apiBase;
    }

    static EndpointCommand parse(List<String> args, Map<String, String> environment) throws UsageException {
        String action = Main.choice(args, "endpoint action", "check", "create");
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        String url = Main.takeUrl(rest, environment);
        if (!rest.isEmpty()) {
            throw new UsageException("Unknown argument '" + rest.get(0) + "'.");
        }
        String key = environment.get("STRIPE_SECRET_KEY");
        if (key == null || !(key.startsWith("sk_") || key.startsWith("rk_"))) {
            // the key's value is never repeated: a publishable key pasted here is still a key
            throw new UsageException("STRIPE_SECRET_KEY must be set to a secret key (sk_… or rk_…).");
        }
        String base = environment.get("STRIPE_API_BASE");
        Optional<URI> apiBase = base == null || base.isBlank() ? Optional.empty()
                : Optional.of(httpUrl("STRIPE_API_BASE", base));
        return new EndpointCommand("create".equals(action), EndpointSetup.webhookUrlOf(httpUrl("--url", url)), key,
                apiBase);
    }

    @Override
    public int run(PrintStream out) {
        EndpointSetup setup = new EndpointSetup(StripeWebhookEndpoints.connect(secretKey, apiBase));
        try {
            if (!create) {
                return report(out, setup.check(webhookUrl));
            }
            EndpointFix fix = setup.setUp(webhookUrl, "the command line");
            fix.done().forEach(out::println);
            if (fix.done().isEmpty()) {
                out.println("Nothing needed changing.");
            }
            fix.newSecret().ifPresent(secret -> {
                out.println("Signing secret: " + secret);
                out.println(fix.instruction().orElseThrow());
            });
            return report(out, fix.after());
        } catch (RuntimeException stripeFailed) {
            out.println("Stripe could not be asked: " + stripeFailed.getMessage());
            return Main.PROBLEMS;
        }
    }

    private static int report(PrintStream out, EndpointCheck check) {
        out.println("Webhook URL: " + check.url() + " (API version " + check.pinnedVersion() + ")");
        check.endpoint().ifPresent(endpoint -> out.println("Endpoint: " + endpoint.id() + ", "
                + (endpoint.enabled() ? "enabled" : "disabled") + ", API version "
                + endpoint.apiVersion().orElse("of the account") + ", " + endpoint.enabledEvents().size()
                + " event type(s)"));
        if (check.isOk()) {
            out.println("OK: Stripe sends this deployment every event type it handles.");
            return Main.OK;
        }
        check.problems().forEach(problem -> out.println("PROBLEM: " + problem));
        return Main.PROBLEMS;
    }

    static URI httpUrl(String what, String value) throws UsageException {
        if (value == null || value.isBlank()) {
            throw new UsageException("Give the payments WAR's URL with --url or PAYMENTS_APP_URL.");
        }
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                throw new UsageException(what + " must be an http(s) URL, not '" + value + "'.");
            }
            return uri;
        } catch (URISyntaxException bad) {
            throw new UsageException(what + " must be an http(s) URL, not '" + value + "'.");
        }
    }
}
