package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.stripe.param.checkout.SessionListParams;
import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.demo.DemoOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The WAR configured with a restricted key ({@code rk_…}) that lacks a permission it needs: the user's checkout gets
 * a page naming the permission (no stack trace, no key, nothing created at Stripe), {@code /health}'s details name
 * it for the operator (the console's overview too), and once the permission is given the same checkout works without a
 * restart. A permission a reconcile job lacks is named the same way. One database:
 * no row is written on the way to the refusal's page that the other database would write differently.
 */
class RestrictedKeyOnH2Scenarios extends StageScenarios {

    private static final String RESTRICTED_KEY = "rk_test_tollgateRestricted0000000000000000c0de";
    private static final String CHECKOUT_WRITE = "rak_checkout_session_write";
    /** What a drift scan needs first: the list of every subscription. */
    private static final String SUBSCRIPTION_READ = "rak_subscription_read";

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.H2;
    }

    @Override
    DemoOptions configure(DemoOptions options) {
        return options.withSetting("STRIPE_SECRET_KEY", RESTRICTED_KEY);
    }

    @Test
    void aKeyWithoutTheCheckoutPermissionGetsAPageNamingItAndHealthSaysSo() throws Exception {
        String user = newStageUser("restricted");
        stage.emulator().withholdPermissions(RESTRICTED_KEY, CHECKOUT_WRITE);
        int sessionsBefore = checkoutSessions();
        try {
            HttpResponse<String> refused = http.send(stage.checkoutPost(user, StripeEvents.PRO_PRICE),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains(CHECKOUT_WRITE), refused.body());
            assertFalse(refused.body().contains("Exception") || refused.body().contains("\tat "), refused.body());
            assertFalse(refused.body().contains("rk_test_"), "the key is never shown: " + refused.body());
            assertEquals(sessionsBefore, checkoutSessions(), "no Checkout Session was opened");

            List<String> problems = healthProblems();
            assertTrue(problems.stream().anyMatch(problem -> problem.contains("'" + CHECKOUT_WRITE + "'")),
                    "health names the permission: " + problems);
            assertFalse(problems.toString().contains("rk_test_"), problems.toString());
            String overview = adminGet("admin/api/overview").body();
            assertTrue(overview.contains("The Stripe key lacks the permission '" + CHECKOUT_WRITE + "'"), overview);
        } finally {
            stage.emulator().withholdPermissions(RESTRICTED_KEY);
        }

        HttpResponse<String> given = http.send(stage.checkoutPost(user, StripeEvents.PRO_PRICE),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(303, given.statusCode(), given.body());
        assertTrue(given.headers().firstValue("Location").orElse("").startsWith(stage.emulator().baseUrl()),
                given.headers().toString());
        assertEquals(sessionsBefore + 1, checkoutSessions());
    }

    /**
     * A permission refused to a reconcile job, which no customer's request would meet, is named on {@code /health}
     * and the console's overview too: the Stripe adapter reports every refusal, whoever asked. The scan's run fails
     * (502, as a failed run answers) without showing the key.
     */
    @Test
    void aPermissionRefusedToADriftScanIsNamedOnHealthAndTheOverview() throws Exception {
        stage.emulator().withholdPermissions(RESTRICTED_KEY, SUBSCRIPTION_READ);
        try {
            HttpResponse<String> scan = new AdminApi(stage.webhookUrl().resolve(".."), Duration.ofMinutes(2))
                    .post("reconcile/drift-scan", "");

            assertEquals(502, scan.statusCode(), scan.body());
            assertEquals("failed", JsonParser.parseString(scan.body()).getAsJsonObject().getAsJsonObject("run")
                    .get("status").getAsString(), scan.body());
            assertFalse(scan.body().contains("rk_test_"), "the key is never shown: " + scan.body());
            List<String> problems = healthProblems();
            assertTrue(problems.stream().anyMatch(problem -> problem.contains("'" + SUBSCRIPTION_READ + "'")
                    && problem.contains("listing subscriptions")), "health names the permission: " + problems);
            String overview = adminGet("admin/api/overview").body();
            assertTrue(overview.contains("The Stripe key lacks the permission '" + SUBSCRIPTION_READ + "'"), overview);
        } finally {
            stage.emulator().withholdPermissions(RESTRICTED_KEY);
        }
    }

    private int checkoutSessions() throws Exception {
        return stage.stripe().v1().checkout().sessions().list(SessionListParams.builder().setLimit(100L).build())
                .getData().size();
    }

    private HttpResponse<String> adminGet(String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(stage.webhookUrl().resolve("../" + path))
                .header("Authorization", WebhookStage.basicAuthorization(AdminApi.ADMIN)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer;
    }

    private List<String> healthProblems() throws Exception {
        HttpResponse<String> health = adminGet("admin/health");
        return StreamSupport.stream(JsonParser.parseString(health.body()).getAsJsonObject()
                .getAsJsonArray("problems").spliterator(), false).map(JsonElement::getAsString).toList();
    }
}
