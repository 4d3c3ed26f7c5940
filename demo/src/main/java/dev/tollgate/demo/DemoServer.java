package dev.tollgate.demo;

import dev.tollgate.emulator.StripeEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.LogManager;
import javax.sql.DataSource;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.authenticator.SingleSignOn;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tollgate in one process, offline: an embedded Tomcat with a sample app whose {@code /pro/} area is gated by
 * the Tollgate filter, a second one at {@code /own-login} that signs its users in itself, the payments WAR at
 * {@code /payments}, the Stripe emulator, and an H2 file database the
 * two webapps share through JNDI.
 *
 * <p>Run it from the repository root with {@code mvn -q -Pdemo -DskipTests -pl demo -am verify} (builds what it
 * needs, then runs in the foreground until Ctrl-C), or embed it:
 * <pre>{@code
 * try (DemoServer demo = DemoServer.start(DemoOptions.defaults().onPorts(0, 0))) {
 *     URI home = demo.appUrl();
 * }
 * }</pre>
 */
public final class DemoServer implements AutoCloseable {

    /** The card that always pays on the emulator's checkout page. */
    public static final String TEST_CARD = "4242 4242 4242 4242";

    /** Set by the demo profile's pom: a refused port is then named by its Maven property, not its option. */
    static final String LAUNCHED_BY_MAVEN_PROPERTY = "tollgate.demo.launchedByMaven";

