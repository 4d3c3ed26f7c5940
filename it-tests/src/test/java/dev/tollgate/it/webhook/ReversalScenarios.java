package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.param.ChargeListParams;
import com.stripe.param.DisputeListParams;
import dev.tollgate.emulator.delivery.FaultPlan;
import dev.tollgate.it.Shopper;
import dev.tollgate.it.webhook.Rows.Entitlement;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Refunds and disputes through the unchanged WAR, in every delivery order: a reversal takes away the access of the
 * period in which it took the money back (README, "Who has access"), and two reports of one second are settled by
 * asking Stripe. The subscriber is real (the emulator's checkout and deliveries); the reversal and renewal events
 * are Stripe-shaped payloads with chosen timestamps, signed and posted as Stripe posts them, so each order is
 * exactly the one named. The subclasses pick the database.
 */
abstract class ReversalScenarios extends StageScenarios {

    private static final long DAY = 86_400;

    @Test
    void aChargeRefundedPartlyThenInFullAfterARenewalRevokesTheRenewedPeriodInEveryOrder() throws Exception {
        assertRevokedInEveryOrder(
                refund("partial refund in the first period", 10, false),
                renewal("renewal", 100),
                refund("the rest refunded in the renewed period", 200, true));
    }

    @Test
    void aFullRefundInTheRenewedPeriodRevokesItInEveryOrder() throws Exception {
        assertRevokedInEveryOrder(
                renewal("renewal", 100),
                refund("full refund in the renewed period", 200, true));
    }

    @Test
    void aPeriodPaidAgainAfterAFullRefundGrantsAccessInEveryOrder() throws Exception {
        assertAccessInEveryOrder(
                refund("full refund in the first period", 10, true),
                renewal("renewal", 100));
    }

    @Test
    void aDisputeOpenedBeforeARenewalAndLostAfterItRevokesTheRenewedPeriodInEveryOrder() throws Exception {
        assertRevokedInEveryOrder(disputeClosedAfterARenewal("lost"));
    }

    @Test
    void aWonDisputeRevokesNothingInEveryOrder() throws Exception {
        assertAccessInEveryOrder(disputeClosedAfterARenewal("won"));
    }

    @Test
    void aDisputeOpenedAndLostInOneSecondRevokesWhicheverReportArrivesFirst() throws Exception {
        for (boolean closedFirst : new boolean[] {true, false}) {
            // Only the two reports below arrive; the emulator says the dispute is lost.
            Subscriber paid = stage.subscribeToPro(newUser(), "4000 0000 0000 0259", null);
            Dispute dispute = lostWithoutItsDeliveries(paid);
            long second = rows.subscription(paid.subscriptionId()).stripeAsOf() + 60;
            String closed = StripeEvents.event(StripeEvents.newEventId(), "charge.dispute.closed", second,
                    StripeEvents.PINNED_API_VERSION, disputeAs(dispute, "lost"));
            String created = StripeEvents.event(StripeEvents.newEventId(), "charge.dispute.created", second,
                    StripeEvents.PINNED_API_VERSION, disputeAs(dispute, "needs_response"));
            stage.emulator().resetApiRequestCounts();

            assertProcessed(stage.deliver(closedFirst ? closed : created));
            assertProcessed(stage.deliver(closedFirst ? created : closed));

            Entitlement after = rows.requireEntitlement(paid.user());
            assertFalse(after.grantsAccessNow(), (closedFirst ? "closed" : "created") + " first: " + after);
            assertEquals(1L, stage.emulator().apiRequestCounts().getOrDefault("GET /v1/disputes", 0L),
                    "the tie is settled by one retrieve of the dispute: " + stage.emulator().apiRequestCounts());
        }
    }

    @Test
    void aDisputeTieIsSettledWithStripeWhileTheUsersAccountRowStaysFree() throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser(), "4000 0000 0000 0259", null);
        Dispute dispute = lostWithoutItsDeliveries(paid);
        long second = rows.subscription(paid.subscriptionId()).stripeAsOf() + 60;
        assertProcessed(stage.deliver(StripeEvents.event(StripeEvents.newEventId(), "charge.dispute.created", second,
                StripeEvents.PINNED_API_VERSION, disputeAs(dispute, "needs_response"))));
        String closed = StripeEvents.event(StripeEvents.newEventId(), "charge.dispute.closed", second,
                StripeEvents.PINNED_API_VERSION, disputeAs(dispute, "won"));
        HttpResponse<String> response = HeldStripeAnswer.deliverWhileTheAccountRowIsProbed(stage, database(),
                paid.user(), "/v1/disputes/" + dispute.getId(), closed);

        assertProcessed(response);
        Entitlement after = rows.requireEntitlement(paid.user());
        assertFalse(after.grantsAccessNow(), "Stripe's answer (lost), not the report (won), decides: " + after);
    }

    @Test
    void aFullRefundFromTheConsoleRevokesAtOnceAndStripesLateReportAddsNothing() throws Exception {
        String user = newUser();
        stage.addUser(user); // signs in to the gated app
        Subscriber paid = stage.subscribeToPro(user);
        Charge charge = onlyCharge(paid);
        assertEquals("let in", gateDecisionFor(paid.user()), "the subscriber starts with access");
        stage.emulator().withholdDeliveries(paid.customerId());
        AdminApi admin = new AdminApi(stage.webhookUrl().resolve(".."), Duration.ofSeconds(30));

        HttpResponse<String> refunded = admin.post("../refunds/refund", "user=" + paid.user() + "&charge="
                + charge.getId() + "&amount=" + charge.getAmount() + "&reason=requested_by_customer&idempotencyKey="
                + URLEncoder.encode("tollgate-refund-" + UUID.randomUUID(), StandardCharsets.UTF_8));

        assertEquals(303, refunded.statusCode(), refunded.body());
        assertTrue(refunded.headers().firstValue("Location").orElse("").contains("/admin/refunds?user="),
                "back to the refunds page: " + refunded.headers().map());
        Entitlement revoked = rows.requireEntitlement(paid.user());
        assertFalse(revoked.grantsAccessNow(), "revoked before Stripe's report arrived: " + revoked);
        assertEquals("to pricing", gateDecisionFor(paid.user()));

        List<String> late = stage.emulator().releaseDeliveries(paid.customerId(), false);
        stage.awaitDeliveries();
        List<Rows.WebhookEvent> reports = new ArrayList<>();
        for (String event : late) {
            reports.add(rows.webhookEvent(event).orElseThrow());
        }
        assertTrue(reports.stream().anyMatch(event -> event.type().equals("charge.refunded")
                && event.status().equals("processed")), "the late charge.refunded was applied: " + reports);
        assertEquals(revoked, rows.requireEntitlement(paid.user()), "and found nothing left to change");
    }

    private String gateDecisionFor(String user) throws Exception {
        return Shopper.signedIn(user, user, stage.appUrl()).gateDecisionOn(stage.appUrl().resolve("/pro/"));
    }

    // Steps ------------------------------------------------------------------------------------------------------

    /** One report to deliver, built for a subscriber whose first period started at {@code periodStart}. */
    private record Step(String name, Function<Context, String> body) {
    }

    private record Context(Subscriber paid, String charge, String disputeId, long periodStart) {
    }

    private static Step renewal(String name, long secondsAfterStart) {
        return new Step(name, context -> {
            long renewedAt = context.periodStart() + secondsAfterStart;
            return StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), renewedAt, StripeEvents.subscription(
                    context.paid().subscriptionId(), context.paid().customerId(), "active", renewedAt,
                    renewedAt + 30 * DAY));
        });
    }

    private Step refund(String name, long secondsAfterStart, boolean full) {
        return new Step(name, context -> {
            JsonObject charge = raw(context.charge());
            long amount = charge.get("amount").getAsLong();
            charge.addProperty("refunded", full);
            charge.addProperty("amount_refunded", full ? amount : amount / 4);
            return StripeEvents.event(StripeEvents.newEventId(), "charge.refunded",
                    context.periodStart() + secondsAfterStart, StripeEvents.PINNED_API_VERSION, charge);
        });
    }

    /** A dispute opened in the first period and closed with {@code outcome} in the renewed one. */
    private static Step[] disputeClosedAfterARenewal(String outcome) {
        return new Step[] {
                dispute("dispute opened in the first period", 10, "charge.dispute.created", "needs_response"),
                renewal("renewal", 100),
                dispute("dispute " + outcome + " in the renewed period", 200, "charge.dispute.closed", outcome)};
    }

    private static Step dispute(String name, long secondsAfterStart, String type, String status) {
        return new Step(name, context -> StripeEvents.event(StripeEvents.newEventId(), type,
                context.periodStart() + secondsAfterStart, StripeEvents.PINNED_API_VERSION,
                StripeEvents.dispute(context.disputeId(), context.charge(), status)));
    }

    private void assertRevokedInEveryOrder(Step... steps) throws Exception {
        assertInEveryOrder(false, steps);
    }

    private void assertAccessInEveryOrder(Step... steps) throws Exception {
        assertInEveryOrder(true, steps);
    }

    /** For each order of {@code steps}, a new subscriber gets them and then has access or not. */
    private void assertInEveryOrder(boolean access, Step... steps) throws Exception {
        for (List<Step> order : orders(List.of(steps))) {
            Entitlement after = deliverToANewSubscriber(order);
            assertEquals(access, after.grantsAccessNow(), (access ? "access" : "revoked") + " after "
                    + names(order) + ": " + after);
        }
    }

    /** Subscribes a new user, delivers {@code order}, and reads the entitlement the WAR wrote. */
    private Entitlement deliverToANewSubscriber(List<Step> order) throws Exception {
        Subscriber paid = stage.subscribeToPro(newUser());
        assertTrue(rows.requireEntitlement(paid.user()).grantsAccessNow(), "the subscriber starts with access");
        Context context = new Context(paid, onlyCharge(paid).getId(), "dp_it_" + suffix(),
                rows.subscription(paid.subscriptionId()).stripeAsOf());
        for (Step step : order) {
            HttpResponse<String> answer = stage.deliver(step.body().apply(context));
            assertProcessed(answer);
        }
        return rows.requireEntitlement(paid.user());
    }

    private static void assertProcessed(HttpResponse<String> answer) {
        assertEquals(200, answer.statusCode(), answer.body());
    }

    /** Every order of {@code steps}. */
    private static List<List<Step>> orders(List<Step> steps) {
        if (steps.size() <= 1) {
            return List.of(steps);
        }
        List<List<Step>> all = new ArrayList<>();
        for (Step first : steps) {
            List<Step> rest = new ArrayList<>(steps);
            rest.remove(first);
            for (List<Step> tail : orders(rest)) {
                List<Step> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }

    private static String names(List<Step> order) {
        return order.stream().map(Step::name).toList().toString();
    }

    // Stripe's side ----------------------------------------------------------------------------------------------

    private Charge onlyCharge(Subscriber paid) throws Exception {
        List<Charge> charges = stage.stripe().v1().charges()
                .list(ChargeListParams.builder().setCustomer(paid.customerId()).build()).getData();
        assertEquals(1, charges.size(), "one charge so far: " + charges);
        return charges.get(0);
    }

    /**
     * Card 0259 opened a real dispute on the subscriber's charge; it is lost in the emulator (the truth the WAR will
     * ask for) while its own deliveries are dropped, so only the reports a scenario delivers arrive.
     */
    private Dispute lostWithoutItsDeliveries(Subscriber paid) throws Exception {
        Dispute dispute = onlyDispute(paid);
        stage.emulator().webhookFaults(FaultPlan.NONE.dropping(1.0));
        try {
            stage.emulator().resolveDispute(dispute.getId(), false);
        } finally {
            stage.emulator().webhookFaults(FaultPlan.NONE);
        }
        return dispute;
    }

    private Dispute onlyDispute(Subscriber paid) throws Exception {
        List<Dispute> disputes = stage.stripe().v1().disputes()
                .list(DisputeListParams.builder().setCharge(onlyCharge(paid).getId()).build()).getData();
        assertEquals(1, disputes.size(), "card 0259 opens a dispute on its charge");
        return disputes.get(0);
    }

    /** The charge as the emulator renders it, to report in a {@code charge.refunded} event. */
    private JsonObject raw(String chargeId) {
        try {
            Charge charge = stage.stripe().v1().charges().retrieve(chargeId);
            return JsonParser.parseString(charge.getLastResponse().body()).getAsJsonObject();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read charge " + chargeId + " from the emulator", e);
        }
    }

    private static JsonObject disputeAs(Dispute dispute, String status) {
        JsonObject body = JsonParser.parseString(dispute.getLastResponse() == null ? "{}"
                : dispute.getLastResponse().body()).getAsJsonObject();
        JsonObject reported = body.has("id") ? body : StripeEvents.dispute(dispute.getId(), dispute.getCharge(), status);
        reported.addProperty("status", status);
        return reported;
    }

    private static String newUser() {
        return "rev_" + suffix();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
