package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.SimpleFormatter;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server started without {@code STRIPE_WEBHOOK_SECRET} must refuse to deploy the WAR, and say which variable is
 * missing: a payments endpoint that cannot verify signatures must never come up. Runs in its own failsafe
 * executions (pom.xml: {@code *-without-secret}) whose environment leaves the variable blank, which the WAR's
 * configuration treats as unset.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MissingWebhookSecretIT {

    private static final String VARIABLE = "STRIPE_WEBHOOK_SECRET";
    private static final String DEPLOYMENT = "payments-without-secret";

    /** The server's log file (full servers); unset when the container logs into this JVM (embedded Tomcat). */
    private static final String SERVER_LOG = System.getProperty("it.server.log", "");

    private static final SimpleFormatter FORMATTER = new SimpleFormatter();

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive paymentsWar() {
        return PaymentsWar.asBuilt();
    }

    @Test
    void deploymentFailsAndTheLogNamesTheMissingVariable() throws Exception {
        String inherited = System.getenv(VARIABLE);
        assertTrue(inherited == null || inherited.isBlank(),
                "this suite must run with " + VARIABLE + " blank (see the *-without-secret executions)");
        long logOffset = serverLogLength();
        CapturedLog capture = CapturedLog.start();
        Exception reported = null;
        int healthStatus;
        try {
            try {
                deployer.deploy(DEPLOYMENT);
            } catch (Exception refused) {
                reported = refused; // WildFly and Payara report the failed deployment to Arquillian
            }
            // Tomcat's embedded adapter does not: it only logs that the context failed to start. Either way the
            // WAR must not serve.
            healthStatus = new PaymentsClient(new URL("http://127.0.0.1:"
                    + System.getProperty("it.http.port") + "/payments/")).health().statusCode();
        } finally {
            capture.close();
            if (reported == null) {
                deployer.undeploy(DEPLOYMENT);
            }
        }
        List<String> jvmLog = capture.records().stream()
                .map(record -> FORMATTER.formatMessage(record) + " " + causes(record.getThrown())).toList();
        String evidence = causes(reported) + "\n" + String.join("\n", jvmLog) + "\n" + serverLogSince(logOffset);

        assertTrue(reported != null || healthStatus == 404,
                "the WAR came up without " + VARIABLE + " (GET /payments/health answered " + healthStatus + ")");
        assertTrue(evidence.contains(VARIABLE), "no message names " + VARIABLE + ":\n" + evidence);
        assertFalse(evidence.contains(System.getProperty("it.stripe.secret.key", "sk_test_tollgate_it")),
                "the secret key must not be logged");
    }

    private static String causes(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            messages.append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static long serverLogLength() throws IOException {
        Path log = Path.of(SERVER_LOG);
        return SERVER_LOG.isBlank() || !Files.isRegularFile(log) ? 0 : Files.size(log);
    }

    private static String serverLogSince(long offset) throws IOException {
        Path log = Path.of(SERVER_LOG);
        if (SERVER_LOG.isBlank() || !Files.isRegularFile(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(offset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }
}
