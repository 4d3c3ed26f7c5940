package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.emulator.delivery.FaultPlan;
import dev.tollgate.it.webhook.Rows.Entitlement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar tollgate.jar reconcile …}, the packaged jar in a JVM of its own with only its environment, against
 * the unchanged WAR running on the stage (H2, the emulator): a catch-up brings in payments whose webhooks were lost;
 * a drift report lists a tampered row, changes nothing and exits 1; {@code --heal} heals it and exits 0; wrong
 * credentials, a missing setting or bad usage exit 1 or 2, and the password is never printed.
 */
class ReconcileCommandLineOnH2Scenarios extends StageScenarios {

    private static final String PASSWORD = AdminApi.ADMIN; // the demo realm's password is the user's name

    record Run(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }

    @Override
    DemoOptions configure(DemoOptions options) {
        return WebhookStage.reconcilingOnlyWhenAsked(options);
    }

    @Test
    void catchUpAppliesWhatWebhooksMissedAndPrintsTheRunsFigures() throws Exception {
        stage.emulator().webhookFaults(FaultPlan.seeded(21).dropping(1.0));
        WebhookStage.Subscriber unseen;
        try {
            unseen = stage.subscribeToPro(newStageUser("cli_drop"));
        } finally {
            stage.emulator().webhookFaults(FaultPlan.NONE);
        }
        assertFalse(rows.entitlement(unseen.user()).map(Entitlement::grantsAccessNow).orElse(false),
                "no webhook, no access yet");

        Run caughtUp = tollgate(adminEnv(), "reconcile", "catch-up");

        assertEquals(0, caughtUp.status(), caughtUp.toString());
        assertTrue(caughtUp.out().matches("(?s)Catch-up run \\d+: completed in [0-9.]+ s on .*"), caughtUp.out());
        assertTrue(caughtUp.out().matches("(?s).*events listed: [1-9]\\d*, applied: [1-9]\\d*.*"), caughtUp.out());
        assertTrue(caughtUp.out().matches("(?s).*Stripe calls: [1-9]\\d*.*"), caughtUp.out());
        assertTrue(rows.requireEntitlement(unseen.user()).grantsAccessNow(), "the catch-up granted access");
        assertFalse(caughtUp.all().contains("Exception"), caughtUp.toString());
    }

    @Test
    void driftReportsWithoutChangingAndHealsOnlyWithHeal() throws Exception {
        WebhookStage.Subscriber revoked = stage.subscribeToPro(newStageUser("cli_revoked"));
        rows.execute("update entitlement set status = 'canceled', access_until = null, plan = null, plans = '',"
                + " version = version + 1 where user_id = '" + revoked.user() + "'");
        Entitlement tampered = rows.requireEntitlement(revoked.user());

        Run report = tollgate(adminEnv(), "reconcile", "drift");

        assertEquals(1, report.status(), "differences left open: " + report);
        assertTrue(report.out().contains("(dry run): completed"), report.out());
        assertTrue(report.out().contains("DIFFERENCE: " + revoked.user() + ": "), report.out());
        assertTrue(report.out().contains(", not healed"), report.out());
        assertTrue(report.out().contains("--heal heals them"), report.out());
        assertEquals(tampered, rows.requireEntitlement(revoked.user()), "a report changes nothing");
        Run explicit = tollgate(adminEnv(), "reconcile", "drift", "--dry-run");
        assertEquals(1, explicit.status(), explicit.toString());
        assertEquals(tampered, rows.requireEntitlement(revoked.user()), "--dry-run changes nothing");

        Run healed = tollgate(adminEnv(), "reconcile", "drift", "--heal");

        assertEquals(0, healed.status(), healed.toString());
        assertTrue(healed.out().contains("DIFFERENCE: " + revoked.user() + ": "), healed.out());
        assertTrue(healed.out().contains(", healed"), healed.out());
        assertTrue(rows.requireEntitlement(revoked.user()).grantsAccessNow(), "healed through the sync");

        Run clean = tollgate(adminEnv(), "reconcile", "drift");
        assertEquals(0, clean.status(), clean.toString());
        assertTrue(clean.out().contains("differences: 0, healed: 0"), clean.out());
        assertFalse(clean.out().contains("DIFFERENCE"), clean.out());
    }

    @Test
    void refusedCredentialsAndBadUsageNeverPrintThePassword() throws Exception {
        Map<String, String> wrongPassword = adminEnv();
        wrongPassword.put("PAYMENTS_ADMIN_PASSWORD", "not-the-password-x7");
        Map<String, String> notAnAdmin = adminEnv();
        String customer = newStageUser("cli_customer");
        notAnAdmin.put("PAYMENTS_ADMIN_USER", customer);
        notAnAdmin.put("PAYMENTS_ADMIN_PASSWORD", customer);
        Map<String, String> noPassword = adminEnv();
        noPassword.remove("PAYMENTS_ADMIN_PASSWORD");
        Map<String, String> noUrl = adminEnv();
        noUrl.remove("PAYMENTS_APP_URL");
        Map<String, String> unreachable = adminEnv();
        unreachable.put("PAYMENTS_APP_URL", "http://127.0.0.1:1/payments");

        Run refused = tollgate(wrongPassword, "reconcile", "drift", "--heal");
        assertEquals(1, refused.status(), refused.toString());
        assertTrue(refused.out().contains("the user or password was refused"), refused.out());
        assertFalse(refused.all().contains("not-the-password-x7"), "the password is never printed");
        Run forbidden = tollgate(notAnAdmin, "reconcile", "catch-up");
        assertEquals(1, forbidden.status(), forbidden.toString());
        assertTrue(forbidden.out().contains("lacks the payments-admin role"), forbidden.out());
        Run down = tollgate(unreachable, "reconcile", "catch-up");
        assertEquals(1, down.status(), down.toString());
        assertTrue(down.out().contains("could not be reached"), down.out());
        assertFalse(down.all().contains("Exception"), "no stack trace: " + down);

        List<Run> usage = List.of(
                tollgate(adminEnv(), "reconcile"),
                tollgate(adminEnv(), "reconcile", "replay"),
                tollgate(adminEnv(), "reconcile", "drift", "--heal", "--dry-run"),
                tollgate(adminEnv(), "reconcile", "catch-up", "--heal"),
                tollgate(adminEnv(), "reconcile", "drift", "--force"),
                tollgate(noPassword, "reconcile", "drift"),
                tollgate(noUrl, "reconcile", "drift"));
        for (Run run : usage) {
            assertEquals(2, run.status(), run.toString());
            assertTrue(run.err().contains("Usage: java -jar tollgate.jar"), run.err());
        }
    }

    private Map<String, String> adminEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PAYMENTS_APP_URL", stage.webhookUrl().resolve("..").toString());
        env.put("PAYMENTS_ADMIN_USER", AdminApi.ADMIN);
        env.put("PAYMENTS_ADMIN_PASSWORD", PASSWORD);
        return env;
    }

    /**
     * Runs the packaged jar with only {@code env} as its environment; its output goes to files, so a long run's output
     * never blocks it.
     */
    private static Run tollgate(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("cli.jar", "../payments-cli/target/tollgate.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged command line is built: " + jar.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("tollgate-cli", ".out");
        Path err = Files.createTempFile("tollgate-cli", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command line ends");
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
