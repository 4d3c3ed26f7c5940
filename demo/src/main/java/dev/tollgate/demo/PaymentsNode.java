package dev.tollgate.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.dbcp.dbcp2.BasicDataSource;

/**
 * One node of a payments deployment of several, in a JVM of its own: Tomcat with the payments WAR at
 * {@code /payments}, the demo's users and settings, on a PostgreSQL schema other nodes use too, calling a Stripe
 * emulator that runs elsewhere. Unlike {@link DemoServer} it starts no emulator and no sample app, and finds the
 * database as the other nodes left it: it neither empties nor drops anything. Tests of several nodes start it.
 *
 * <p>Its one argument is a properties file: {@code port}, {@code war}, {@code work} (Tomcat's folder),
 * {@code jdbc.url} (with the schema), {@code jdbc.user}, {@code stripe.api.base}, and {@code setting.<NAME>} for
 * each of the WAR's settings that replaces the demo's ({@code STRIPE_WEBHOOK_SECRET}: the emulator's). It prints
 * {@link #READY} and the WAR's address once it serves, and stops when its standard input closes.
 *
 * <p>Chaos tests make its database fail: with {@code db.faults.seed} the WAR's data source is a
 * {@link FaultyDataSource}, and a line {@code db-faults <share>} on standard input sets the share of statements and
 * commits that fail (0 until then, so the WAR starts and migrates on a sound database).
 */
public final class PaymentsNode {

    public static final String READY = "Tollgate payments node ready at ";

    private PaymentsNode() {
    }

    public static void main(String[] args) throws Exception {
        Properties node = new Properties();
        try (Reader file = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            node.load(file);
        }
        int port = Integer.parseInt(node.getProperty("port"));
        Map<String, String> overrides = new LinkedHashMap<>();
        node.stringPropertyNames().stream().filter(name -> name.startsWith("setting."))
                .forEach(name -> overrides.put(name.substring("setting.".length()), node.getProperty(name)));
        BasicDataSource pool = pool(node.getProperty("jdbc.url"), node.getProperty("jdbc.user"));
        String faultSeed = node.getProperty("db.faults.seed");
        FaultyDataSource faulty = faultSeed == null ? null : new FaultyDataSource(pool, Long.parseLong(faultSeed));
        String databaseKey = UUID.randomUUID().toString();
        SharedDataSourceFactory.share(databaseKey, faulty == null ? pool : faulty);
        Tomcat tomcat = DemoServer.newTomcat(port, Path.of(node.getProperty("work")));
        tomcat.init();
        DemoSettings settings = DemoSettings.generate("http://localhost:" + port)
                .withEmulatorUrl(node.getProperty("stripe.api.base")).withOverrides(overrides);
        Context payments = DemoWebapps.addPayments(tomcat, Path.of(node.getProperty("war")), settings, databaseKey);
        tomcat.start();
        DemoWebapps.requireStarted(payments, "The payments WAR");
        System.out.println(READY + settings.appUrl() + DemoSettings.PAYMENTS_PATH + "/");
        obeyUntilTheEndOf(System.in, faulty);
        tomcat.stop();
        tomcat.destroy();
        pool.close();
        System.exit(0);
    }

    private static BasicDataSource pool(String url, String user) {
        BasicDataSource pool = new BasicDataSource();
        pool.setDriverClassName("org.postgresql.Driver");
        pool.setUrl(url);
        pool.setUsername(user);
        pool.setPassword("");
        pool.setMaxTotal(20);
        pool.setDefaultAutoCommit(true);
        return pool;
    }

    /** Reads commands ({@code db-faults <share>}) until whoever started the node closes the stream. */
    private static void obeyUntilTheEndOf(InputStream input, FaultyDataSource faulty) throws IOException {
        BufferedReader commands = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 2 && words[0].equals("db-faults") && faulty != null) {
                faulty.failShare(Double.parseDouble(words[1]));
                System.out.println("database faults: share " + words[1] + ", " + faulty.injected()
                        + " injected so far");
            } else if (!line.isBlank()) {
                System.out.println("unknown command (this node takes db-faults <share> with db.faults.seed): "
                        + line);
            }
        }
    }
}
