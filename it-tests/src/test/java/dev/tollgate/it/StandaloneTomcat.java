package dev.tollgate.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real, standalone Tomcat (the full distribution the build unpacks from Maven Central, or any other unpacked Tomcat
 * 10.1/11, Debian's {@code tomcat10} included) set up the way README.md's
 * Deployment section tells a user to: its own CATALINA_BASE, {@code payments-tomcat.war} dropped into
 * {@code webapps/payments.war}, the settings exported by {@code bin/setenv.sh}, a {@code conf/context.xml} with the
 * {@code jdbc/tollgate} resource and its driver in {@code lib/}, the users in {@code conf/tomcat-users.xml} (the
 * default {@code server.xml}'s realm), the single sign-on valve in the {@code Host}, and a customer's app with the
 * gate's jar in {@code webapps/app}. Started with {@code catalina.sh run} as a child process whose own environment
 * holds none of the settings.
 */
final class StandaloneTomcat implements AutoCloseable {

    /** README.md's Tomcat step 5, inside the {@code Host}. */
    private static final String SINGLE_SIGN_ON_VALVE =
            "  <Valve className=\"org.apache.catalina.authenticator.SingleSignOn\"/>";

    private final Path home;
    private final Path base;
    private Process process;

    private StandaloneTomcat(Path home, Path base, Process process) {
        this.home = home;
        this.base = base;
        this.process = process;
    }

    /** What README.md's steps put where: the WAR, the settings, the database, the users, the customer's app. */
    record Layout(Path war, Map<String, String> settings, String contextXml, Path databaseDriver, Path users,
                  Path customerApp, Path gateJar) {
    }

    /** Lays out {@code base} (emptied first) from {@code home}'s configuration, starts Tomcat on {@code httpPort}. */
    static StandaloneTomcat start(Path home, Path base, int httpPort, Layout layout) throws IOException {
        Path catalina = home.resolve("bin/catalina.sh");
        if (!Files.isRegularFile(catalina)) {
            throw new IllegalStateException("No Tomcat at " + home + " (the build unpacks org.apache.tomcat:tomcat:"
                    + "<version>:zip there; -Dit.catalina.home=<dir> names another unpacked Tomcat 10.1/11)");
        }
        deleteRecursively(base);
        for (String folder : List.of("bin", "conf", "lib", "logs", "temp", "webapps", "work", "data")) {
            Files.createDirectories(base.resolve(folder));
        }
        // Debian keeps the default configuration in etc/, a Tomcat distribution in conf/.
        Path defaults = Files.isDirectory(home.resolve("etc")) ? home.resolve("etc") : home.resolve("conf");
        for (String file : List.of("catalina.properties", "logging.properties", "web.xml")) {
            Files.copy(defaults.resolve(file), base.resolve("conf").resolve(file));
        }
        String serverXml = Files.readString(defaults.resolve("server.xml"), StandardCharsets.UTF_8)
                .replace("port=\"8080\"", "port=\"" + httpPort + "\"")
                .replace("port=\"8005\"", "port=\"-1\"")
                .replace("</Host>", SINGLE_SIGN_ON_VALVE + "\n      </Host>");
        Files.writeString(base.resolve("conf/server.xml"), serverXml, StandardCharsets.UTF_8);
        Files.writeString(base.resolve("conf/context.xml"), layout.contextXml(), StandardCharsets.UTF_8);
        Files.copy(layout.databaseDriver(), base.resolve("lib").resolve(layout.databaseDriver().getFileName()));
        Files.copy(layout.users(), base.resolve("conf/tomcat-users.xml"));
        Files.writeString(base.resolve("bin/setenv.sh"), setenv(layout.settings()), StandardCharsets.UTF_8);
        Files.copy(layout.war(), base.resolve("webapps/payments.war"));
        copyTree(layout.customerApp(), base.resolve("webapps/app"));
        Files.createDirectories(base.resolve("webapps/app/WEB-INF/lib"));
        Files.copy(layout.gateJar(), base.resolve("webapps/app/WEB-INF/lib/payments-filter.jar"));

        return new StandaloneTomcat(home, base, launch(home, base));
    }

    /**
     * Starts {@code catalina.sh run}, which execs the JVM: the child process is Tomcat's JVM itself. Through sh: the
     * zip from Maven Central does not keep the scripts' executable bit.
     */
    private static Process launch(Path home, Path base) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("logs/console.log").toFile()));
        Map<String, String> environment = builder.environment();
        // The settings must come from setenv.sh, as for a user, not from the build's own environment.
        environment.keySet().removeIf(name -> name.startsWith("STRIPE_") || name.startsWith("PAYMENTS_"));
        environment.put("CATALINA_HOME", home.toString());
        environment.put("CATALINA_BASE", base.toString());
        environment.put("CATALINA_PID", base.resolve("temp/tomcat.pid").toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    /**
     * Kills Tomcat's JVM with SIGKILL ({@code kill -9}: no shutdown hook, no flush, no closing of files), as a
     * crash or the kernel's out-of-memory killer ends it, and waits until it is gone.
     */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("Tomcat did not die from SIGKILL within 30 s");
        }
    }

    /** Starts Tomcat again on the same CATALINA_BASE, with everything the last run left in it. */
    void startAgain() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("Tomcat is still running");
        }
        process = launch(home, base);
    }

    /** The Tomcat JVM's process id. */
    long pid() {
        return process.pid();
    }

    boolean isRunning() {
        return process.isAlive();
    }

    /** The last lines Tomcat printed, for a failure message. */
    String consoleTail() throws IOException {
        List<String> lines = Files.readAllLines(base.resolve("logs/console.log"), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** Stops Tomcat the way a service manager does (SIGTERM: a clean shutdown) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String setenv(Map<String, String> settings) {
        StringBuilder script = new StringBuilder("# Tollgate's settings, as README.md's Deployment section shows\n");
        settings.forEach((name, value) -> script.append("export ").append(name).append("='").append(value)
                .append("'\n"));
        return script.toString();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