    private final Tomcat tomcat;
    private final StripeEmulator emulator;
    private final DemoDatabase database;
    private final DemoSettings settings;
    private final String databaseKey;
    private final FaultyDataSource paymentsDatabase;
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** Where the payments WAR runs when not in this Tomcat ({@link DemoOptions#paymentsNode()}). */
    private final Optional<URI> paymentsNode;

    /**
     * Which of the payments WAR's statements fail, for one order of them; the order depends on thread timing, so a
     * run is replayed by its events, not by this seed.
     */
    private static final long DATABASE_FAULT_SEED = 13;

    private DemoServer(Tomcat tomcat, StripeEmulator emulator, DemoDatabase database, DemoSettings settings,
                       String databaseKey, FaultyDataSource paymentsDatabase, Optional<URI> paymentsNode) {
        this.paymentsNode = paymentsNode;
        this.tomcat = tomcat;
        this.emulator = emulator;
        this.database = database;
        this.settings = settings;
        this.databaseKey = databaseKey;
        this.paymentsDatabase = paymentsDatabase;
    }

    /**
     * Runs the demo in the foreground until the JVM is stopped (Ctrl-C, SIGTERM) or the process that started it
     * ends: signalling Maven, which runs the demo as a child process, stops the demo too.
     */
    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        quietLibraryLogging();
        DemoServer demo;
        try {
            demo = start(options, System.out::println);
        } catch (PortInUseException busy) {
            System.err.println(busy.getMessage(Boolean.getBoolean(LAUNCHED_BY_MAVEN_PROPERTY)));
            System.exit(2);
            return;
        } catch (Exception e) {
            System.err.println("The Tollgate demo could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "tollgate-demo-shutdown"));
        stopWhenTheLauncherEnds();
        demo.printBanner(System.out);
        demo.tomcat.getServer().await();
    }

    /**
     * Maven's exec plugin does not pass a SIGTERM on to the demo, and a killed Maven leaves it running, holding
     * both ports: so the demo ends itself (through its shutdown hook) as soon as its parent process is gone.
     */
    private static void stopWhenTheLauncherEnds() {
        ProcessHandle.current().parent().ifPresent(launcher -> launcher.onExit().thenRun(() -> {
            System.out.println("The process that started the demo has ended; stopping the demo.");
            System.exit(0);
        }));
    }

    /**
     * Starts everything: database, Tomcat's port, the emulator (which needs Tomcat's port for its webhook
     * endpoint), then both webapps (which need the emulator's address).
     *
     * @throws IllegalStateException when the payments WAR is missing or a webapp fails to start
     */
    public static DemoServer start(DemoOptions options) throws Exception {
        return start(options, phase -> { });
    }

    /**
     * {@link #start(DemoOptions)}, telling {@code progress} a short line as each phase begins, so a person
     * watching a cold start sees that something happens.
     *
     * @throws PortInUseException when a port the options name is taken, before anything has started
     */
    public static DemoServer start(DemoOptions options, Consumer<String> progress) throws Exception {
        Path dataDir = options.dataDir().toAbsolutePath();
        Path war = requireFile(options.paymentsWar());
        PortInUseException.requireFree(options.port(), "--port", "-Ddemo.port");
        PortInUseException.requireFree(options.emulatorPort(), "--emulator-port", "-Ddemo.emulatorPort");
        Files.createDirectories(dataDir);
        progress.accept("Tollgate demo: opening the database");
        DemoDatabase database = DemoDatabase.openEmpty(options.database(), dataDir);
        String databaseKey = UUID.randomUUID().toString();
        SharedDataSourceFactory.share(databaseKey, database.dataSource());
        // The payments WAR's own view of the database, which a chaos test can make fail (share 0: none fails).
        FaultyDataSource paymentsDatabase = new FaultyDataSource(database.dataSource(), DATABASE_FAULT_SEED);
        SharedDataSourceFactory.share(paymentsKey(databaseKey), paymentsDatabase);
        Tomcat tomcat = null;
        StripeEmulator emulator = null;
        try {
            progress.accept("Tollgate demo: starting Tomcat on " + portName(options.port()));
            tomcat = newTomcat(options.port(), dataDir.resolve("tomcat"));
            // init() binds the connector, so a port of 0 has its real number before anything is configured.
            tomcat.init();
            DemoSettings settings = DemoSettings.generate("http://localhost:" + boundPort(tomcat, options.port()))
                    .withOverrides(options.settings()).withSampleAppOverrides(options.sampleAppSettings());
            progress.accept("Tollgate demo: starting the Stripe emulator on " + portName(options.emulatorPort()));
            emulator = StripeEmulator.builder()
                    .port(options.emulatorPort())
                    .clock(options.stripeClock())
                    .webhookEndpoint(options.paymentsNode().map(node -> node.resolve("stripe/webhook").toString())
                            .orElse(settings.webhookEndpoint()))
                    .webhookSecret(settings.webhookSecret())
                    .build();
            try {
                emulator.start();
            } catch (java.io.UncheckedIOException taken) {
                throw new PortInUseException(options.emulatorPort(), "--emulator-port", "-Ddemo.emulatorPort");
            }
            settings = settings.withEmulatorUrl(emulator.baseUrl());
            progress.accept("Tollgate demo: deploying the payments WAR and the sample apps (about 15 s)");

            // in a reactor build the gate is a classes folder, packed into a jar here: once for both apps
            Path gateJar = GateJar.locate(dataDir);
            Path sampleDocBase = SampleApp.unpackInto(dataDir.resolve("sample-app"), gateJar);
            Context sample = DemoWebapps.addSampleApp(tomcat, sampleDocBase, settings, databaseKey);
            Path ownLoginDocBase = SampleApp.unpackOwnLoginAppInto(dataDir.resolve("own-login-app"), gateJar);
            Context ownLogin = DemoWebapps.addOwnLoginApp(tomcat, ownLoginDocBase, settings, databaseKey);
            Context payments = options.paymentsNode().isPresent() ? null
                    : DemoWebapps.addPayments(tomcat, war, settings, paymentsKey(databaseKey));
            tomcat.start();
            if (payments != null) {
                DemoWebapps.requireStarted(payments, "The payments WAR");
            }
            DemoWebapps.requireStarted(sample, "The sample app");
            DemoWebapps.requireStarted(ownLogin, "The own-login app");
            return new DemoServer(tomcat, emulator, database, settings, databaseKey, paymentsDatabase,
                    options.paymentsNode());
        } catch (Exception | Error e) {
            stopQuietly(tomcat, emulator, database, databaseKey);
            throw e;
        }
    }

    /** The sample app's home page, e.g. {@code http://localhost:8080/}. */
    public URI appUrl() {
        return URI.create(settings.appUrl() + "/");
    }

    /**
     * Adds a user (role {@code user}, password = name, like the demo's own) to the engine's realm while the demo
     * runs: tests that need many customers, each signed in as themselves. Synchronized: the model test adds its
     * users from several threads, and Tomcat keeps them in plain hash maps (a ConcurrentModificationException
     * failed AccessModelOnPostgresScenarios once).
     */
    public synchronized void addUser(String name) {
        tomcat.addUser(name, name);
        tomcat.addRole(name, DemoUsers.USER_ROLE);
    }

    /** The embedded Stripe emulator, e.g. to wait until its webhook deliveries are done. */
    public StripeEmulator emulator() {
        return emulator;
    }

    /** The database both webapps use, for looking at what the flow wrote. */
    public DataSource dataSource() {
        return database.dataSource();
    }

    /**
     * From now on {@code share} (0 to 1) of the payments WAR's statement executions and commits fail as a lost
     * connection does (the sample app's gate reads a sound database); answers how many failed so far.
     */
    public long failPaymentsDatabase(double share) {
        if (paymentsNode.isPresent()) {
            throw new IllegalStateException("the payments WAR runs at " + paymentsNode.get()
                    + ": its node's database fails on its own command");
        }
        paymentsDatabase.failShare(share);
        return paymentsDatabase.injected();
    }

    private static String paymentsKey(String databaseKey) {
        return databaseKey + "-payments";
    }

    /** The own-login app's home page, e.g. {@code http://localhost:8080/own-login/}. */
    public URI ownLoginAppUrl() {
        return URI.create(settings.appUrl() + DemoSettings.OWN_LOGIN_PATH + "/");
    }

    /** The payments WAR's address, e.g. {@code http://localhost:8080/payments/}. */
    public URI paymentsUrl() {
        return paymentsNode.orElseGet(() -> URI.create(settings.appUrl() + DemoSettings.PAYMENTS_PATH + "/"));
    }

    /** The database both webapps use, for a payments node of another JVM to reach ({@link DemoDatabase#jdbcUrl()}). */
    public DemoDatabase database() {
        return database;
    }

    /** The webhook signing secret of this run (the emulator's; the first one when several are configured). */
    public String webhookSecret() {
        return settings.webhookSecret();
    }

    /** The hand-off secret the payments WAR and the own-login app share in this run, for tests that sign tokens. */
    String handOffSecret() {
        return settings.forPayments().get("PAYMENTS_HANDOFF_SECRET");
    }

    /** Stops the webapps, the emulator and the database, in that order. */
    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            stopQuietly(tomcat, emulator, database, databaseKey);
        }
    }

    /** What a person needs to try the demo. */
    void printBanner(PrintStream out) {
        String home = settings.appUrl();
        out.printf("""

                Tollgate demo is running (no Stripe account, no network).

                  Sample app       %s/
                  Paid area        %s%s   (gated by the Tollgate filter: plan pro)
                  Own-login app    %s%s/   (signs users in itself: carol / carol, dave / dave)
                  Payments WAR     %s%s/health
                  Stripe emulator  %s   webhook secret %s
                  Database         %s, JNDI java:comp/env/%s

                  Sign in as       alice / alice    bob / bob      (role user)
                                   admin / admin                   (roles user, payments-admin)
                  Test card        %s, any future expiry, any CVC

                  Try it: sign in as alice, open %s (you are sent to pricing), subscribe to Pro, pay with the
                  test card on the emulator's page: you land on %s, which says what you bought and takes
                  you into %s, without signing in again. Basic works the same way (its landing points to
                  your account). admin holds payments-admin: %s%s/admin/ is the payments console
                  (events, customers, refunds and disputes, reconcile; /admin/health the service's details).

                Ctrl-C (or SIGTERM to Maven) stops the demo; the next start begins with an empty database.
                %n""",
                home, home, DemoSettings.PRO_PATH, home, DemoSettings.OWN_LOGIN_PATH, home, DemoSettings.PAYMENTS_PATH,
                settings.emulatorUrl(), settings.webhookSecret(),
                database.description(), DemoSettings.DATASOURCE_NAME,
                TEST_CARD, DemoSettings.PRO_PATH, DemoSettings.WELCOME_PATH, DemoSettings.PRO_PATH,
                home, DemoSettings.PAYMENTS_PATH);
    }

    /** Command-line runs log Tollgate's lines and the libraries' warnings; tests keep the full log. */
    private static void quietLibraryLogging() throws IOException {
        try (InputStream settings = DemoServer.class.getResourceAsStream("logging.properties")) {
            if (settings != null) {
                LogManager.getLogManager().readConfiguration(settings);
            }
        }
    }

    static Tomcat newTomcat(int port, Path baseDir) throws IOException {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Files.createDirectories(baseDir.resolve("webapps")); // where Tomcat unpacks the payments WAR
        tomcat.setHostname("localhost");
        tomcat.setPort(port);
        tomcat.getConnector();
        tomcat.enableNaming();
        DemoUsers.registerWith(tomcat);
        // One sign-in covers the sample app and /payments: both use the engine's realm.
        tomcat.getHost().getPipeline().addValve(new SingleSignOn());
        // Error pages say what went wrong, never how: no stack traces or server version in responses.
        ErrorReportValve errorPages = new ErrorReportValve();
        errorPages.setShowReport(false);
        errorPages.setShowServerInfo(false);
        tomcat.getHost().getPipeline().addValve(errorPages);
        return tomcat;
    }

    /**
     * The connector's real port. Tomcat only logs a failed bind, so a port taken between the check at the start
     * and the bind is caught here.
     */
    private static int boundPort(Tomcat tomcat, int requested) {
        int port = tomcat.getConnector().getLocalPort();
        if (port <= 0) {
            throw new PortInUseException(requested, "--port", "-Ddemo.port");
        }
        return port;
    }

    private static String portName(int port) {
        return port == 0 ? "a free port" : "port " + port;
    }

    private static Path requireFile(Path war) {
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("The payments WAR " + war.toAbsolutePath() + " does not exist; build "
                    + "it with the demo (mvn -Pdemo -DskipTests -pl demo -am verify) or pass --payments-war");
        }
        return war;
    }

    /** Stops what was started, in reverse order; {@code null} stands for "never got that far". */
    private static void stopQuietly(Tomcat tomcat, StripeEmulator emulator, DemoDatabase database,
                                    String databaseKey) {
        if (tomcat != null) {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                System.err.println("Tomcat did not stop cleanly: " + e.getMessage());
            }
        }
        if (emulator != null) {
            emulator.stop();
        }
        SharedDataSourceFactory.withdraw(databaseKey);
        SharedDataSourceFactory.withdraw(paymentsKey(databaseKey));
        database.close(); // H2: shut down; PostgreSQL: the run's schema is dropped
    }
}
