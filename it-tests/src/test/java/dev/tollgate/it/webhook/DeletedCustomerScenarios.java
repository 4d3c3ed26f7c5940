package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.checkout.Session;
import dev.tollgate.it.webhook.Rows.Entitlement;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A user's Stripe customer deleted in Stripe, through the unchanged WAR and the emulator: access ends with the
 * customer's subscriptions (Stripe ends them at once: no access under the policy), the account lets go of the
 * customer and keeps it in its history, the same user's next checkout gets a new customer and a new subscription,
 * and the deleted customer's late events — its own deletion's reports arriving after it, and a state or a Checkout
 * of it delivered later still — change nothing. Every step is the real one: the app's checkout form, the
 * emulator's hosted page and its signed deliveries. The subclasses pick the database.
 */
abstract class DeletedCustomerScenarios extends StageScenarios {

    private static final String PAYING_CARD = "4242 4242 4242 4242";

    /** One checkout as the user makes it: the session Stripe made for it. */
    private record Paid(String customerId, String sessionId, String subscriptionId) {
    }

    @Test
    void theSameUserSubscribesAgainWithANewCustomerAndTheDeletedOneChangesNothing() throws Exception {
        String user = newUser();
        Paid first = checkOutAndPay(user);
        assertTrue(rows.requireEntitlement(user).grantsAccessNow(), "the first subscription grants access");

        // The deletion's own reports (the subscription's end, customer.deleted) are held back and then delivered
        // newest first: whatever arrives after customer.deleted is a late event of a customer no longer linked.
        stage.emulator().withholdDeliveries(first.customerId());
        stage.stripe().v1().customers().delete(first.customerId());
        List<String> reports = stage.emulator().releaseDeliveries(first.customerId(), true);
        stage.awaitDeliveries();

        assertEquals("customer.deleted", rows.webhookEvent(reports.get(0)).orElseThrow().type());
        assertSettledAtOnce(reports, "processed", "ignored");
        Entitlement ended = rows.requireEntitlement(user);
        assertFalse(ended.grantsAccessNow(), "Stripe ended the subscription with the customer: " + ended);
        assertEquals("canceled", rows.subscription(first.subscriptionId()).status());
        assertEquals(Optional.empty(), rows.linkedCustomer(user), "the account lets go of the deleted customer");
        assertEquals(List.of(first.customerId()), rows.formerCustomers(user), "and keeps it for the admin");

        Paid second = checkOutAndPay(user);

        assertNotEquals(first.customerId(), second.customerId(), "a new customer, not Stripe's replay of the old");
        assertEquals(user, stage.stripe().v1().customers().retrieve(second.customerId()).getMetadata()
                .get("tollgate_user"));
        assertEquals(Optional.of(second.customerId()), rows.linkedCustomer(user));
        assertNotEquals(first.subscriptionId(), second.subscriptionId());
        Entitlement again = rows.requireEntitlement(user);
        assertTrue(again.grantsAccessNow(), "access again, from the new subscription: " + again);

        long now = Instant.now().getEpochSecond();
        String lateActiveState = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), now,
                StripeEvents.subscription(first.subscriptionId(), first.customerId(), "active", now - 60,
                        now + 30L * 86_400));
        String lateCheckout = StripeEvents.event(StripeEvents.newEventId(), "checkout.session.completed", now,
                StripeEvents.PINNED_API_VERSION, rawSession(first.sessionId()));
        for (String late : List.of(lateActiveState, lateCheckout)) {
            HttpResponse<String> answer = stage.deliver(late);
            assertEquals(200, answer.statusCode(), answer.body());
            String eventId = JsonParser.parseString(late).getAsJsonObject().get("id").getAsString();
            assertEquals("ignored", rows.webhookEvent(eventId).orElseThrow().status());
        }
        assertEquals(again, rows.requireEntitlement(user), "nothing granted or revoked by the deleted customer");
        assertEquals(Optional.of(second.customerId()), rows.linkedCustomer(user), "never linked again");
        assertEquals(List.of(first.customerId()), rows.formerCustomers(user));
    }

    @Test
    void aCheckoutBeforeCustomerDeletedArrivesGetsANewCustomerAndTheLateEventChangesNothing() throws Exception {
        String user = newUser();
        Paid first = checkOutAndPay(user);
        stage.emulator().withholdDeliveries(first.customerId());
        stage.stripe().v1().customers().delete(first.customerId());
        assertEquals(Optional.of(first.customerId()), rows.linkedCustomer(user), "no report of it has arrived");

        Paid second = checkOutAndPay(user);

        assertNotEquals(first.customerId(), second.customerId(), "Stripe's refusal was taken as the deletion");
        assertEquals(Optional.of(second.customerId()), rows.linkedCustomer(user));
        assertEquals(List.of(first.customerId()), rows.formerCustomers(user));
        assertEquals("canceled", rows.subscription(first.subscriptionId()).status());
        Entitlement again = rows.requireEntitlement(user);
        assertTrue(again.grantsAccessNow(), "access from the new subscription: " + again);

        List<String> lateReports = stage.emulator().releaseDeliveries(first.customerId(), false);
        stage.awaitDeliveries();

        assertSettledAtOnce(lateReports, "ignored");
        List<String> lateTypes = new ArrayList<>();
        for (String eventId : lateReports) {
            lateTypes.add(rows.webhookEvent(eventId).orElseThrow().type());
        }
        assertTrue(lateTypes.contains("customer.deleted"), "customer.deleted arrived at last: " + lateTypes);
        assertEquals(again, rows.requireEntitlement(user), "the late reports change nothing");
        assertEquals(Optional.of(second.customerId()), rows.linkedCustomer(user));
    }

    private String newUser() {
        String user = "del_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        stage.addUser(user);
        return user;
    }

    /** Each event is logged with one of {@code statuses} after its first delivery (nothing retried). */
    private void assertSettledAtOnce(List<String> eventIds, String... statuses) throws SQLException {
        for (String eventId : eventIds) {
            Rows.WebhookEvent logged = rows.webhookEvent(eventId).orElseThrow(() -> new AssertionError(eventId));
            assertTrue(List.of(statuses).contains(logged.status()) && logged.attempts() == 1,
                    eventId + " settled at its first delivery as " + List.of(statuses) + ": " + logged);
        }
    }

    /**
     * The user posts the app's pricing form, pays on the emulator's page and comes back to the return page, as a
     * browser does; then Stripe's deliveries of it are awaited.
     */
    private Paid checkOutAndPay(String user) throws Exception {
        URI returnPage = stage.pay(stage.startCheckout(user, StripeEvents.PRO_PRICE), PAYING_CARD);
        HttpResponse<String> back = stage.loadReturnPage(returnPage, user);
        assertEquals(303, back.statusCode(), back.body());
        stage.awaitDeliveries();
        Session session = stage.stripe().v1().checkout().sessions().retrieve(WebhookStage.checkoutOf(returnPage));
        return new Paid(session.getCustomer(), session.getId(), session.getSubscription());
    }

    /** The Checkout Session as the emulator renders it, to report again in a late event. */
    private JsonObject rawSession(String sessionId) throws Exception {
        Session session = stage.stripe().v1().checkout().sessions().retrieve(sessionId);
        return JsonParser.parseString(session.getLastResponse().body()).getAsJsonObject();
    }
}
