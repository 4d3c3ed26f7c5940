package dev.tollgate.gate.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ShopNode} in a child JVM started with this test's class path. Its log goes to
 * {@code target/node-<name>.log}; {@link #close()} closes its standard input and waits for it to stop.
 */
final class NodeProcess implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    /** In the gate's start-up line, "Tollgate gate active in /shop: rules [...], ..., staleness 1000 ms, ...". */
    private static final Pattern GATE_STALENESS = Pattern.compile("Tollgate gate active in .*, staleness (\\d+) ms,");
    private static final List<String> PASSED_PROPERTIES = List.of("gate.jar", "gate.webapp", "gate.work",
            "gate.postgres.host", "gate.postgres.port", "gate.postgres.database", "gate.postgres.user");

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> baseUrl = new CompletableFuture<>();

    private NodeProcess(String name, String schema) throws IOException {
        this.name = name;
        this.log = Path.of(System.getProperty("gate.work", "target/it-work")).resolveSibling("node-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        for (String property : PASSED_PROPERTIES) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.addAll(List.of(ShopNode.class.getName(), name, schema));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::copyOutputToLog, "node-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a node; {@link #baseUrl()} waits until it serves. */
    static NodeProcess start(String name, String schema) throws IOException {
        return new NodeProcess(name, schema);
    }

    /** The node's base URL once it serves; fails with the node's log when it does not start in time. */
    String baseUrl() throws IOException, InterruptedException {
        try {
            return baseUrl.get(START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException notStarted) {
            throw new IllegalStateException("node " + name + " did not start within " + START_DEADLINE.toSeconds()
                    + " s (alive: " + process.isAlive() + "); its log " + log + ":\n" + tailOfLog(), notStarted);
        }
    }

    /**
     * The staleness bound the node's gate runs with, as its start-up log line says it ({@code staleness N ms}), so
     * a test holds the node to the bound it really has, not to a copy of the default.
     */
    Duration stalenessBound() throws IOException, InterruptedException {
        baseUrl();
        List<String> lines = Files.readAllLines(log);
        for (String line : lines) {
            Matcher staleness = GATE_STALENESS.matcher(line);
            if (staleness.find()) {
                return Duration.ofMillis(Long.parseLong(staleness.group(1)));
            }
        }
        throw new IllegalStateException("node " + name + " logged no active gate with a staleness bound; its log "
                + log + ":\n" + tailOfLog());
    }

    private void copyOutputToLog() {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                file.println(line);
                if (line.startsWith(ShopNode.READY)) {
                    baseUrl.complete(line.substring(ShopNode.READY.length()).trim());
                }
            }
        } catch (IOException closed) {
            // the node is gone; baseUrl() reports it if it never became ready
        }
        baseUrl.completeExceptionally(new IllegalStateException("node " + name + " exited before it was ready"));
    }

    private String tailOfLog() throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.getOutputStream().close();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
