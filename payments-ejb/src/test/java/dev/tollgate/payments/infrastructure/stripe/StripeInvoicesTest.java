package dev.tollgate.payments.infrastructure.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tollgate.payments.domain.model.Invoice;
import dev.tollgate.payments.domain.model.StripePage;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import dev.tollgate.payments.infrastructure.stripe.StripeOnLoopback.Answer;
import dev.tollgate.payments.infrastructure.stripe.StripeOnLoopback.Received;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A customer's invoices for the console over real HTTP: one bounded call, read in our words. */
class StripeInvoicesTest {

    private StripeOnLoopback stripe;
    private StripeClientGateway gateway;

    @BeforeEach
    void stripe() throws IOException {
        stripe = new StripeOnLoopback();
        gateway = stripe.gateway(new PatientRetries(java.time.Duration.ZERO, java.time.Duration.ZERO));
    }

    @AfterEach
    void close() {
        stripe.close();
    }

    @Test
    void oneCallAsksForTheCustomersNewestInvoicesAndReadsWhatWasAskedAndPaid() {
        stripe.alwaysAnswer("/v1/invoices", Answer.ok(StripeShapes.list("/v1/invoices", true, List.of(
                invoice("in_paid", "A1B2-0002", "paid", 1900, 1900, "https://invoice.stripe.com/i/in_paid"),
                invoice("in_draft", null, "draft", 1900, 0, null)))));

        StripePage<Invoice> page = gateway.invoicesOf("cus_alice", 10);

        Received call = stripe.received().get(0);
        assertEquals(1, stripe.received().size());
        assertEquals("GET", call.method());
        assertEquals("cus_alice", call.param("customer"));
        assertEquals("10", call.param("limit"));
        assertTrue(page.hasMore(), "Stripe holds more: the console links to them");
        assertEquals(new Invoice("in_paid", "A1B2-0002", "paid", "eur", 1900, 1900,
                Instant.ofEpochSecond(1_764_000_000L), Instant.ofEpochSecond(1_761_000_000L),
                Instant.ofEpochSecond(1_763_600_000L), "https://invoice.stripe.com/i/in_paid"), page.items().get(0));
        Invoice draft = page.items().get(1);
        assertNull(draft.number());
        assertNull(draft.hostedUrl());
        assertEquals(0, draft.amountPaid());
    }

    @Test
    void aLastPageSaysThereIsNoMore() {
        stripe.alwaysAnswer("/v1/invoices", Answer.ok(StripeShapes.list("/v1/invoices", false, List.of())));

        assertFalse(gateway.invoicesOf("cus_alice", 10).hasMore());
    }

    @Test
    void aPageBeyondStripesLimitIsNeverAsked() {
        assertThrows(IllegalArgumentException.class, () -> gateway.invoicesOf("cus_alice", 101));
        assertThrows(IllegalArgumentException.class, () -> gateway.invoicesOf("cus_alice", 0));
        assertTrue(stripe.received().isEmpty());
    }

    @Test
    void aStripeThatFailsIsUnavailableNotAnEmptyList() {
        stripe.alwaysAnswer("/v1/invoices", Answer.error(500, "api_error", "internal_error", "Something went wrong."));

        assertThrows(StripeUnavailableException.class, () -> gateway.invoicesOf("cus_alice", 10));
    }

    private static String invoice(String id, String number, String status, long due, long paid, String hostedUrl) {
        JsonObject invoice = new JsonObject();
        invoice.addProperty("id", id);
        invoice.addProperty("object", "invoice");
        invoice.addProperty("number", number);
        invoice.addProperty("status", status);
        invoice.addProperty("currency", "eur");
        invoice.addProperty("amount_due", due);
        invoice.addProperty("amount_paid", paid);
        invoice.addProperty("created", 1_764_000_000L);
        invoice.addProperty("period_start", 1_761_000_000L);
        invoice.addProperty("period_end", 1_763_600_000L);
        invoice.addProperty("customer", "cus_alice");
        invoice.addProperty("hosted_invoice_url", hostedUrl);
        return StripeShapes.pretty(invoice);
    }
}
