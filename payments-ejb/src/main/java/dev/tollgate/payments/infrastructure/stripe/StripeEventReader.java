package dev.tollgate.payments.infrastructure.stripe;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.stripe.Stripe;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import dev.tollgate.payments.domain.service.RejectedWebhookException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a verified Stripe event into a {@link StripeEvent}. Identifiers and small facts are read from the raw JSON,
 * which works whatever API version rendered the event; the subscription state only from events rendered at the API
 * release stripe-java pins (of another release it may lack or rename fields, so the handler then asks Stripe
 * instead of guessing). The body is read once, as a stream that keeps only those fields: building the whole tree
 * of a 5 KB event, or stripe-java's typed model of a subscription, cost more than anything else in reading it.
 */
final class StripeEventReader {

    /**
     * The widths of webhook_event's event_id / object_id and type columns: a longer value is no Stripe id (theirs
     * are a few dozen characters) and is refused, never cut to fit — a cut id would claim another event's row.
     */
    static final int MAX_ID_LENGTH = 255;
    static final int MAX_TYPE_LENGTH = 100;

    private StripeEventReader() {
    }

    private static void refuseLongerThan(int max, String what, String value) {
        if (value != null && value.length() > max) {
            throw new RejectedWebhookException(what + " is longer than " + max + " characters");
        }
    }

    /** The fields of the event's {@code data.object} that Tollgate reads. */
    private static final class DataObject {
        String object;
        String id;
        String customer;
        String clientReferenceId;
        String subscription;
        String url;
        String status;
        String paymentStatus;
        String charge;
        String credits;
        String plan;
        String parentType;
        String parentSubscription;
        boolean refunded;
        long amountRefunded;
        long amount;
        long created;
        boolean cancelAtPeriodEnd;
        final SubscriptionItems items = new SubscriptionItems();
    }

    /**
     * What a subscription's items say, as {@link StripeTranslation#subscription} reads it from stripe-java's
     * model: each price's id and lookup key, and the billing period as the span of the items' periods.
     */
    private static final class SubscriptionItems {
        final List<String> prices = new ArrayList<>();
        Long periodStart;
        Long periodEnd;

        void add(SubscriptionItem item) {
            Stream.of(item.priceId, item.lookupKey).filter(Objects::nonNull).forEach(prices::add);
            if (item.periodStart != null && (periodStart == null || item.periodStart < periodStart)) {
                periodStart = item.periodStart;
            }
            if (item.periodEnd != null && (periodEnd == null || item.periodEnd > periodEnd)) {
                periodEnd = item.periodEnd;
            }
        }
    }

    /** The fields of one subscription item that Tollgate reads; null where the item has none. */
    private static final class SubscriptionItem {
        String priceId;
        String lookupKey;
        Long periodStart;
        Long periodEnd;
    }

