package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.stripe.model.Charge;
import com.stripe.model.Invoice;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.ChargeListParams;
import com.stripe.param.InvoiceListParams;
import dev.tollgate.emulator.http.ApiFaults;
import dev.tollgate.it.webhook.Rows.EntitlementChange;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The console's customer page through the unchanged WAR and the emulator (its test clock renews), as an admin
 * reads it over HTTP: every version the entitlement took is in its history, newest first, with what wrote it (the
 * return page's Checkout Session, the webhook's event), a late event or a resync that changes nothing adds no row,
 * and Stripe's invoices and payments of the customer are listed next to ours; when Stripe fails for one list the
 * page still answers, with a sentence for that list. The subclasses pick the database.
 */
abstract class CustomerPageScenarios extends StageScenarios {

    private static final String CARD = PaidCheckouts.PAYING_CARD;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void theReturnPageIsTheCauseWhenItGrantsFirstAndTheLateReportsAddNoHistory() throws Exception {
        String user = newStageUser("back");
        WebhookStage.PaidUnreported paid = stage.payWithReportsHeld(user, StripeEvents.PRO_PRICE, CARD);
        assertEquals(303, stage.loadReturnPage(paid.returnPage(), user).statusCode());
        String checkout = WebhookStage.checkoutOf(paid.returnPage());
        List<EntitlementChange> granted = List.of(new EntitlementChange(1, "active", true, "return", checkout));
        assertEquals(granted, rows.entitlementHistory(user), "the return page granted access before any webhook");

        stage.emulator().releaseDeliveries(paid.customerId(), false);
        stage.awaitDeliveries();
        assertEquals(granted, rows.entitlementHistory(user),
                "the late reports of the same payment change nothing, so they add no history");
        JsonArray shown = admin().getOk("customer?user=" + user).getAsJsonArray("history");
        assertEquals(List.of("return"), strings(shown, "cause"));
        assertEquals(List.of(checkout), strings(shown, "causeRef"));
    }

    @Test
    void everyChangeIsKeptNewestFirstWithItsEventAndStripesSideIsListed() throws Exception {
        String user = newStageUser("page");
        TestClock clock = stage.newTestClock();
        WebhookStage.Subscriber pro = stage.subscribeToPro(user, CARD, clock.getId());
        String customer = pro.customerId();
        stage.advanceTestClock(clock, Duration.ofDays(32));
        stage.stripe().v1().subscriptions().cancel(pro.subscriptionId());
        stage.awaitDeliveries();

        List<EntitlementChange> history = poll(() -> rows.entitlementHistory(user),
                changes -> !changes.isEmpty() && "canceled".equals(changes.get(changes.size() - 1).status()));
        assertEquals(List.of(1L, 2L, 3L), history.stream().map(EntitlementChange::version).toList(),
                "subscribed, renewed, canceled: " + history);
        assertEquals(List.of("webhook", "webhook", "webhook"), history.stream().map(EntitlementChange::cause)
                .toList());
        assertEquals(List.of("active", "active", "canceled"), history.stream().map(EntitlementChange::status)
                .toList());
        assertEquals(List.of(true, true, false), history.stream().map(EntitlementChange::grantsAccess).toList());
        for (EntitlementChange change : history) {
            assertEquals("processed", rows.webhookEvent(change.causeRef()).orElseThrow(
                    () -> new AssertionError("no logged event " + change.causeRef())).status());
        }
        assertEquals("customer.subscription.deleted", rows.webhookEvent(history.get(2).causeRef()).orElseThrow()
                .type());

        AdminApi admin = admin();
        HttpResponse<String> resync = admin.post("../customer/resync", "user=" + user);
        assertEquals(3, resync.statusCode() / 100, resync.statusCode() + " " + resync.body());
        assertEquals(history, rows.entitlementHistory(user), "a resync that changes nothing writes no history");

        JsonObject page = admin.getOk("customer?user=" + user);
        JsonArray shown = page.getAsJsonArray("history");
        assertEquals(List.of(3L, 2L, 1L), longs(shown, "version"), "newest first");
        assertEquals(List.of(history.get(2).causeRef(), history.get(1).causeRef(), history.get(0).causeRef()),
                strings(shown, "causeRef"));

        JsonObject stripe = page.getAsJsonObject("stripe");
        List<Invoice> invoices = stage.stripe().v1().invoices().list(InvoiceListParams.builder()
                .setCustomer(customer).build()).getData();
        assertTrue(invoices.size() >= 2, "the first period's invoice and the renewal's: " + invoices.size());
        JsonObject invoicesShown = stripe.getAsJsonObject("invoices");
        assertTrue(invoicesShown.get("failure") == null || invoicesShown.get("failure").isJsonNull());
        assertEquals(invoices.stream().map(Invoice::getId).toList(), strings(invoicesShown.getAsJsonArray("rows"),
                "id"), "Stripe's invoices of the customer, in Stripe's order");
        JsonObject newestInvoice = invoicesShown.getAsJsonArray("rows").get(0).getAsJsonObject();
        assertEquals(invoices.get(0).getStatus(), newestInvoice.get("status").getAsString());
        assertEquals(invoices.get(0).getAmountDue().longValue(), newestInvoice.get("amountDue").getAsLong());
        assertTrue(invoices.get(0).getAmountDue() > 0, "the pro plan costs something");
        List<Charge> charges = stage.stripe().v1().charges().list(ChargeListParams.builder().setCustomer(customer)
                .build()).getData();
        assertTrue(charges.size() >= 2, "the first payment and the renewal's: " + charges.size());
        JsonArray paymentsShown = stripe.getAsJsonObject("payments").getAsJsonArray("rows");
        assertEquals(charges.stream().map(Charge::getId).toList(), strings(paymentsShown, "chargeId"));
        assertEquals(charges.get(0).getAmount().longValue(),
                paymentsShown.get(0).getAsJsonObject().get("amount").getAsLong());

        String html = adminPage(user);
        assertTrue(html.contains("id=\"entitlement-history\""), html);
        assertTrue(html.contains(history.get(2).causeRef()), "the causes are on the page");
        assertTrue(html.contains("id=\"stripe-invoices\"") && html.contains("id=\"stripe-payments\""), html);
        assertTrue(html.contains(charges.get(0).getId()), "the charge is listed");
        String invoiceName = invoices.get(0).getNumber() == null ? invoices.get(0).getId()
                : invoices.get(0).getNumber();
        assertTrue(html.contains(invoiceName), "the invoice is listed by its number: " + invoiceName);
    }

