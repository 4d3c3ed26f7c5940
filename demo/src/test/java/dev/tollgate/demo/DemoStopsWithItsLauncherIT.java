package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as {@code mvn -Pdemo verify} runs it: a child JVM of a launcher. A SIGTERM to the launcher alone (what
 * {@code kill <maven pid>} does; the exec plugin passes nothing on) must stop the demo and free both its ports.
 * Here a shell plays Maven's part: it starts the demo's JVM, waits for it, and dies of the signal without passing
 * it on.
 */
class DemoStopsWithItsLauncherIT {

    private static final Pattern APP = Pattern.compile("Sample app\\s+http://localhost:(\\d+)/");
    private static final Pattern EMULATOR = Pattern.compile("Stripe emulator\\s+http://127\\.0\\.0\\.1:(\\d+)");
    private static final long START_SECONDS = 120;
    private static final long STOP_SECONDS = 30;

    @TempDir
    Path dataDir;

    @Test
    void aSigtermToTheLauncherStopsTheDemoAndFreesItsPorts() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String demo = String.join(" ", quote(java), "-cp", quote(System.getProperty("java.class.path")),
                DemoServer.class.getName(), "--port", "0", "--emulator-port", "0",
                "--data-dir", quote(dataDir.toString()),
                "--payments-war", quote(System.getProperty(DemoOptions.PAYMENTS_WAR_PROPERTY)));
        // "; exit $?" keeps the shell alive as the demo's parent, as Maven is.
        Process launcher = new ProcessBuilder("sh", "-c", demo + "; exit $?").redirectErrorStream(true).start();
        ProcessHandle demoJvm = null;
        try {
            List<String> output = new ArrayList<>();
            int[] ports = awaitBanner(launcher, output);
            demoJvm = launcher.toHandle().children().findFirst()
                    .orElseThrow(() -> new AssertionError("no demo JVM under the launcher: " + output));
            assertTrue(answers(ports[0]) && answers(ports[1]), "both ports answer while the demo runs");

            launcher.destroy(); // SIGTERM to the launcher only
            assertTrue(launcher.waitFor(STOP_SECONDS, TimeUnit.SECONDS), "the launcher ended");

            boolean ended = demoJvm.onExit().thenApply(handle -> true)
                    .completeOnTimeout(false, STOP_SECONDS, TimeUnit.SECONDS).get();
            assertTrue(ended, "the demo JVM ended within " + STOP_SECONDS + " s of its launcher");
            assertFalse(answers(ports[0]), "the demo's HTTP port " + ports[0] + " is free again");
            assertFalse(answers(ports[1]), "the emulator's port " + ports[1] + " is free again");
        } finally {
            if (demoJvm != null && demoJvm.isAlive()) {
                demoJvm.destroyForcibly();
            }
            launcher.destroyForcibly();
        }
    }

    /** Reads the demo's output until its banner names both ports; returns {HTTP port, emulator port}. */
    private static int[] awaitBanner(Process launcher, List<String> output) throws Exception {
        BufferedReader lines = new BufferedReader(
                new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        Integer app = null;
        Integer emulator = null;
        while (app == null || emulator == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no banner within " + START_SECONDS + " s: " + output);
            }
            String line = lines.readLine();
            if (line == null) {
                throw new AssertionError("the demo ended before its banner: " + output);
            }
            output.add(line);
            Matcher appPort = APP.matcher(line);
            if (appPort.find()) {
                app = Integer.valueOf(appPort.group(1));
            }
            Matcher emulatorPort = EMULATOR.matcher(line);
            if (emulatorPort.find()) {
                emulator = Integer.valueOf(emulatorPort.group(1));
            }
        }
        // Keep draining, so a full pipe never blocks the demo.
        Thread drain = new Thread(() -> {
            try {
                while (lines.readLine() != null) {
                    // discard
                }
            } catch (IOException closed) {
                // the launcher is gone
            }
        }, "demo-output");
        drain.setDaemon(true);
        drain.start();
        return new int[] {app, emulator};
    }

    private static boolean answers(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