    /** Reads a v1 snapshot event; anything else (garbage, a v2 thin event, no data.object) is rejected. */
    static StripeEvent read(String payload) {
        String id = null;
        String type = null;
        String eventObject = null;
        String apiVersion = null;
        long created = 0;
        boolean livemode = false;
        DataObject object = null;
        try (JsonReader json = new StrictJsonReader(payload)) {
            if (json.peek() != JsonToken.BEGIN_OBJECT) {
                throw new RejectedWebhookException("malformed webhook body");
            }
            json.beginObject();
            while (json.hasNext()) {
                switch (json.nextName()) {
                    case "id" -> id = string(json);
                    case "type" -> type = string(json);
                    case "object" -> eventObject = scalar(json);
                    case "api_version" -> apiVersion = scalar(json);
                    case "created" -> created = number(json);
                    case "livemode" -> livemode = bool(json);
                    case "data" -> object = dataObject(json);
                    default -> json.skipValue();
                }
            }
            json.endObject();
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw new RejectedWebhookException("malformed webhook body");
            }
        } catch (IOException | IllegalStateException | NumberFormatException garbage) {
            throw new RejectedWebhookException("malformed webhook body");
        }
        if (!"event".equals(eventObject) || id == null || type == null || created <= 0) {
            throw new RejectedWebhookException("not a Stripe v1 event");
        }
        if (object == null) {
            throw new RejectedWebhookException("event has no data.object");
        }
        refuseLongerThan(MAX_ID_LENGTH, "event id", id);
        refuseLongerThan(MAX_TYPE_LENGTH, "event type", type);
        refuseLongerThan(MAX_ID_LENGTH, "data.object.id", object.id);
        String objectType = object.object == null ? "" : object.object;
        Optional<String> customer = Optional.ofNullable("customer".equals(objectType) ? object.id : object.customer);
        return new StripeEvent(id, type, livemode, Instant.ofEpochSecond(created), object.id, objectType, customer,
                Optional.ofNullable(object.clientReferenceId), subscriptionIdOf(objectType, object),
                subscriptionState(object, apiVersion, objectType), reversalOf(objectType, object, customer, created),
                checkoutSessionOf(objectType, object, customer), payload);
    }

    /** {@code data}: only its {@code object} is read. */
    private static DataObject dataObject(JsonReader json) throws IOException {
        if (json.peek() != JsonToken.BEGIN_OBJECT) {
            json.skipValue();
            return null;
        }
        DataObject found = null;
        json.beginObject();
        while (json.hasNext()) {
            if ("object".equals(json.nextName()) && json.peek() == JsonToken.BEGIN_OBJECT) {
                found = objectFields(json);
            } else {
                json.skipValue();
            }
        }
        json.endObject();
        return found;
    }

    private static DataObject objectFields(JsonReader json) throws IOException {
        DataObject object = new DataObject();
        json.beginObject();
        while (json.hasNext()) {
            switch (json.nextName()) {
                case "object" -> object.object = scalar(json);
                case "id" -> object.id = scalar(json);
                case "customer" -> object.customer = idOf(json);
                case "client_reference_id" -> object.clientReferenceId = scalar(json);
                case "subscription" -> object.subscription = idOf(json);
                case "url" -> object.url = scalar(json);
                case "status" -> object.status = scalar(json);
                case "payment_status" -> object.paymentStatus = scalar(json);
                case "charge" -> object.charge = idOf(json);
                case "refunded" -> object.refunded = bool(json);
                case "amount_refunded" -> object.amountRefunded = number(json);
                case "amount" -> object.amount = number(json);
                case "metadata" -> metadata(json, object);
                case "parent" -> parent(json, object);
                case "created" -> object.created = number(json);
                case "cancel_at_period_end" -> object.cancelAtPeriodEnd = bool(json);
                case "items" -> items(json, object.items);
                default -> json.skipValue();
            }
        }
        json.endObject();
        return object;
    }

    /** The keys we set on a Checkout Session: the credits or the plan it sells once. */
    private static void metadata(JsonReader json, DataObject object) throws IOException {
        eachField(json, name -> {
            switch (name) {
                case StripeTranslation.CREDITS_METADATA -> object.credits = scalar(json);
                case StripeTranslation.PLAN_METADATA -> object.plan = scalar(json);
                default -> json.skipValue();
            }
        });
    }

    /** Since API 2025-03-31.basil an invoice names its subscription under parent.subscription_details. */
    private static void parent(JsonReader json, DataObject object) throws IOException {
        eachField(json, name -> {
            switch (name) {
                case "type" -> object.parentType = scalar(json);
                case "subscription_details" -> object.parentSubscription = field(json, "subscription");
                default -> json.skipValue();
            }
        });
    }

    /** A subscription's {@code items}: a list object whose {@code data} holds the items. */
    private static void items(JsonReader json, SubscriptionItems items) throws IOException {
        eachField(json, name -> {
            if ("data".equals(name) && json.peek() == JsonToken.BEGIN_ARRAY) {
                json.beginArray();
                while (json.hasNext()) {
                    items.add(item(json));
                }
                json.endArray();
            } else {
                json.skipValue();
            }
        });
    }

    private static SubscriptionItem item(JsonReader json) throws IOException {
        SubscriptionItem item = new SubscriptionItem();
        eachField(json, name -> {
            switch (name) {
                case "price" -> price(json, item);
                case "current_period_start" -> item.periodStart = numberOrNull(json);
                case "current_period_end" -> item.periodEnd = numberOrNull(json);
                default -> json.skipValue();
            }
        });
        return item;
    }

    /** An item's price: its id and lookup key when expanded (as Stripe sends it), else just the id. */
    private static void price(JsonReader json, SubscriptionItem item) throws IOException {
        if (json.peek() != JsonToken.BEGIN_OBJECT) {
            item.priceId = scalar(json);
            return;
        }
        eachField(json, name -> {
            switch (name) {
                case "id" -> item.priceId = scalar(json);
                case "lookup_key" -> item.lookupKey = scalar(json);
                default -> json.skipValue();
            }
        });
    }

    /** Reads an object field by field; a value that is not an object is skipped. */
    private static void eachField(JsonReader json, FieldReader field) throws IOException {
        if (json.peek() != JsonToken.BEGIN_OBJECT) {
            json.skipValue();
            return;
        }
        json.beginObject();
        while (json.hasNext()) {
            field.read(json.nextName());
        }
        json.endObject();
    }

    /** Reads the value of the field just named, or skips it. */
    @FunctionalInterface
    private interface FieldReader {
        void read(String name) throws IOException;
    }

    /** One field of a nested object (an id, when that field is an expanded object); null when absent. */
    private static String field(JsonReader json, String name) throws IOException {
        if (json.peek() != JsonToken.BEGIN_OBJECT) {
            json.skipValue();
            return null;
        }
        String value = null;
        json.beginObject();
        while (json.hasNext()) {
            if (name.equals(json.nextName())) {
                value = idOf(json);
            } else {
                json.skipValue();
            }
        }
        json.endObject();
        return value;
    }

    /** An id field may hold the id, or the whole object when expanded. */
    private static String idOf(JsonReader json) throws IOException {
        return json.peek() == JsonToken.BEGIN_OBJECT ? field(json, "id") : scalar(json);
    }

    /** A string, number or boolean as text; null for null, an object or an array. */
    /**
     * A JSON string; null for anything else. Stripe's event id and type are always strings, and a number in
     * their place ({@code "id": 42}) must not pass as the id {@code "42"}.
     */
    private static String string(JsonReader json) throws IOException {
        if (json.peek() == JsonToken.STRING) {
            return json.nextString();
        }
        json.skipValue();
        return null;
    }

    private static String scalar(JsonReader json) throws IOException {
        return switch (json.peek()) {
            case STRING, NUMBER -> json.nextString();
            case BOOLEAN -> Boolean.toString(json.nextBoolean());
            default -> {
                json.skipValue();
                yield null;
            }
        };
    }

    /** A whole number; 0 when the value is not a number. */
    private static long number(JsonReader json) throws IOException {
        if (json.peek() != JsonToken.NUMBER) {
            json.skipValue();
            return 0;
        }
        String text = json.nextString();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notAWholeNumber) {
            return new BigDecimal(text).longValue();
        }
    }

    /** A whole number; null when the value is not a number. */
    private static Long numberOrNull(JsonReader json) throws IOException {
        return json.peek() == JsonToken.NUMBER ? number(json) : skippedAsNull(json);
    }

    private static Long skippedAsNull(JsonReader json) throws IOException {
        json.skipValue();
        return null;
    }

    private static boolean bool(JsonReader json) throws IOException {
        return switch (json.peek()) {
            case BOOLEAN -> json.nextBoolean();
            case STRING -> Boolean.parseBoolean(json.nextString());
            default -> {
                json.skipValue();
                yield false;
            }
        };
    }

    private static Optional<CheckoutSession> checkoutSessionOf(String objectType, DataObject object,
                                                              Optional<String> customer) {
        if (!"checkout.session".equals(objectType)) {
            return Optional.empty();
        }
        return Optional.of(new CheckoutSession(object.id, object.url, customer.orElse(null), object.clientReferenceId,
                object.status == null ? "" : object.status, object.paymentStatus == null ? "" : object.paymentStatus,
                object.subscription, StripeTranslation.credits(object.credits), null, object.plan, null));
    }

    /** The money taken back, for a charge (its refunds so far) or a dispute. */
    private static Optional<Reversal> reversalOf(String objectType, DataObject object, Optional<String> customer,
                                                 long eventCreated) {
        if (object.id == null) {
            return Optional.empty();
        }
        Instant created = Instant.ofEpochSecond(eventCreated);
        if ("charge".equals(objectType)) {
            boolean full = object.refunded;
            return Optional.of(new Reversal("refund:" + object.id, Reversal.Kind.REFUND, customer.orElse(null),
                    object.id, object.amountRefunded, full, full ? "refunded" : "partially_refunded", created));
        }
        if ("dispute".equals(objectType)) {
            return Optional.of(new Reversal(object.id, Reversal.Kind.DISPUTE, null,
                    object.charge == null ? "" : object.charge, object.amount, true,
                    object.status == null ? "unknown" : object.status, created));
        }
        return Optional.empty();
    }

    private static Optional<String> subscriptionIdOf(String objectType, DataObject object) {
        return switch (objectType) {
            case "subscription" -> Optional.ofNullable(object.id);
            case "checkout.session" -> Optional.ofNullable(object.subscription);
            case "invoice" -> "subscription_details".equals(object.parentType)
                    ? Optional.ofNullable(object.parentSubscription) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * The subscription state, but only when the event was rendered at the API release stripe-java pins (as its
     * EventDataObjectDeserializer decides): a payload of another release may lack or rename fields, so for it this
     * is empty and the handler asks Stripe instead of guessing. Read in the same pass as everything else; the
     * fields and their meaning are those of {@link StripeTranslation#subscription} (a test holds the two to one
     * answer for Stripe's own example subscription).
     */
    private static Optional<Subscription> subscriptionState(DataObject object, String apiVersion, String objectType) {
        if (!"subscription".equals(objectType) || apiVersion == null || !sameRelease(apiVersion) || object.id == null) {
            return Optional.empty();
        }
        SubscriptionItems items = object.items;
        return Optional.of(new Subscription(object.id, object.customer, SubscriptionStatus.fromStripe(object.status),
                items.prices, items.periodStart == null ? null : Instant.ofEpochSecond(items.periodStart),
                items.periodEnd == null ? null : Instant.ofEpochSecond(items.periodEnd), object.cancelAtPeriodEnd,
                Instant.ofEpochSecond(object.created)));
    }

    /** "2026-07-29.dahlia" and "2026-08-15.dahlia" are one release; "2025-03-31.basil" is another. */
    private static boolean sameRelease(String apiVersion) {
        return !apiVersion.isEmpty() && releaseOf(apiVersion).equals(releaseOf(Stripe.API_VERSION));
    }

    private static String releaseOf(String apiVersion) {
        return apiVersion.substring(apiVersion.lastIndexOf('.') + 1);
    }
}
