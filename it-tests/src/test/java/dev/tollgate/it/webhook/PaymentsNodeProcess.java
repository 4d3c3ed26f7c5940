package dev.tollgate.it.webhook;

import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.demo.PaymentsNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link PaymentsNode} (the demo's node of several) in a child JVM started with this test's class path, on a port
 * picked before it starts (so the emulator can be told where to deliver). Its output goes to
 * {@code <folder>/node-<name>.log}. {@link #close()} closes its standard input and waits for it to stop;
 * {@link #killHard()} is {@code kill -9}.
 */
final class PaymentsNodeProcess implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private static final Pattern INJECTED =
            Pattern.compile("database faults: share \\S+, (\\d+) injected so far");

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final CompletableFuture<URI> ready = new CompletableFuture<>();

    private PaymentsNodeProcess(String name, int port, Path folder, Map<String, String> settings, String jdbcUrl,
                                String jdbcUser, String stripeApiBase, Long databaseFaultSeed) throws IOException {
        this.name = name;
        this.port = port;
        this.log = folder.resolve("node-" + name + ".log");
        Properties node = new Properties();
        node.setProperty("port", Integer.toString(port));
        node.setProperty("war", System.getProperty("tollgate.demo.paymentsWar"));
        node.setProperty("work", folder.resolve("tomcat-" + name).toString());
        node.setProperty("jdbc.url", jdbcUrl);
        node.setProperty("jdbc.user", jdbcUser);
        node.setProperty("stripe.api.base", stripeApiBase);
        settings.forEach((setting, value) -> node.setProperty("setting." + setting, value));
        if (databaseFaultSeed != null) {
            node.setProperty("db.faults.seed", databaseFaultSeed.toString());
        }
        Path file = folder.resolve("node-" + name + ".properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            node.store(out, "payments node " + name);
        }
        process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                PaymentsNode.class.getName(), file.toString())).redirectErrorStream(true).start();
        Thread copier = new Thread(this::copyOutputToLog, "node-" + name + "-output");
        copier.setDaemon(true);
        copier.start();
    }

    /** A free port for a node, picked now and released at once for the node to take. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts a node; {@link #paymentsUrl()} waits until it serves.
     *
     * @param settings the WAR's settings that replace the demo's
     * @param database the schema the nodes share
     */
    static PaymentsNodeProcess start(String name, int port, Path folder, Map<String, String> settings,
                                     DemoDatabase database, String stripeApiBase) throws IOException {
        return start(name, port, folder, settings, database, stripeApiBase, null);
    }

    /**
     * As {@link #start(String, int, Path, Map, DemoDatabase, String)}, the WAR's data source able to fail on
     * command ({@link #databaseFaults(double)}) with faults drawn from {@code databaseFaultSeed}.
     */
    static PaymentsNodeProcess start(String name, int port, Path folder, Map<String, String> settings,
                                     DemoDatabase database, String stripeApiBase, Long databaseFaultSeed)
            throws IOException {
        Files.createDirectories(folder);
        return new PaymentsNodeProcess(name, port, folder, settings, database.jdbcUrl(), database.user(),
                stripeApiBase, databaseFaultSeed);
    }

    /**
     * From now on this share of the WAR's statements and commits fail (the node must have been started with a
     * fault seed). Answers the count of faults the node says it has injected so far, once it has said it.
     */
    long databaseFaults(double share) throws IOException, InterruptedException {
        long reportsBefore = faultReports().size();
        Writer commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        commands.write("db-faults " + share + "\n");
        commands.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Long> reports = faultReports();
        while (reports.size() <= reportsBefore) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + name + " did not confirm db-faults " + share + ":\n"
                        + tailOfLog());
            }
            Thread.sleep(20);
            reports = faultReports();
        }
        return reports.get(reports.size() - 1);
    }

    /** The counts of injected faults the node has logged, one per {@code db-faults} command, oldest first. */
    private List<Long> faultReports() throws IOException {
        List<Long> counts = new ArrayList<>();
        for (String line : logLines()) {
            Matcher said = INJECTED.matcher(line);
            if (said.find()) {
                counts.add(Long.parseLong(said.group(1)));
            }
        }
        return counts;
    }

    String name() {
        return name;
    }

    /** The JVM's process id: the start of the name Tollgate gives this node in its lease and runs (pid@host/…). */
    long pid() {
        return process.pid();
    }

    /** Whether {@code reconcileNode} (as in {@code reconcile_run.node}) is this node. */
    boolean is(String reconcileNode) {
        return reconcileNode != null && reconcileNode.startsWith(pid() + "@");
    }

    /** The WAR's address once the node serves; fails with the node's log when it does not start in time. */
    URI paymentsUrl() throws IOException, InterruptedException {
        try {
            return ready.get(START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException notStarted) {
            throw new IllegalStateException("node " + name + " did not start within " + START_DEADLINE.toSeconds()
                    + " s (alive: " + process.isAlive() + "); its log " + log + ":\n" + tailOfLog(), notStarted);
        }
    }

    /** The node's log so far. */
    List<String> logLines() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** SIGKILL: the JVM ends at once, in the middle of whatever it does; its open transactions roll back. */
    void killHard() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private void copyOutputToLog() {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                file.println(line);
                if (line.startsWith(PaymentsNode.READY)) {
                    ready.complete(URI.create(line.substring(PaymentsNode.READY.length()).trim()));
                }
            }
        } catch (IOException closed) {
            // the node is gone; paymentsUrl() reports it if it never became ready
        }
        ready.completeExceptionally(new IllegalStateException("node " + name + " exited before it was ready"));
    }

    private String tailOfLog() throws IOException {
        List<String> lines = logLines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (!process.isAlive()) {
            return;
        }
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
