package dev.tollgate.payments.infrastructure.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.HasId;
import com.stripe.model.StripeCollection;
import com.stripe.model.entitlements.ActiveEntitlement;
import com.stripe.net.ApiResource;
import com.stripe.net.FormEncoder;
import com.stripe.net.RequestOptions;
import com.stripe.param.ChargeListParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.DisputeListParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import com.stripe.param.entitlements.ActiveEntitlementListParams;
import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.Dispute;
import dev.tollgate.payments.domain.model.Invoice;
import dev.tollgate.payments.domain.model.OneTimePayment;
import dev.tollgate.payments.domain.model.Payment;
import dev.tollgate.payments.domain.model.RefundReason;
import dev.tollgate.payments.domain.model.PriceTag;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.StripePage;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.Trial;
import dev.tollgate.payments.domain.service.PoliteStripeCalls;
import dev.tollgate.payments.domain.service.StripeGateway;
import dev.tollgate.payments.domain.service.StripeObjectMissingException;
import dev.tollgate.payments.domain.service.PermissionRefusals;
import dev.tollgate.payments.domain.service.StripePermissionMissingException;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link StripeGateway} on stripe-java's {@link StripeClient}, pointed at Stripe or at {@code STRIPE_API_BASE}. */
@ApplicationScoped
public class StripeClientGateway implements StripeGateway {

    /** Stripe's most per list call. */
    static final long PAGE_SIZE = 100;
    /** The metadata key naming the app's user on every customer, Checkout Session and subscription we create. */
    static final String USER_METADATA = "tollgate_user";
    /** Stripe's most event types per {@code GET /v1/events}. */
    static final int MAX_EVENT_TYPES = 20;

    @Inject
    PaymentsConfig config;

    @Inject
    PermissionRefusals refusals;

    private final PoliteStretches stretches = new PoliteStretches();
    private final PatientRetries patience;
    private volatile StripeClient client;

    public StripeClientGateway() {
        this(new PatientRetries());
    }

    /** With other retry pauses: for tests that cannot sit out Stripe-sized ones. */
    StripeClientGateway(PatientRetries patience) {
        this.patience = patience;
    }

    @Override
    public String createCustomer(String userId, String idempotencyKey) {
        CustomerCreateParams params = CustomerCreateParams.builder().putMetadata(USER_METADATA, userId).build();
        RequestOptions once = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        return call("creating a customer", () -> client().v1().customers().create(params, once).getId());
    }

    /** A deleted customer is retrieved as Stripe's stub with {@code deleted: true}, not as a 404. */
    @Override
    public boolean isDeleted(String customerId) {
        return call("reading a customer", () -> Boolean.TRUE.equals(client().v1().customers().retrieve(customerId).getDeleted()));
    }

    @Override
    public Optional<Price> price(String priceIdOrLookupKey) {
        return call("reading a price", () -> {
            if (priceIdOrLookupKey.startsWith("price_")) {
                try {
                    return Optional.of(toPrice(client().v1().prices().retrieve(priceIdOrLookupKey)));
                } catch (InvalidRequestException unknown) {
                    return Optional.empty();
                }
            }
            PriceListParams byLookupKey = PriceListParams.builder().addLookupKey(priceIdOrLookupKey)
                    .setActive(true).setLimit(1L).build();
            return client().v1().prices().list(byLookupKey).getData().stream().findFirst().map(this::toPrice);
        });
    }

