package dev.tollgate.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tollgate.cli.Main.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code reconcile catch-up|drift [--heal] [--dry-run]}: runs a reconcile job on a running deployment through its
 * admin API, as the README's {@code curl} lines do — BASIC sign-in as a {@code payments-admin} user, the cookie's
 * CSRF token from {@code GET /admin/api/reconcile}, then the POST — so the command line needs no database and no
 * Stripe key of its own. A drift scan only reports unless {@code --heal} is given. Prints the run's figures and each
 * difference; never the password.
 *
 * @param api the deployment's {@code …/admin/api/reconcile}
 * @param job what to POST there: {@code /catch-up}, {@code /drift-scan} or {@code /drift-scan?dryRun=true}
 */
record ReconcileCommand(URI api, String job, Admin admin) implements Main.Command {

    /** A run happens on the request's thread; a large first drift scan or catch-up takes minutes. */
    private static final Duration LONGEST_RUN = Duration.ofHours(1);
    private static final Set<String> DRIFT_OPTIONS = Set.of("--heal", "--dry-run");

    /** A {@code payments-admin} user; its password stays out of every message, this one's text included. */
    record Admin(String user, String password) {
        String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return user;
        }
    }

    static ReconcileCommand parse(List<String> args, Map<String, String> environment) throws UsageException {
        String job = Main.choice(args, "reconcile job", "catch-up", "drift");
        List<String> options = new ArrayList<>(args.subList(1, args.size()));
        URI app = EndpointCommand.httpUrl("--url", Main.takeUrl(options, environment));
        Optional<String> unknown = options.stream().filter(option -> !DRIFT_OPTIONS.contains(option)).findFirst();
        if (unknown.isPresent()) {
            throw new UsageException("Unknown argument '" + unknown.get() + "'.");
        }
        if ("catch-up".equals(job) && !options.isEmpty()) {
            throw new UsageException(options.get(0) + " is for drift; a catch-up always applies what it finds.");
        }
        if (options.containsAll(DRIFT_OPTIONS)) {
            throw new UsageException("Give --heal or --dry-run, not both.");
        }
        String user = environment.get("PAYMENTS_ADMIN_USER");
        String password = environment.get("PAYMENTS_ADMIN_PASSWORD");
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new UsageException("PAYMENTS_ADMIN_USER and PAYMENTS_ADMIN_PASSWORD must name a user of the"
                    + " payments-admin role.");
        }
        String base = app.toString().endsWith("/") ? app.toString() : app + "/";
        String path = "catch-up".equals(job) ? "/catch-up"
                : options.contains("--heal") ? "/drift-scan" : "/drift-scan?dryRun=true";
        return new ReconcileCommand(URI.create(base).resolve("admin/api/reconcile"), path, new Admin(user, password));
    }

    @Override
    public int run(PrintStream out) {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<String> overview = http.send(signedIn(HttpRequest.newBuilder(api))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (overview.statusCode() != 200) {
                return refused(out, "GET " + api, overview);
            }
            String token = JsonParser.parseString(overview.body()).getAsJsonObject().get("csrfToken").getAsString();
            URI run = URI.create(api + job);
            HttpResponse<String> answer = http.send(signedIn(HttpRequest.newBuilder(run)).timeout(LONGEST_RUN)
                    .header("X-CSRF-Token", token)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 && answer.statusCode() != 502) {
                return refused(out, "POST " + run, answer);
            }
            return report(out, JsonParser.parseString(answer.body()).getAsJsonObject());
        } catch (IOException unreachable) {
            out.println("FAILED: the admin API at " + api + " could not be reached: " + unreachable.getMessage());
            return Main.PROBLEMS;
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                 | ClassCastException notTheApi) {
            out.println("FAILED: " + api + " did not answer as Tollgate's admin API does.");
            return Main.PROBLEMS;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            out.println("FAILED: interrupted while the run was asked for.");
            return Main.PROBLEMS;
        }
    }

    private HttpRequest.Builder signedIn(HttpRequest.Builder request) {
        return request.header("Authorization", admin.authorization()).header("Accept", "application/json");
    }

    private int refused(PrintStream out, String request, HttpResponse<String> answer) {
        String why = switch (answer.statusCode()) {
            case 401 -> "the user or password was refused (PAYMENTS_ADMIN_USER, PAYMENTS_ADMIN_PASSWORD)";
            case 403 -> "user " + admin.user() + " lacks the payments-admin role";
            case 404 -> "no Tollgate admin API there: is the URL the payments WAR's (…/payments)?";
            case 409 -> "the job is running now, on this node or another; try later";
            default -> "HTTP " + answer.statusCode();
        };
        out.println("FAILED: " + request + ": " + why + ".");
        return Main.PROBLEMS;
    }

    /** The run's figures and differences; exit 0 only for a completed run that leaves no difference open. */
    private static int report(PrintStream out, JsonObject answer) {
        JsonObject run = answer.getAsJsonObject("run");
        boolean drift = "drift-scan".equals(text(run, "job"));
        boolean completed = "completed".equals(text(run, "status"));
        long differences = run.get("applied").getAsLong();
        long healed = run.get("healed").getAsLong();
        out.println((drift ? "Drift scan" : "Catch-up") + " run " + run.get("id").getAsLong()
                + (run.get("dryRun").getAsBoolean() ? " (dry run)" : "") + ": " + text(run, "status")
                + seconds(run) + " on " + text(run, "node"));
        if (drift) {
            out.println("  compared: " + run.get("seen").getAsLong() + " (customers and paid one-time Checkouts)");
            out.println("  differences: " + differences + ", healed: " + healed);
        } else {
            out.println("  events listed: " + run.get("seen").getAsLong() + ", applied: " + differences);
            if (!text(run, "listedFrom").isEmpty()) {
                out.println("  listed from: " + text(run, "listedFrom")
                        + (!text(run, "listedUpTo").isEmpty() ? " up to " + text(run, "listedUpTo") : ""));
            }
        }
        out.println("  Stripe calls: " + run.get("stripeCalls").getAsLong());
        if (answer.has("drift")) {
            for (JsonElement each : answer.getAsJsonArray("drift")) {
                JsonObject difference = each.getAsJsonObject();
                out.println("DIFFERENCE: " + text(difference, "userId") + ": " + text(difference, "reason")
                        + " (ours: " + text(difference, "ours") + "; Stripe: " + text(difference, "stripe") + ")"
                        + (!text(difference, "healedAt").isEmpty() ? ", healed" : ", not healed"));
            }
        }
        if (!completed) {
            String error = text(run, "lastError");
            out.println("FAILED: " + (error.isEmpty() ? "the run did not complete" : error));
            return Main.PROBLEMS;
        }
        if (drift && differences > healed) {
            out.println("PROBLEM: " + (differences - healed) + " difference(s) left open"
                    + (run.get("dryRun").getAsBoolean() ? "; --heal heals them" : ""));
            return Main.PROBLEMS;
        }
        return Main.OK;
    }

    private static String seconds(JsonObject run) {
        if (text(run, "finishedAt").isEmpty()) {
            return "";
        }
        try {
            Duration took = Duration.between(Instant.parse(text(run, "startedAt")), Instant.parse(text(run,
                    "finishedAt")));
            return String.format(Locale.ROOT, " in %.1f s", took.toMillis() / 1000.0);
        } catch (DateTimeParseException unreadable) {
            return "";
        }
    }

    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }
}
