import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two edits configure-payara.sh makes to a freshly created, not yet started Payara domain's domain.xml, run with
 * the JDK alone ({@code java PayaraDomainXml.java ...}, no other tool a fresh machine may lack):
 * <ul>
 *   <li>{@code sso <domain.xml>}: single sign-on between the webapps of the virtual server {@code server};</li>
 *   <li>{@code postgresql <domain.xml> <host> <port> <database> <user>}: a TollgatePool connection pool on that
 *       database, the resource {@code jdbc/tollgate} on it (the default, {@code jdbc/__default} on Payara's
 *       H2Pool, stays) referenced by the server {@code server}, and that server's system property
 *       {@code PAYMENTS_DATASOURCE=jdbc/tollgate}.</li>
 * </ul>
 * Either fails, naming the file, when the default domain no longer looks as expected.
 */
public class PayaraDomainXml {

    private static final Pattern VIRTUAL_SERVER = Pattern.compile("<virtual-server\\b[^>]*\\bid=\"server\"");
    private static final Pattern SERVER = Pattern.compile("<server\\b[^>]*\\bname=\"server\"[^>]*>");
    private static final Pattern DEFAULT_RESOURCE = Pattern.compile(
            "<jdbc-resource\\b[^>]*\\bjndi-name=\"jdbc/__default\"[^>]*?/?>(</jdbc-resource>)?");

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            fail("usage: PayaraDomainXml sso <domain.xml> | postgresql <domain.xml> <host> <port> <database> <user>");
        }
        Path file = Path.of(args[1]);
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        String edited = switch (args[0]) {
            case "sso" -> singleSignOn(file, xml);
            case "postgresql" -> {
                if (args.length != 6) {
                    fail("postgresql needs <domain.xml> <host> <port> <database> <user>");
                }
                yield postgresPool(file, xml, args[2], args[3], args[4], args[5]);
            }
            default -> throw fail("unknown edit '" + args[0] + "' (sso or postgresql)");
        };
        Files.writeString(file, edited, StandardCharsets.UTF_8);
    }

    private static String singleSignOn(Path file, String xml) {
        Matcher server = VIRTUAL_SERVER.matcher(xml);
        if (!server.find()) {
            fail(file + " has no virtual server 'server'; Payara's default domain changed");
        }
        return xml.substring(0, server.end()) + " sso-enabled=\"true\"" + xml.substring(server.end());
    }

    private static String postgresPool(Path file, String xml, String host, String port, String database,
                                       String user) {
        Matcher resource = DEFAULT_RESOURCE.matcher(xml);
        if (!resource.find() || !resource.group().contains("pool-name=\"H2Pool\"")) {
            fail(file + " does not bind jdbc/__default to H2Pool; Payara's default domain changed");
        }
        String pool = "<jdbc-connection-pool name=\"TollgatePool\""
                + " datasource-classname=\"org.postgresql.ds.PGSimpleDataSource\" res-type=\"javax.sql.DataSource\">"
                + property("serverName", host) + property("portNumber", port)
                + property("databaseName", database) + property("user", user)
                // Payara refuses a pool with a user but no password property, even under trust authentication.
                + property("password", "")
                + "</jdbc-connection-pool>";
        String named = "<jdbc-resource pool-name=\"TollgatePool\" jndi-name=\"jdbc/tollgate\"/>";
        String withPool = xml.substring(0, resource.end()) + named + pool + xml.substring(resource.end());
        Matcher server = SERVER.matcher(withPool);
        if (!server.find()) {
            fail(file + " has no server 'server'; Payara's default domain changed");
        }
        return withPool.substring(0, server.end()) + "<resource-ref ref=\"jdbc/tollgate\"/>"
                + "<system-property name=\"PAYMENTS_DATASOURCE\" value=\"jdbc/tollgate\"/>"
                + withPool.substring(server.end());
    }

    private static String property(String name, String value) {
        return "<property name=\"" + name + "\" value=\"" + value.replace("&", "&amp;").replace("\"", "&quot;")
                + "\"/>";
    }

    private static IllegalStateException fail(String message) {
        System.err.println("FATAL: " + message);
        System.exit(1);
        return new IllegalStateException(message);
    }
}
