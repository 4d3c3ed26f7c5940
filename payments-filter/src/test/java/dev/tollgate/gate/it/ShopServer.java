package dev.tollgate.gate.it;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Valve;
import org.apache.catalina.realm.MemoryRealm;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ApplicationParameter;
import org.apache.tomcat.util.descriptor.web.ContextResource;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An embedded Tomcat 10.1 serving copies of the test shop webapp ({@code src/it/webapp}) with the built gate jar
 * in {@code WEB-INF/lib}, BASIC login against a {@link MemoryRealm} of customers, and {@code jdbc/tollgate}
 * bound to a DataSource of the {@link TestDatabase} through Tomcat's naming, as a server admin would configure it.
 */
final class ShopServer implements AutoCloseable {

    static final Map<String, String> PASSWORDS = Map.of(
            "alice", "alice-pw", "bob", "bob-pw", "carol", "carol-pw", "dave", "dave-pw", "erin", "erin-pw", "grace", "grace-pw",
            "henry", "henry-pw", "ivy", "ivy-pw");

    private final Tomcat tomcat = new Tomcat();
    private final Path work;
    private boolean gateJarShared;
    private final TestDatabase database;
    private final Path users;

    /** A server in its own folder under the work directory; {@link #shareGateJar()} before deploying. */
    ShopServer(TestDatabase database, String folder) throws IOException {
        work = Path.of(System.getProperty("gate.work", "target/it-work")).resolveSibling(folder);
        deleteTree(work);
        Files.createDirectories(work);
        tomcat.setBaseDir(work.resolve("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        tomcat.enableNaming();
        this.database = database;
        this.users = writeUsers();
    }

    /**
     * Deploys a fresh copy of the shop with the gate jar at {@code contextPath}. {@code contextParams} are set
     * the way a server admin sets them in a context.xml with {@code override="false"}: they win over web.xml.
     */
    Context deployShop(String contextPath, Map<String, String> contextParams) throws IOException {
        return deploy(contextPath, contextParams, true);
    }

    /** The same shop without the gate jar: the baseline of the throughput benchmark. */
    Context deployShopWithoutGate(String contextPath) throws IOException {
        return deploy(contextPath, Map.of(), false);
    }

    private Context deploy(String contextPath, Map<String, String> contextParams, boolean withGate)
            throws IOException {
        Path docBase = work.resolve("webapps" + contextPath);
        copyTree(Path.of(System.getProperty("gate.webapp", "src/it/webapp")), docBase);
        if (withGate && !gateJarShared) {
            Path lib = Files.createDirectories(docBase.resolve("WEB-INF/lib"));
            Files.copy(gateJar(), lib.resolve("payments-filter.jar"));
        }

        Context shop = tomcat.addWebapp(contextPath, docBase.toAbsolutePath().toString());
        contextParams.forEach((name, value) -> {
            ApplicationParameter parameter = new ApplicationParameter();
            parameter.setName(name);
            parameter.setValue(value);
            parameter.setOverride(false);
            shop.addApplicationParameter(parameter);
        });
        MemoryRealm realm = new MemoryRealm();
        realm.setPathname(users.toAbsolutePath().toString());
        shop.setRealm(realm);
        ContextResource dataSource = new ContextResource();
        dataSource.setName("jdbc/tollgate");
        dataSource.setAuth("Container");
        database.describe(dataSource);
        shop.getNamingResources().addResource(dataSource);
        return shop;
    }

    /**
     * Puts the gate jar in a class loader above all webapps, as Tomcat's {@code lib/} would, instead of each
     * webapp's {@code WEB-INF/lib}: then every webapp sees the same {@code EntitlementBoard}.
     */
    ClassLoader shareGateJar() throws IOException {
        gateJarShared = true;
        ClassLoader shared = new URLClassLoader(new URL[] {gateJar().toUri().toURL()}, getClass().getClassLoader());
        tomcat.getHost().setParentClassLoader(shared);
        return shared;
    }

    /** Adds a valve in front of every webapp (the host's pipeline); before {@link #start()}. */
    void addHostValve(Valve valve) {
        tomcat.getHost().getPipeline().addValve(valve);
    }

    private static Path gateJar() {
        return Path.of(System.getProperty("gate.jar"));
    }

    /** Starts Tomcat; each webapp starts or fails on its own (a malformed rule fails only its webapp). */
    ShopServer start() throws Exception {
        tomcat.start();
        return this;
    }

    static boolean isRunning(Context context) {
        return context.getState() == LifecycleState.STARTED;
    }

    String baseUrl() {
        return "http://localhost:" + tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private Path writeUsers() throws IOException {
        StringBuilder xml = new StringBuilder("<tomcat-users>\n");
        PASSWORDS.forEach((user, password) -> xml.append("  <user username=\"").append(user)
                .append("\" password=\"").append(password).append("\" roles=\"customer\"/>\n"));
        return Files.writeString(work.resolve("tomcat-users.xml"), xml.append("</tomcat-users>\n"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
