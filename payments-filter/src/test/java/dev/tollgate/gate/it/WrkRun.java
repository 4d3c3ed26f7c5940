package dev.tollgate.gate.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One run of {@code wrk} (Debian's package) against one server: each request is the next of a list of visits in
 * turn (a path with a signed-in user's session cookie and credentials), as many users' browsers would send them.
 */
final class WrkRun {

    /** One request to repeat: the path and the session and credentials of the user who sends it. */
    record Visit(String path, String sessionId, String authorization) {
    }

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    /** Requests completed, requests per second, median and 99th percentile latency in microseconds. */
    record Result(long requests, double requestsPerSecond, double p50Micros, double p99Micros) {
    }

    private WrkRun() {
    }

    /**
     * Runs wrk for {@code duration} with {@code connections} keep-alive connections on one thread. Fails when
     * wrk is missing or any response was not 2xx (a benchmark of refusals would measure the wrong thing).
     */
    static Result run(String baseUrl, List<Visit> visits, int connections, Duration duration, Path scratch)
            throws IOException, InterruptedException {
        Path script = Files.writeString(scratch.resolve("visits.lua"), script(visits));
        Process wrk;
        try {
            wrk = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + duration.toSeconds() + "s",
                    "--latency", "-s", script.toString(), baseUrl).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            throw new IllegalStateException("the throughput benchmark needs wrk on the PATH (apt-get install -y wrk)",
                    notInstalled);
        }
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        Matcher nonOk = NON_2XX.matcher(output);
        if (nonOk.find()) {
            throw new IllegalStateException(nonOk.group(1) + " responses were not 2xx/3xx:\n" + output);
        }
        Matcher requests = REQUESTS.matcher(output);
        Matcher rate = REQUESTS_PER_SECOND.matcher(output);
        if (!requests.find() || !rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + output);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double micros = Double.parseDouble(percentile.group(2)) * switch (percentile.group(3)) {
                case "us" -> 1;
                case "ms" -> 1_000;
                default -> 1_000_000;
            };
            if (percentile.group(1).equals("50")) {
                p50 = micros;
            } else {
                p99 = micros;
            }
        }
        return new Result(Long.parseLong(requests.group(1)), Double.parseDouble(rate.group(1)), p50, p99);
    }

    /** A Lua script that sends the visits in turn, round and round (each wrk connection shares the counter). */
    private static String script(List<Visit> visits) {
        return "local paths = {" + luaList(visits, Visit::path) + "}\n"
                + "local sessions = {" + luaList(visits, Visit::sessionId) + "}\n"
                + "local credentials = {" + luaList(visits, Visit::authorization) + "}\n"
                + "local n = 0\n"
                + "request = function()\n"
                + "  n = n % #paths + 1\n"
                + "  return wrk.format(\"GET\", paths[n], {[\"Cookie\"] = \"JSESSIONID=\" .. sessions[n],\n"
                + "    [\"Authorization\"] = credentials[n], [\"Accept\"] = \"text/html\"})\n"
                + "end\n";
    }

    private static String luaList(List<Visit> visits, Function<Visit, String> field) {
        return visits.stream().map(visit -> "\"" + field.apply(visit) + "\"").collect(Collectors.joining(", "));
    }
}
