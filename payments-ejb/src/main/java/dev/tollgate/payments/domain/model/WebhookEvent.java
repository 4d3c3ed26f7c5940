package dev.tollgate.payments.domain.model;

import java.time.Instant;

/**
 * The durable log entry of one Stripe event as it is claimed: what Stripe sent, when and how it came, and the
 * outcome it is claimed with. Inserting it claims the event: the primary key on the event id makes a second claim
 * fail, which is how a duplicate delivery is recognised. Afterwards only the {@link EventOutcome} changes.
 */
public final class WebhookEvent {

    /** Payloads are kept for diagnosis, capped so a huge event cannot bloat the table. */
    public static final int PAYLOAD_CAP = 65_536;

    private final StripeEvent event;
    private final EventSource source;
    private final Instant receivedAt;
    private final EventOutcome outcome;

    public WebhookEvent(StripeEvent event, EventSource source, Instant receivedAt, EventOutcome outcome) {
        this.event = event;
        this.source = source;
        this.receivedAt = receivedAt;
        this.outcome = outcome;
    }

    public String eventId() { return event.id(); }
    public String type() { return event.type(); }
    public boolean livemode() { return event.livemode(); }
    public Instant stripeCreated() { return event.created(); }
    public String objectId() { return event.objectId(); }
    /** How it reached us first. */
    public EventSource source() { return source; }
    public Instant receivedAt() { return receivedAt; }
    public EventOutcome outcome() { return outcome; }

    /** The raw JSON, cut at {@link #PAYLOAD_CAP} characters. */
    public String payload() {
        String payload = event.payload();
        return payload == null || payload.length() <= PAYLOAD_CAP ? payload : payload.substring(0, PAYLOAD_CAP);
    }
}
