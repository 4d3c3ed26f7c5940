package dev.tollgate.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the demo is told on its command line. A port of 0 means "any free port", which is what tests use.
 *
 * @param port         HTTP port of the embedded Tomcat (default 8080)
 * @param emulatorPort port of the Stripe emulator (default 12111, stripe-mock's)
 * @param dataDir      folder for the H2 database and Tomcat's work files
 * @param paymentsWar  the {@code payments-tomcat.war} to deploy at {@code /payments}
 * @param database     which database the two webapps share (tests choose; the command line always uses H2)
 * @param settings     payments WAR settings that replace the demo's own (tests: a second webhook secret, a
 *                     short "unmatched" age, a small body cap); {@code STRIPE_WEBHOOK_SECRET} given here also
 *                     becomes what the emulator signs with (the first secret of the list)
 * @param sampleAppSettings gate settings of the sample app that replace the demo's own (tests: a
 *                     {@code PAYMENTS_PROTECT} with {@code feature:} rules instead of {@code /pro/*=plan:pro})
 * @param stripeClock  the emulator's clock, which its events' {@code created} times come from (tests: one they
 *                     set back, for events Stripe lists late); the system clock by default
 * @param paymentsNode where the payments WAR runs when it runs elsewhere (tests: a node in a JVM of its own, on
 *                     the demo's database, that they can kill): the emulator delivers there and the demo deploys
 *                     only the sample app; empty (the default): the WAR runs in the demo's Tomcat
 */
public record DemoOptions(int port, int emulatorPort, Path dataDir, Path paymentsWar, DemoDatabase.Kind database,
                          Map<String, String> settings, Map<String, String> sampleAppSettings, Clock stripeClock,
                          Optional<URI> paymentsNode) {

    /** System property naming the payments WAR when {@code --payments-war} is not given. */
    public static final String PAYMENTS_WAR_PROPERTY = "tollgate.demo.paymentsWar";

    static final int DEFAULT_PORT = 8080;
    static final int DEFAULT_EMULATOR_PORT = 12111;
    static final Path DEFAULT_DATA_DIR = Path.of("target", "demo-data");
    static final Path DEFAULT_PAYMENTS_WAR = Path.of("target", "payments-tomcat.war");

    static final String USAGE = """
            usage: DemoServer [--port N] [--emulator-port N] [--data-dir DIR] [--payments-war FILE]
              --port           HTTP port of the demo (default 8080; 0 = any free port)
              --emulator-port  port of the Stripe emulator (default 12111; 0 = any free port)
              --data-dir       folder for the H2 database and Tomcat's files (default target/demo-data)
              --payments-war   the payments-tomcat.war to deploy at /payments
                               (default: system property tollgate.demo.paymentsWar, else target/payments-tomcat.war)""";

    public DemoOptions {
        requirePort("--port", port);
        requirePort("--emulator-port", emulatorPort);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(paymentsWar, "paymentsWar");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(stripeClock, "stripeClock");
        Objects.requireNonNull(paymentsNode, "paymentsNode");
        settings = Map.copyOf(settings);
        sampleAppSettings = Map.copyOf(sampleAppSettings);
    }

    /** The command line's options: H2 and the demo's own settings. */
    public DemoOptions(int port, int emulatorPort, Path dataDir, Path paymentsWar) {
        this(port, emulatorPort, dataDir, paymentsWar, DemoDatabase.Kind.H2, Map.of(), Map.of(), Clock.systemUTC(),
                Optional.empty());
    }

    /** The defaults, with the payments WAR taken from the system property when it is set. */
    public static DemoOptions defaults() {
        return new DemoOptions(DEFAULT_PORT, DEFAULT_EMULATOR_PORT, DEFAULT_DATA_DIR, defaultPaymentsWar());
    }

    /** The same options on other ports (0 = any free port). */
    public DemoOptions onPorts(int httpPort, int stripePort) {
        return new DemoOptions(httpPort, stripePort, dataDir, paymentsWar, database,
                settings, sampleAppSettings, stripeClock, paymentsNode);
    }

    /** The same options with another data folder. */
    public DemoOptions withDataDir(Path folder) {
        return new DemoOptions(port, emulatorPort, folder, paymentsWar, database,
                settings, sampleAppSettings, stripeClock, paymentsNode);
    }

    /** The same options on another database; PostgreSQL gets a fresh schema that is dropped at close. */
    public DemoOptions withDatabase(DemoDatabase.Kind kind) {
        return new DemoOptions(port, emulatorPort, dataDir, paymentsWar, kind,
                settings, sampleAppSettings, stripeClock, paymentsNode);
    }

    /** The same options with one payments WAR setting (a name from {@code docs/design.md}) replaced. */
    public DemoOptions withSetting(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(settings);
        changed.put(name, value);
        return new DemoOptions(port, emulatorPort, dataDir, paymentsWar, database,
                changed, sampleAppSettings, stripeClock, paymentsNode);
    }

    /** The same options with one of the sample app's gate settings (e.g. {@code PAYMENTS_PROTECT}) replaced. */
    public DemoOptions withSampleAppSetting(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(sampleAppSettings);
        changed.put(name, value);
        return new DemoOptions(port, emulatorPort, dataDir, paymentsWar, database, settings, changed, stripeClock,
                paymentsNode);
    }

    /** The same options with the emulator on another clock. */
    public DemoOptions withStripeClock(Clock clock) {
        return new DemoOptions(port, emulatorPort, dataDir, paymentsWar, database, settings, sampleAppSettings, clock,
                paymentsNode);
    }

    /**
     * The same options with the payments WAR served by a node elsewhere at {@code paymentsUrl} (e.g.
     * {@code http://localhost:8181/payments/}) on this demo's database: the emulator delivers its webhooks there.
     */
    public DemoOptions withPaymentsNode(URI paymentsUrl) {
        return new DemoOptions(port, emulatorPort, dataDir, paymentsWar, database, settings, sampleAppSettings,
                stripeClock, Optional.of(paymentsUrl));
    }

    /**
     * Reads {@code --name value} pairs over the defaults.
     *
     * @throws IllegalArgumentException naming the bad option and showing the usage
     */
    public static DemoOptions parse(String... args) {
        DemoOptions options = defaults();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
            }
            String value = args[i + 1];
            options = switch (name) {
                case "--port" -> options.onPorts(number(name, value), options.emulatorPort);
                case "--emulator-port" -> options.onPorts(options.port, number(name, value));
                case "--data-dir" -> options.withDataDir(Path.of(value));
                case "--payments-war" -> new DemoOptions(options.port, options.emulatorPort, options.dataDir,
                        Path.of(value), options.database, options.settings, options.sampleAppSettings,
                        options.stripeClock, options.paymentsNode);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            };
        }
        return options;
    }

    private static Path defaultPaymentsWar() {
        String configured = System.getProperty(PAYMENTS_WAR_PROPERTY);
        return configured == null || configured.isBlank() ? DEFAULT_PAYMENTS_WAR : Path.of(configured);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'\n" + USAGE);
        }
    }

    private static void requirePort(String name, int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, not " + value);
        }
    }
}
