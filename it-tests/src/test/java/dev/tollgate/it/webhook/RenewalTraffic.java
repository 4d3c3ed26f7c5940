package dev.tollgate.it.webhook;

import com.google.gson.JsonObject;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's realistic mix: what Stripe sends when a subscription renews, in Stripe's order, for one
 * subscriber at a time — {@code customer.subscription.updated} with the new period, {@code invoice.created},
 * {@code invoice.finalized}, {@code invoice.paid}, {@code invoice.payment_succeeded},
 * {@code payment_intent.succeeded}, {@code charge.succeeded} — with every tenth event delivered a second time
 * (Stripe's at-least-once) and one renewal in five arriving shuffled (Stripe does not promise an order; an invoice
 * that beats its subscription's update makes Tollgate ask Stripe). One state write per renewal; the invoice events are signals; the rest are ignored.
 * Bodies are rendered from templates so the client spends its share of the two cores on HTTP, not on JSON.
 */
final class RenewalTraffic {

    /** An event ready to send. */
    record Delivery(String eventId, String body) {
    }

    private static final String CREATED = "\"created\":1234567890";
    private static final long DAY = 86_400;

    private final Subscriber subscriber;
    private final String subscriptionTemplate;
    private final String invoiceTemplate;
    private final String ignoredTemplate;
    private final AtomicLong sequence;
    private long renewals;
    private final long firstPeriodStart;
    private final Random shuffles;

    /**
     * @param periodStart epoch seconds after the subscriber's last applied state; each renewal is a second later
     */
    RenewalTraffic(Subscriber subscriber, long periodStart, AtomicLong sequence) {
        this.subscriber = subscriber;
        this.sequence = sequence;
        this.firstPeriodStart = periodStart;
        this.shuffles = new Random(subscriber.user().hashCode());
        JsonObject subscription = StripeEvents.subscription(subscriber.subscriptionId(), subscriber.customerId(),
                "active", 1_111_111_111L, 1_222_222_222L);
        this.subscriptionTemplate = StripeEvents.subscriptionUpdated("@ID@", 1_234_567_890L, subscription);
        this.invoiceTemplate = StripeEvents.event("@ID@", "@TYPE@", 1_234_567_890L, StripeEvents.PINNED_API_VERSION,
                StripeEvents.invoice("in_it_" + subscriber.user(), subscriber.customerId(),
                        subscriber.subscriptionId()));
        this.ignoredTemplate = StripeEvents.event("@ID@", "@TYPE@", 1_234_567_890L, StripeEvents.PINNED_API_VERSION,
                StripeEvents.charge("ch_it_" + subscriber.user(), subscriber.customerId()));
    }

    /** The next renewal's deliveries, duplicates included. */
    List<Delivery> nextRenewal() {
        long created = firstPeriodStart + renewals;
        long periodStart = firstPeriodStart + renewals * 30 * DAY;
        renewals++;
        List<Delivery> deliveries = new ArrayList<>(9);
        add(deliveries, subscriptionTemplate.replace("1111111111", Long.toString(periodStart))
                .replace("1222222222", Long.toString(periodStart + 30 * DAY)), created);
        for (String type : new String[] {"invoice.created", "invoice.finalized", "invoice.paid",
                "invoice.payment_succeeded"}) {
            add(deliveries, invoiceTemplate.replace("@TYPE@", type), created);
        }
        add(deliveries, ignoredTemplate.replace("@TYPE@", "payment_intent.succeeded"), created);
        add(deliveries, ignoredTemplate.replace("@TYPE@", "charge.succeeded"), created);
        if (shuffles.nextInt(5) == 0) {
            Collections.shuffle(deliveries, shuffles);
        }
        return deliveries;
    }

    private void add(List<Delivery> deliveries, String template, long created) {
        long n = sequence.incrementAndGet();
        String id = "evt_bench_" + subscriber.user() + "_" + n;
        String body = template.replace("@ID@", id).replace(CREATED, "\"created\":" + created);
        Delivery delivery = new Delivery(id, body);
        deliveries.add(delivery);
        if (n % 10 == 0) {
            deliveries.add(delivery); // Stripe delivers at least once: a redelivery of the same event
        }
    }
}