    @Override
    public List<PriceTag> prices(Collection<String> priceIdsOrLookupKeys) {
        return call("reading the catalog's prices", () -> new StripePrices(client()).named(priceIdsOrLookupKeys));
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        boolean subscription = request.price().recurring();
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(subscription ? SessionCreateParams.Mode.SUBSCRIPTION : SessionCreateParams.Mode.PAYMENT)
                .setCustomer(request.customerId())
                .setClientReferenceId(request.userId())
                .putMetadata(USER_METADATA, request.userId())
                .putMetadata(StripeTranslation.CREDITS_METADATA, Long.toString(request.credits()))
                .putAllMetadata(request.planBoughtOnce() == null ? java.util.Map.of()
                        : java.util.Map.of(StripeTranslation.PLAN_METADATA, request.planBoughtOnce()))
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setPrice(request.price().id()).setQuantity(1L).build())
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl());
        withCheckoutSettings(params);
        // What the session makes names the user too, so that Stripe's Dashboard shows whose it is.
        if (subscription) {
            SessionCreateParams.SubscriptionData.Builder data = SessionCreateParams.SubscriptionData.builder()
                    .putMetadata(USER_METADATA, request.userId());
            if (request.trial() != null) {
                withTrial(params, data, request.trial());
            }
            params.setSubscriptionData(data.build());
        } else {
            params.setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                    .putMetadata(USER_METADATA, request.userId()).build());
        }
        return call("creating a Checkout Session", () -> toCheckoutSession(client().v1().checkout().sessions().create(params.build())));
    }

    /**
     * Promotion codes, Stripe Tax and tax ID collection as configured. With our customer passed, Stripe requires
     * leave to save what Checkout asks for on it: the address automatic tax is computed from, the business name
     * that goes with a tax ID.
     */
    private void withCheckoutSettings(SessionCreateParams.Builder params) {
        if (config.allowPromotionCodes()) {
            params.setAllowPromotionCodes(true);
        }
        SessionCreateParams.CustomerUpdate.Builder update = SessionCreateParams.CustomerUpdate.builder();
        boolean updates = false;
        if (config.automaticTax()) {
            params.setAutomaticTax(SessionCreateParams.AutomaticTax.builder().setEnabled(true).build());
            update.setAddress(SessionCreateParams.CustomerUpdate.Address.AUTO);
            updates = true;
        }
        if (config.taxIdCollection()) {
            params.setTaxIdCollection(SessionCreateParams.TaxIdCollection.builder().setEnabled(true).build());
            update.setName(SessionCreateParams.CustomerUpdate.Name.AUTO);
            updates = true;
        }
        if (updates) {
            params.setCustomerUpdate(update.build());
        }
    }

    /**
     * A trial of the plan's days. Without a card Checkout asks for none ({@code payment_method_collection =
     * if_required}), and a trial that ends with no card added meanwhile cancels the subscription rather than leave
     * an invoice nobody can pay.
     */
    private static void withTrial(SessionCreateParams.Builder params, SessionCreateParams.SubscriptionData.Builder data,
                                  Trial trial) {
        data.setTrialPeriodDays((long) trial.days());
        if (!trial.cardRequired()) {
            params.setPaymentMethodCollection(SessionCreateParams.PaymentMethodCollection.IF_REQUIRED);
            data.setTrialSettings(SessionCreateParams.SubscriptionData.TrialSettings.builder()
                    .setEndBehavior(SessionCreateParams.SubscriptionData.TrialSettings.EndBehavior.builder()
                            .setMissingPaymentMethod(SessionCreateParams.SubscriptionData.TrialSettings.EndBehavior
                                    .MissingPaymentMethod.CANCEL).build()).build());
        }
    }

    @Override
    public CheckoutSession checkoutSession(String sessionId) {
        // What it made, in the same call: the subscription, or the one-time payment (whose time starts a plan's term)
        SessionRetrieveParams withWhatItMade = SessionRetrieveParams.builder().addExpand("subscription")
                .addExpand("payment_intent").build();
        return call("reading a Checkout Session", () -> toCheckoutSession(client().v1().checkout().sessions()
                .retrieve(sessionId, withWhatItMade)));
    }

    @Override
    public String createPortalSession(String customerId, String returnUrl) {
        com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams
                .builder().setCustomer(customerId).setReturnUrl(returnUrl).build();
        return call("creating a customer portal session", () -> client().v1().billingPortal().sessions().create(params).getUrl());
    }

    @Override
    public List<Subscription> subscriptionsOf(String customerId) {
        SubscriptionListParams params = SubscriptionListParams.builder().setCustomer(customerId)
                .setStatus(SubscriptionListParams.Status.ALL).setLimit(100L).build();
        return call("listing a customer's subscriptions", () -> {
            List<Subscription> subscriptions = new ArrayList<>();
            for (com.stripe.model.Subscription subscription
                    : client().v1().subscriptions().list(params).autoPagingIterable()) {
                subscriptions.add(StripeTranslation.subscription(subscription));
            }
            return subscriptions;
        });
    }

    @Override
    public Subscription subscription(String subscriptionId) {
        return call("reading a subscription", () -> StripeTranslation.subscription(client().v1().subscriptions().retrieve(subscriptionId)));
    }

    @Override
    public Set<String> activeFeatureKeys(String customerId) {
        ActiveEntitlementListParams params = ActiveEntitlementListParams.builder().setCustomer(customerId)
                .setLimit(100L).build();
        return call("listing a customer's entitlements", () -> {
            Set<String> keys = new TreeSet<>();
            for (ActiveEntitlement entitlement
                    : client().v1().entitlements().activeEntitlements().list(params).autoPagingIterable()) {
                if (entitlement.getLookupKey() != null) {
                    keys.add(entitlement.getLookupKey());
                }
            }
            return keys;
        });
    }

    @Override
    public Optional<String> customerOfCharge(String chargeId) {
        return call("reading a charge", () -> Optional.ofNullable(client().v1().charges().retrieve(chargeId).getCustomer()));
    }

    @Override
    public Reversal currentReversal(Reversal reported) {
        return call("reading a refund or a dispute", () -> reported.kind() == Reversal.Kind.DISPUTE
                ? StripeTranslation.dispute(client().v1().disputes().retrieve(reported.id()), reported.customerId(),
                        reported.created())
                : StripeTranslation.refundsOf(client().v1().charges().retrieve(reported.chargeId()),
                        reported.created()));
    }

    @Override
    public List<Payment> paymentsOf(String customerId) {
        ChargeListParams params = ChargeListParams.builder().setCustomer(customerId).setLimit(PAGE_SIZE).build();
        return call("listing a customer's payments", () -> client().v1().charges().list(params).getData().stream()
                .map(StripeTranslation::payment).toList());
    }

    @Override
    public StripePage<Invoice> invoicesOf(String customerId, int limit) {
        if (limit < 1 || limit > PAGE_SIZE) {
            throw new IllegalArgumentException("Stripe lists 1 to " + PAGE_SIZE + " invoices per call, not " + limit);
        }
        InvoiceListParams params = InvoiceListParams.builder().setCustomer(customerId).setLimit((long) limit).build();
        return call("listing a customer's invoices", () -> pageOf(client().v1().invoices().list(params),
                StripeTranslation::invoice));
    }

    @Override
    public Payment payment(String chargeId) {
        return call("reading a charge", () -> StripeTranslation.payment(client().v1().charges().retrieve(chargeId)));
    }

    @Override
    public IssuedRefund refund(String chargeId, long amount, RefundReason reason, String idempotencyKey) {
        RefundCreateParams params = RefundCreateParams.builder().setCharge(chargeId).setAmount(amount)
                .setReason(RefundCreateParams.Reason.valueOf(reason.name())).build();
        RequestOptions once = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        return call("creating a refund", () -> {
            com.stripe.model.Refund refund = client().v1().refunds().create(params, once);
            return new IssuedRefund(refund.getId(), refund.getCharge(),
                    refund.getAmount() == null ? 0 : refund.getAmount(), refund.getCurrency(), refund.getStatus());
        });
    }

    /** The charge is expanded, so the customer of each dispute comes in the same call. */
    @Override
    public StripePage<Dispute> disputes(Optional<String> startingAfter) {
        DisputeListParams.Builder params = DisputeListParams.builder().setLimit(PAGE_SIZE).addExpand("data.charge");
        startingAfter.ifPresent(params::setStartingAfter);
        return call("listing disputes", () -> pageOf(client().v1().disputes().list(params.build()), StripeTranslation::dispute));
    }

    /**
     * The raw answer is read, not stripe-java's typed events, whose raw JSON is kept only for a whole response. The
     * query is encoded as stripe-java encodes its typed list calls ({@code types[0]=…&types[1]=…}).
     */
    @Override
    public StripePage<StripeEvent> events(Instant since, Set<String> types, Optional<String> startingAfter) {
        if (types.size() > MAX_EVENT_TYPES) {
            throw new IllegalArgumentException("Stripe lists events of at most " + MAX_EVENT_TYPES
                    + " types at once, not " + types.size());
        }
        EventListParams.Builder params = EventListParams.builder().setLimit(PAGE_SIZE)
                .setCreated(EventListParams.Created.builder().setGte(since.getEpochSecond()).build());
        if (!types.isEmpty()) {
            params.addAllType(types.stream().sorted().toList());
        }
        startingAfter.ifPresent(params::setStartingAfter);
        String url = "/v1/events?" + FormEncoder.createQueryString(params.build().toMap());
        return call("listing events", () -> ListedEvents.page(client().rawRequest(ApiResource.RequestMethod.GET, url, null)));
    }

    /**
     * A listed subscription carries what {@link StripeTranslation#subscription} reads, as a retrieved one does: its
     * items (Stripe's first page of them) with each price as an object and each item's billing period. Nothing needs
     * expanding.
     */
    @Override
    public StripePage<Subscription> allSubscriptions(Optional<String> startingAfter) {
        SubscriptionListParams.Builder params = SubscriptionListParams.builder()
                .setStatus(SubscriptionListParams.Status.ALL).setLimit(PAGE_SIZE);
        startingAfter.ifPresent(params::setStartingAfter);
        return call("listing subscriptions", () -> pageOf(client().v1().subscriptions().list(params.build()),
                StripeTranslation::subscription));
    }

    @Override
    public StripePage<CheckoutSession> completedCheckouts(Optional<Instant> since, Optional<Instant> before,
                                                          Optional<String> startingAfter) {
        // each one-time payment along, whose time starts the term of a plan bought once
        SessionListParams.Builder params = SessionListParams.builder().setStatus(SessionListParams.Status.COMPLETE)
                .setLimit(PAGE_SIZE).addExpand("data.payment_intent");
        created(since, before).ifPresent(params::setCreated);
        startingAfter.ifPresent(params::setStartingAfter);
        return call("listing Checkout Sessions", () -> pageOf(client().v1().checkout().sessions().list(params.build()),
                StripeClientGateway::toCheckoutSession));
    }

    @Override
    public boolean anyCheckoutStillOpen(Optional<Instant> since, Optional<Instant> before) {
        SessionListParams.Builder params = SessionListParams.builder().setLimit(1L)
                .setStatus(SessionListParams.Status.OPEN);
        created(since, before).ifPresent(params::setCreated);
        return call("listing Checkout Sessions", () -> {
            List<com.stripe.model.checkout.Session> listed = client().v1().checkout().sessions().list(params.build())
                    .getData();
            return listed != null && !listed.isEmpty();
        });
    }

    /** Stripe's {@code created} filter of a Checkout listing: whole seconds, from inclusive, before exclusive. */
    private static Optional<SessionListParams.Created> created(Optional<Instant> since, Optional<Instant> before) {
        if (since.isEmpty() && before.isEmpty()) {
            return Optional.empty();
        }
        SessionListParams.Created.Builder created = SessionListParams.Created.builder();
        since.ifPresent(from -> created.setGte(from.getEpochSecond()));
        before.ifPresent(upTo -> created.setLt(upTo.getEpochSecond()));
        return Optional.of(created.build());
    }

    @Override
    public PoliteStripeCalls politely(double requestsPerSecond) {
        return stretches.open(requestsPerSecond);
    }

    /** One listed page in our words; the cursor of the next is the last id, when Stripe says there is more. */
    private static <S extends HasId, T> StripePage<T> pageOf(StripeCollection<S> page, Function<S, T> read) {
        List<S> listed = page.getData() == null ? List.of() : page.getData();
        Optional<String> next = Boolean.TRUE.equals(page.getHasMore()) && !listed.isEmpty()
                ? Optional.of(listed.get(listed.size() - 1).getId()) : Optional.empty();
        return new StripePage<>(listed.stream().map(read).toList(), next);
    }

    private Price toPrice(com.stripe.model.Price price) {
        return new Price(price.getId(), price.getLookupKey(), price.getRecurring() != null);
    }

    private static CheckoutSession toCheckoutSession(com.stripe.model.checkout.Session session) {
        com.stripe.model.Subscription expanded = session.getSubscriptionObject();
        com.stripe.model.PaymentIntent payment = session.getPaymentIntentObject();
        java.util.Map<String, String> metadata = session.getMetadata() == null ? java.util.Map.of()
                : session.getMetadata();
        return new CheckoutSession(session.getId(), session.getUrl(), session.getCustomer(),
                session.getClientReferenceId(), session.getStatus(), session.getPaymentStatus(),
                session.getSubscription(), StripeTranslation.credits(metadata.get(StripeTranslation.CREDITS_METADATA)),
                expanded == null ? null : StripeTranslation.subscription(expanded),
                metadata.get(StripeTranslation.PLAN_METADATA),
                oneTimePayment(payment));
    }

    private static OneTimePayment oneTimePayment(com.stripe.model.PaymentIntent payment) {
        if (payment == null || payment.getCreated() == null) {
            return null;
        }
        String failure = payment.getLastPaymentError() == null ? null : payment.getLastPaymentError().getMessage();
        return new OneTimePayment(Instant.ofEpochSecond(payment.getCreated()), payment.getStatus(), failure);
    }

    private StripeClient client() {
        StripeClient existing = client;
        if (existing == null) {
            // stripe-java waits 30 s to connect and 80 s for an answer, and StripeClient retries nothing, unless
            // told otherwise. Its own retries reuse the idempotency key of the POST they repeat (a random one, or
            // ours, e.g. customer:<user>), so a retried create never makes two objects. In a polite stretch the
            // HTTP client paces, counts and retries instead (PacedHttpClient).
            int timeoutMillis = Math.toIntExact(config.stripeTimeout().toMillis());
            StripeClient.StripeClientBuilder builder = StripeClient.builder()
                    .setApiKey(config.secretKey())
                    .setConnectTimeout(timeoutMillis)
                    .setReadTimeout(timeoutMillis)
                    .setMaxNetworkRetries(config.stripeRetries())
                    .setHttpClient(new PacedHttpClient(stretches, patience));
            config.apiBase().map(URI::toString).map(base -> base.replaceAll("/+$", ""))
                    .ifPresent(builder::setApiBase);
            existing = builder.build();
            client = existing;
        }
        return existing;
    }

    /** {@link #call(PermissionRefusals, String, StripeCall)} with this gateway's list of refusals. */
    private <T> T call(String what, StripeCall<T> call) {
        return call(refusals, what, call);
    }

    /**
     * Runs a Stripe call and translates its failures into the domain's exceptions. A permission the key lacks is
     * reported to {@code refusals} here, the one place every adapter call passes, so the operator hears of it
     * whether a customer's request, a reconcile job or a webhook asked.
     *
     * @param what the call, for the operator: e.g. "listing subscriptions"
     */
    static <T> T call(PermissionRefusals refusals, String what, StripeCall<T> call) {
        try {
            return call.run();
        } catch (ApiConnectionException | RateLimitException | ApiException unavailable) {
            throw new StripeUnavailableException("Stripe is unavailable: " + unavailable.getMessage(), unavailable);
        } catch (PermissionException lacking) {
            String permission = permissionNamedIn(lacking.getMessage());
            refusals.lacking(permission, what);
            throw new StripePermissionMissingException(permission, lacking);
        } catch (InvalidRequestException invalid) {
            if (Integer.valueOf(404).equals(invalid.getStatusCode())) {
                throw new StripeObjectMissingException("Stripe has no such object: " + invalid.getMessage(), invalid);
            }
            throw new StripeRejectedException("Stripe refused the request: " + invalid.getMessage(), invalid);
        } catch (StripeException rejected) {
            throw new StripeRejectedException("Stripe refused the request: " + rejected.getMessage(), rejected);
        }
    }

    /**
     * Stripe's 403 for a restricted key says "Having the 'rak_…' permission would allow this request to continue";
     * only that name is kept (the message also holds the masked key and the account).
     */
    static String permissionNamedIn(String message) {
        Matcher named = PERMISSION_NAMED.matcher(message == null ? "" : message);
        return named.find() ? named.group(1) : "unknown";
    }

    private static final Pattern PERMISSION_NAMED = Pattern.compile("'(rak_[a-z0-9_]+)' permission");

    @FunctionalInterface
    interface StripeCall<T> {
        T run() throws StripeException;
    }
}
