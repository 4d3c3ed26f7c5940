package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Customer;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.emulator.http.ApiFaults;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The checkout paths when Stripe cannot help. {@code POST /billing/checkout} against a Stripe that answers too late: the WAR waits at most
 * {@code PAYMENTS_STRIPE_TIMEOUT_MS} per attempt, answers a short 503, holds no transaction or row lock while it
 * waits, and the user's next try gets the customer Stripe made the first time — never a second one. The emulator
 * carries out each slow request and withholds only the answer, as when Stripe's answer is lost on the way. And
 * {@code /billing/return} with a session Stripe does not know: a short 404, not a 502 with a stack trace.
 */
abstract class CheckoutFailureScenarios extends StageScenarios {

    /** A user of the demo's realm, who has never checked out on this stage. */
    private static final String USER = "bob";
    /** Per attempt; with one retry the WAR answers after about two of these plus stripe-java's back-off. */
    private static final Duration STRIPE_TIMEOUT = Duration.ofSeconds(1);
    /** How late the emulator answers: far longer than the time-out, far shorter than stripe-java's 80 s default. */
    private static final Duration STRIPE_ANSWER_DELAY = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    DemoOptions configure(DemoOptions options) {
        return options.withSetting("PAYMENTS_STRIPE_TIMEOUT_MS", Long.toString(STRIPE_TIMEOUT.toMillis()))
                .withSetting("PAYMENTS_STRIPE_RETRIES", "1");
    }

    @Test
    void aSlowStripeGivesABoundedAnswerHoldsNoLockAndLeavesOneCustomer() throws Exception {
        stage.emulator().apiFaults(ApiFaults.parse("api_timeouts_next=2,api_timeout="
                + STRIPE_ANSWER_DELAY.toSeconds() + "s,api_path=/v1/customers"));
        HttpResponse<String> slow;
        Instant started = Instant.now();
        try {
            CompletableFuture<HttpResponse<String>> checkout = http.sendAsync(checkoutRequest(),
                    HttpResponse.BodyHandlers.ofString());
            awaitCustomerCreationStarted();

            // The WAR now waits for Stripe's customer: the account row is committed, and no one holds its lock.
            assertEquals(Optional.of("none"), customerOf(USER), "the account is committed before Stripe is asked");
            assertTrue(AccountRowProbe.lockableAtOnce(stage.demoDataSource(), database(), USER),
                    "no transaction holds the account's row while Stripe is asked");

            slow = checkout.get(60, TimeUnit.SECONDS);
        } finally {
            stage.emulator().apiFaults(ApiFaults.Settings.NONE);
        }
        Duration took = Duration.between(started, Instant.now());

        assertEquals(503, slow.statusCode(), slow.body());
        assertEquals(null, MalformedBodies.problemWith(slow, 503));
        assertTrue(slow.body().contains("temporarily unavailable"), slow.body());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "bounded by the time-outs, not Stripe: " + took);

        HttpResponse<String> again = http.send(checkoutRequest(), HttpResponse.BodyHandlers.ofString());

        assertEquals(303, again.statusCode(), again.body());
        assertTrue(again.headers().firstValue("Location").orElse("").startsWith(stage.emulator().baseUrl()),
                again.headers().toString());
        List<String> customers = customersMadeFor(USER);
        assertEquals(1, customers.size(), "one customer, however many attempts: " + customers);
        assertEquals(Optional.of(customers.get(0)), customerOf(USER));
    }

    @Test
    void aCheckoutSessionStripeDoesNotKnowIsA404WithOneSentenceOnTheReturnPage() throws Exception {
        HttpRequest unknown = HttpRequest.newBuilder(stage.checkoutUrl().resolve("return?session_id=cs_test_"
                + "neverMadeByStripe0123456789")).timeout(Duration.ofSeconds(30))
                .header("Authorization", WebhookStage.basicAuthorization(USER)).GET().build();

        HttpResponse<String> response = http.send(unknown, HttpResponse.BodyHandlers.ofString());

        assertEquals(null, MalformedBodies.problemWith(response, 404));
    }

    private HttpRequest checkoutRequest() {
        return stage.checkoutPost(USER, StripeEvents.PRO_PRICE);
    }

    /** Waits until the WAR's first customer creation reached the emulator (observed, not guessed). */
    private void awaitCustomerCreationStarted() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (stage.emulator().apiRequestCounts().getOrDefault("POST /v1/customers", 0L) == 0) {
            assertTrue(Instant.now().isBefore(deadline), "the WAR never asked Stripe for a customer");
            Thread.sleep(20);
        }
    }

    /** The account's customer id ("none" while unlinked), or empty when there is no committed account row. */
    private Optional<String> customerOf(String user) throws SQLException {
        try (Connection db = stage.demoDataSource().getConnection();
             PreparedStatement query = db.prepareStatement(
                     "select stripe_customer_id from account where user_id = ?")) {
            query.setString(1, user);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(Optional.ofNullable(row.getString(1)).orElse("none"))
                        : Optional.empty();
            }
        }
    }

    private List<String> customersMadeFor(String user) throws Exception {
        return stage.stripe().v1().customers().list().getData().stream()
                .filter(customer -> customer.getMetadata() != null
                        && user.equals(customer.getMetadata().get("tollgate_user")))
                .map(Customer::getId).toList();
    }
}
