package dev.tollgate.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The people of the scenario suite, in each server's own user store, with their groups (which the servers map to
 * roles of the same name). WildFly's are added before it starts, by {@code src/test/scripts/configure-wildfly.sh}
 * with {@code add-user.sh}; embedded Tomcat reads {@code src/test/tomcat/users/tomcat-users.xml} (keep both lists
 * in step with this one); Payara's file realm only takes users while the domain runs, so
 * {@link #addToRunningServer()} adds them there through {@code asadmin}, as an operator would.
 */
enum ServerUsers {

    /** Pays for pro through checkout and is let in. */
    ALICE("alice", "user"),
    /** Signed in, never pays: refused. */
    BOB("bob", "user"),
    /** Pays, then gets a full refund. */
    CAROL("carol", "user"),
    /** Pays; every event about her is then delivered a second time. */
    DAVE("dave", "user"),
    /** Signs in once, to the app, and starts a checkout at /payments on that sign-in. */
    ERIN("erin", "user"),
    /** Subscribes on a test clock; the renewal's webhooks are withheld at the period's end (MissedRenewal). */
    FRANK("frank", "user"),
    /** Subscribes on a test clock and cancels at the period's end, whose webhooks are withheld (MissedRenewal). */
    GRACE("grace", "user"),
    /** Pays for pro, then switches to basic and back in the customer portal. */
    HENRY("henry", "user"),
    /** Holds the payments-admin role. */
    OPS("ops", "payments-admin");

    /** Everyone's password (one value keeps the asadmin call to a single password file). */
    static final String PASSWORD = "Tollgate-it-2026";

    private final String user;
    private final String group;

    ServerUsers(String user, String group) {
        this.user = user;
        this.group = group;
    }

    String user() {
        return user;
    }

    /** Whether this JVM has added them to the running server already (the server outlives each test class). */
    private static boolean addedToRunningServer;

    /** Adds everyone to the running server's user store where that is how the server takes them (Payara). */
    static synchronized void addToRunningServer() throws IOException, InterruptedException {
        if (!"payara".equals(System.getProperty("arquillian.launch")) || addedToRunningServer) {
            return;
        }
        Path work = Files.createTempDirectory("tollgate-it-users");
        Path passwords = Files.writeString(work.resolve("passwords"),
                "AS_ADMIN_USERPASSWORD=" + PASSWORD + "\n", StandardCharsets.UTF_8);
        List<String> commands = new ArrayList<>();
        for (ServerUsers person : values()) {
            commands.add("create-file-user --groups " + person.group + " " + person.user);
        }
        Path script = Files.write(work.resolve("commands"), commands, StandardCharsets.UTF_8);
        Path output = work.resolve("output");
        Process asadmin = new ProcessBuilder(Path.of(required("payara.home"), "bin", "asadmin").toString(),
                "--port", required("it.payara.admin.port"), "--passwordfile", passwords.toString(),
                "--interactive=false", "multimode", "--file", script.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!asadmin.waitFor(120, TimeUnit.SECONDS)) {
            asadmin.destroyForcibly();
            throw new IllegalStateException("asadmin create-file-user did not finish within 120 s");
        }
        if (asadmin.exitValue() != 0) {
            throw new IllegalStateException("asadmin create-file-user failed (exit " + asadmin.exitValue() + "):\n"
                    + Files.readString(output));
        }
        addedToRunningServer = true;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("failsafe must set " + property + " for this container");
        }
        return value;
    }
}
