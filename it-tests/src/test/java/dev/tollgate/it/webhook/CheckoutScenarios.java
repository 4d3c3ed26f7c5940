package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Customer;
import com.stripe.model.checkout.Session;
import com.stripe.param.CustomerListParams;
import dev.tollgate.it.CapturedLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /billing/checkout} as browsers send it, through the unchanged WAR and the emulator: what a first
 * checkout creates (one account, one Stripe customer naming the user) however many arrive at once. The subclasses
 * pick the database.
 */
abstract class CheckoutScenarios extends StageScenarios {

    /** Users whose first two checkouts are sent at the same moment, per round. */
    private static final int RACING_USERS = 8;
    /** Rounds at most until the two inserts of one user have met this often. */
    private static final int ROUNDS = 6;
    private static final int RACES_WANTED = 2;
    private static final String RACE_LOG = "A concurrent first checkout of ";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * Two first checkouts of one user at once both find no account and both insert it: the second insert fails on
     * the key, and that request goes on with the account the first committed. Both are sent to Checkout for the one
     * customer. Rounds of racing users go on until the WAR's log shows the inserts met, so the race is proven to
     * have happened, not just hoped for.
     */
    @Test
    void twoFirstCheckoutsAtOnceMakeOneAccountAndOneCustomerAndBothGoToCheckout() throws Exception {
        int races = 0;
        for (int round = 0; round < ROUNDS && races < RACES_WANTED; round++) {
            try (CapturedLog log = CapturedLog.start()) {
                raceFirstCheckouts();
                races += (int) log.records().stream().map(LogRecord::getMessage)
                        .filter(message -> message != null && message.startsWith(RACE_LOG)).count();
            }
        }
        assertTrue(races >= RACES_WANTED, "the two first checkouts of a user met only " + races + " times in "
                + ROUNDS * RACING_USERS + " users");
    }

    /** {@link #RACING_USERS} new users each send two first checkouts at once; each pair is checked. */
    private void raceFirstCheckouts() throws Exception {
        List<String> users = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < RACING_USERS; i++) {
            users.add(newUser());
        }
        for (String user : users) {
            HttpRequest checkout = stage.checkoutPost(user, StripeEvents.PRO_PRICE);
            answers.add(http.sendAsync(checkout, HttpResponse.BodyHandlers.ofString()));
            answers.add(http.sendAsync(checkout, HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < users.size(); i++) {
            String user = users.get(i);
            List<HttpResponse<String>> both = List.of(answers.get(2 * i).get(), answers.get(2 * i + 1).get());
            for (HttpResponse<String> response : both) {
                assertEquals(303, response.statusCode(), user + ": " + response.body());
            }
            List<String> customers = customersNaming(user);
            assertEquals(1, customers.size(), "one Stripe customer for " + user + ": " + customers);
            assertEquals(Optional.of(customers.get(0)), rows.linkedCustomer(user), "linked to " + user);
            assertEquals(1, rows.accountRows(user), "one account row for " + user);
            for (HttpResponse<String> response : both) {
                Session session = checkoutSessionAt(response);
                assertEquals(customers.get(0), session.getCustomer(), "both checkouts for the one customer");
                assertEquals(user, session.getClientReferenceId());
                assertEquals(user, session.getMetadata().get("tollgate_user"));
            }
        }
    }

    private String newUser() {
        String user = "race_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        stage.addUser(user);
        return user;
    }

    /** The Checkout Session whose hosted page {@code response} sends the browser to. */
    private Session checkoutSessionAt(HttpResponse<String> response) throws Exception {
        URI page = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertTrue(page.toString().startsWith(stage.emulator().baseUrl()), page.toString());
        String id = page.getPath().substring(page.getPath().lastIndexOf('/') + 1);
        return stage.stripe().v1().checkout().sessions().retrieve(id);
    }

    /** Every Stripe customer whose metadata names {@code user}. */
    private List<String> customersNaming(String user) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Customer customer : stage.stripe().v1().customers()
                .list(CustomerListParams.builder().setLimit(100L).build()).autoPagingIterable()) {
            if (customer.getMetadata() != null && user.equals(customer.getMetadata().get("tollgate_user"))) {
                ids.add(customer.getId());
            }
        }
        return ids;
    }
}