    @Test
    void aStripeThatFailsForTheInvoicesLeavesTheRestOfThePageStanding() throws Exception {
        String user = newStageUser("failing");
        WebhookStage.Subscriber subscriber = stage.subscribeToPro(user);
        assertNotNull(subscriber.customerId());
        // more 500s than the WAR's retries can ride out, for every invoice listing and nothing else
        stage.emulator().apiFaults(ApiFaults.parse("api_errors=1,api_path=/v1/invoices"));
        JsonObject page;
        String html;
        try {
            page = admin().getOk("customer?user=" + user);
            html = adminPage(user);
        } finally {
            stage.emulator().apiFaults(ApiFaults.Settings.NONE);
        }
        JsonObject stripe = page.getAsJsonObject("stripe");
        assertTrue(stripe.getAsJsonObject("invoices").get("failure").getAsString().contains("Stripe did not answer"),
                stripe.toString());
        assertEquals(0, stripe.getAsJsonObject("invoices").getAsJsonArray("rows").size());
        assertFalse(stripe.getAsJsonObject("payments").getAsJsonArray("rows").isEmpty(),
                "the payments still come: " + stripe);
        assertEquals(1, stripe.getAsJsonArray("subscriptions").size(), stripe.toString());
        assertTrue(html.contains("id=\"invoices-failure\""), html);
        assertFalse(html.contains("Exception") || html.contains("at dev.tollgate"), "no stack trace on the page");
    }

    private AdminApi admin() {
        return new AdminApi(stage.webhookUrl().resolve(".."), PATIENCE);
    }

    /** The customer's HTML page, as the admin's browser loads it. */
    private String adminPage(String user) throws Exception {
        URI page = stage.webhookUrl().resolve("../admin/customer?user=" + user);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(page).timeout(PATIENCE)
                .header("Authorization", WebhookStage.basicAuthorization(AdminApi.ADMIN)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private static List<Long> longs(JsonArray rows, String field) {
        return StreamSupport.stream(rows.spliterator(), false)
                .map(row -> row.getAsJsonObject().get(field).getAsLong()).toList();
    }

    private static List<String> strings(JsonArray rows, String field) {
        List<String> values = new ArrayList<>();
        for (JsonElement row : rows) {
            JsonElement value = row.getAsJsonObject().get(field);
            values.add(value == null || value.isJsonNull() ? null : value.getAsString());
        }
        return values;
    }

    /** What {@code read} answers once {@code done} holds, or the last answer when the deadline passed. */
    private static <T> T poll(Callable<T> read, java.util.function.Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        T answer = read.call();
        while (!done.test(answer) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            answer = read.call();
        }
        return answer;
    }
}
