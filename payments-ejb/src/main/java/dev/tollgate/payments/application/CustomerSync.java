package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.SyncSettings;
import dev.tollgate.payments.domain.model.AccessPolicy;
import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CustomerState;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.Grant;
import dev.tollgate.payments.domain.model.ListedOrder;
import dev.tollgate.payments.domain.model.PlanPurchase;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.ReversalRecord;
import dev.tollgate.payments.domain.model.PaymentsSeen;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionRecord;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import dev.tollgate.payments.domain.model.StripeStateRecord.Freshness;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.CustomerStateRepository;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import dev.tollgate.payments.domain.service.ReversalRepository;
import dev.tollgate.payments.domain.service.StripeGateway;
import dev.tollgate.payments.domain.service.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place that writes entitlement state, whatever triggered it (webhook, return page, reconcile, admin, the
 * gate's re-check). Stripe state enters through our subscription records, each taken only when newer than what
 * the record reflects; the entitlement is then recomputed from the records with the access policy. Joins the
 * caller's transaction, and first locks the user's account row, so two writers for one user queue up.
 */
@ApplicationScoped
public class CustomerSync {

    private static final Logger LOG = Logger.getLogger(CustomerSync.class.getName());

    @Inject
    StripeGateway stripe;

    @Inject
    AccountRepository accounts;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    EntitlementRepository entitlements;

    @Inject
    ReversalRepository reversals;

    @Inject
    CustomerStateRepository customerStates;

    @Inject
    PlanAllowances allowances;

    @Inject
    AccessPolicy policy;

    @Inject
    SyncSettings settings;

    @Inject
    Clock clock;

    /** Re-reads every subscription of the customer (and, when enabled, its Stripe features), then recomputes. */
    public Optional<EntitlementChanged> sync(Account account) {
        if (!account.hasCustomer()) {
            accounts.lock(account);
            return recompute(account);
        }
        // Ask Stripe before locking, so no row lock is held across the network. The answer is at least as fresh as
        // fetchedAt; a newer event applied meanwhile stays, because recordFetched only overwrites older records.
        Instant fetchedAt = clock.instant();
        List<Subscription> current = stripe.subscriptionsOf(account.stripeCustomerId());
        return syncFrom(account, current, featuresIfRead(account), fetchedAt);
    }

    /**
     * Grants the allowance windows that started since the user's allowances were last settled: the recorded
     * subscriptions against the clock, without asking Stripe (nothing in Stripe changes when a window starts inside
     * a billing period).
     */
    public Optional<EntitlementChanged> settleAllowanceWindows(Account account) {
        accounts.lock(account);
        return recompute(account);
    }

    /**
     * Stripe said at {@code fetchedAt} (or later) what one subscription of the customer is — the one a Checkout
     * Session created, sent along with it: {@link #syncFrom} with that one, the customer's other subscriptions left
     * as recorded. Stripe's features are listed first when they are read, as by {@link #sync}.
     */
    public Optional<EntitlementChanged> applyFetched(Account account, Subscription state, Instant fetchedAt) {
        return syncFrom(account, List.of(state), featuresIfRead(account), fetchedAt);
    }

    /** The customer's Stripe Entitlements features when they are merged (one Stripe call), else empty. */
    private Optional<ListedFeatures> featuresIfRead(Account account) {
        return settings.readsStripeEntitlements() ? Optional.of(askStripeForFeatures(account)) : Optional.empty();
    }

    /**
     * {@link #sync} with the customer's subscriptions as Stripe listed them at {@code fetchedAt} (a drift scan lists
     * every customer's at once): each taken unless our record is newer, then the entitlement recomputed.
     *
     * @param features the features Stripe Entitlements lists for the customer, when they were asked for
     */
    public Optional<EntitlementChanged> syncFrom(Account account, List<Subscription> listed,
                                                 Optional<ListedFeatures> features, Instant fetchedAt) {
        accounts.lock(account);
        listed.forEach(state -> recordFetched(state, fetchedAt));
        CustomerState stored = customerStates.of(account);
        Entitlement entitlement = entitlementIn(stored, account, fetchedAt);
        features.ifPresent(listing -> remember(entitlement, listing));
        return recompute(account, stored.subscriptions(), stored.reversals(), entitlement);
    }

    /**
     * What {@link #syncFrom} would make the user's entitlement say, without writing anything: Stripe's listing
     * where it is at least as new as our record, our record where an event brought a newer state since.
     */
    public Grant decideFrom(Account account, List<Subscription> listed, Instant fetchedAt, Entitlement entitlement) {
        return decideFrom(account, listed, fetchedAt, entitlement, customerRecords(account), reversalsOf(account));
    }

    /**
     * {@link #decideFrom(Account, List, Instant, Entitlement)} from the customer's subscription records and its
     * refunds and disputes as read already: a drift scan reads them for a page of customers at once.
     */
    public Grant decideFrom(Account account, List<Subscription> listed, Instant fetchedAt, Entitlement entitlement,
                            List<SubscriptionRecord> records, List<ReversalRecord> takenBack) {
        java.util.Map<String, Subscription> known = new java.util.LinkedHashMap<>();
        listed.forEach(state -> known.put(state.id(), state));
        for (SubscriptionRecord record : records) {
            boolean newerThanListing = record.freshnessOf(fetchedAt) == Freshness.OLDER;
            if (newerThanListing || !known.containsKey(record.subscriptionId())) {
                known.put(record.subscriptionId(), record.toSubscription());
            }
        }
        List<Subscription> ofCustomer = known.values().stream()
                .filter(state -> account.stripeCustomerId().equals(state.customerId())).toList();
        return grantFor(ofCustomer, takenBack, PaymentsSeen.of(records), entitlement, clock.instant());
    }

    /**
     * Stripe says the customer's active entitlements changed: list them (never trust the capped summary), before
     * the caller locks the account, so that the user's spends and other writers never wait for Stripe;
     * {@link #applyStripeFeatures} takes the listing under the lock unless a later-asked one is stored.
     */
    public ListedFeatures askStripeForFeatures(Account account) {
        Instant askedAt = clock.instant();
        return new ListedFeatures(stripe.activeFeatureKeys(account.stripeCustomerId()), askedAt);
    }

    /**
     * Takes the features {@link #askStripeForFeatures} listed, unless a listing asked later is stored already (two
     * summaries for one customer, their listings finished in the other order), then recomputes.
     */
    public Optional<EntitlementChanged> applyStripeFeatures(Account account, ListedFeatures listed) {
        accounts.lock(account);
        CustomerState stored = customerStates.of(account);
        Entitlement entitlement = entitlementIn(stored, account, clock.instant());
        remember(entitlement, listed);
        return recompute(account, stored.subscriptions(), stored.reversals(), entitlement);
    }

    /**
     * Runs {@code work}, a transaction that applies an event, with nothing asked of Stripe; when it met a tie that
     * only Stripe can settle ({@link TieNeedsStripeException}: it rolled back, so no lock is held now), Stripe is
     * asked and {@code work} runs again with the answer, which {@link #applyEventState} takes under the lock. Ties
     * are rare (two states of one subscription in one second), so the usual event reads its record only once,
     * under the lock, and the second run never throws this again: with an answer in hand, a tie that a concurrent
     * writer changed meanwhile is asked under the lock.
     */
    public <T> T settlingTiesOutsideTheLock(Function<Optional<StripeAnswer<Subscription>>, T> work) {
        try {
            return work.apply(Optional.empty());
        } catch (RuntimeException failure) {
            Optional<TieNeedsStripeException> tie = Causes.find(failure, TieNeedsStripeException.class);
            if (tie.isEmpty()) {
                throw failure;
            }
            return work.apply(Optional.of(askStripe(tie.get().record(), tie.get().asOf())));
        }
    }

    /**
     * An event carried the subscription's state as of {@code asOf}: take it if newer; on a tie take Stripe's
     * answer, asked with no lock held ({@link #settlingTiesOutsideTheLock}).
     *
     * @throws TieNeedsStripeException on a tie that only Stripe can settle, when nothing was asked yet
     */
    public Optional<EntitlementChanged> applyEventState(Account account, Subscription state, Instant asOf,
                                                        Optional<StripeAnswer<Subscription>> askedBeforeLock) {
        accounts.lock(account);
        // What the recompute reads, read at once before the change (one statement): the customer's records, the
        // one to update among them, its refunds and disputes, the entitlement. The account lock is the one every
        // writer of them holds, so they need no row locks of their own and stay as read.
        CustomerState before = customerStates.of(account);
        List<SubscriptionRecord> records = new ArrayList<>(before.subscriptions());
        Optional<SubscriptionRecord> record = records.stream()
                .filter(known -> known.subscriptionId().equals(state.id())).findFirst()
                .or(() -> subscriptions.find(state.id()));
        Freshness freshness = record.map(r -> r.freshnessOf(asOf)).orElse(Freshness.NEWER);
        SubscriptionRecord stored = switch (freshness) {
            case NEWER -> store(record, state, asOf);
            case SAME_SECOND -> settleTie(record.get(), state, asOf, askedBeforeLock);
            case OLDER -> null;
        };
        if (stored == null) {
            // Our records are unchanged, and the entitlement was computed from them when they last changed.
            LOG.fine(() -> "Ignored an older or already held state of " + state.id());
            return Optional.empty();
        }
        if (!records.contains(stored) && account.hasCustomer()
                && account.stripeCustomerId().equals(stored.toSubscription().customerId())) {
            records.add(stored);
        }
        return recompute(account, records, before.reversals(), entitlementIn(before, account, clock.instant()));
    }

    /**
     * A state of the record's own second. Which came last cannot be told from the payloads: Stripe's answer decides,
     * the one asked with no lock held while the record was as it is now (so the answer is newer than it). A record
     * that holds the event's state already is the same state applied again: nothing to do. With nothing asked yet,
     * the caller rolls back and asks ({@link TieNeedsStripeException}). Left is a tie that a concurrent writer of
     * this subscription made, or changed, between that answer and the lock: rare (two writers within one second),
     * and asked under the lock.
     */
    private SubscriptionRecord settleTie(SubscriptionRecord record, Subscription state, Instant asOf,
                                         Optional<StripeAnswer<Subscription>> askedBeforeLock) {
        Optional<StripeAnswer<Subscription>> answer = askedBeforeLock
                .filter(asked -> asked.isAbout(Optional.of(record), SubscriptionRecord::toSubscription));
        if (answer.isEmpty()) {
            if (record.holds(state)) {
                return null;
            }
            Optional<Boolean> later = listingOrders(state, record);
            if (later.isPresent()) {
                return later.get() ? store(Optional.of(record), state, asOf) : null;
            }
            if (askedBeforeLock.isEmpty()) {
                throw new TieNeedsStripeException(record, asOf);
            }
            LOG.fine(() -> "A tie of " + state.id() + " changed under a concurrent writer; asking Stripe again");
            answer = Optional.of(askStripe(record, asOf));
        }
        return store(Optional.of(record), answer.get().current(), answer.get().asOf());
    }

    /**
     * Whether a catch-up's listing shows that a signal naming the subscription has nothing to add: the
     * subscription's own later event is applied in this run, or no state of it was listed since the one stored
     * ({@link ListedOrder}); false outside a catch-up.
     */
    private static boolean listingLeavesNothingToAdd(String subscriptionId, Optional<SubscriptionRecord> record) {
        Optional<ListedOrder> listing = ListedOrder.current();
        if (listing.isEmpty()) {
            return false;
        }
        ListedOrder order = listing.get();
        return order.stateFollows(subscriptionId)
                || record.filter(stored -> order.showsAsNewest(subscriptionId, stored.toSubscription())).isPresent();
    }

    /**
     * Whether a catch-up's listing says that {@code reported} came after the record's state of the same second
     * ({@link ListedOrder#orders}); empty outside a catch-up, and when the listing cannot tell: then Stripe is asked.
     */
    private static Optional<Boolean> listingOrders(Subscription reported, SubscriptionRecord record) {
        return ListedOrder.current().flatMap(order -> order.orders(reported, record.toSubscription()));
    }

    /**
     * Stripe's current state of a subscription, and the moment it is at least as new as: when we asked, or the
     * second of the state that made us ask, if our clock is behind it (Stripe had that state before it told us).
     */
    private StripeAnswer<Subscription> askStripe(SubscriptionRecord askedAbout, Instant reportedAsOf) {
        Instant askedAt = clock.instant();
        Subscription current = stripe.subscription(askedAbout.subscriptionId());
        return StripeAnswer.against(current, askedAt.isBefore(reportedAsOf) ? reportedAsOf : askedAt,
                Optional.of(askedAbout), SubscriptionRecord::toSubscription);
    }

    /**
     * An event named a subscription without a readable state (an invoice, a Checkout Session, an old API
     * version): Stripe's current state of it, asked now, before the caller locks the account, unless our record
     * already reflects a state from after the event (then empty, no call). Reads the record without a lock:
     * {@link #refreshSubscription} compares again under it.
     *
     * @param sameSecondIsCovered whether a record of the event's own second is fresh enough (true for signals
     *                            such as invoices, whose subscription change arrives as its own event too)
     */
    public Optional<StripeAnswer<Subscription>> askStripeToRefresh(String subscriptionId, Instant eventCreated,
                                                                  boolean sameSecondIsCovered) {
        Optional<SubscriptionRecord> record = subscriptions.find(subscriptionId);
        if (Freshness.covers(freshnessOf(record, eventCreated), sameSecondIsCovered)) {
            return Optional.empty();
        }
        if (sameSecondIsCovered && listingLeavesNothingToAdd(subscriptionId, record)) {
            return Optional.empty();
        }
        Instant fetchedAt = clock.instant();
        return Optional.of(StripeAnswer.against(stripe.subscription(subscriptionId), fetchedAt, record,
                SubscriptionRecord::toSubscription));
    }

    /**
     * Takes what {@link #askStripeToRefresh} answered for a subscription the event named, then recomputes. Nothing
     * to do when it asked nothing: our record already reflected a later state, and the entitlement was computed
     * from it (a concurrent writer can only make the record newer, so no lock is needed to skip).
     */
    public Optional<EntitlementChanged> refreshSubscription(Account account, String subscriptionId, Instant eventCreated,
                                                           boolean sameSecondIsCovered,
                                                           Optional<StripeAnswer<Subscription>> askedBeforeLock) {
        if (askedBeforeLock.isEmpty()) {
            return Optional.empty();
        }
        accounts.lock(account);
        Optional<SubscriptionRecord> record = subscriptions.findForUpdate(subscriptionId);
        if (!Freshness.covers(freshnessOf(record, eventCreated), sameSecondIsCovered)) {
            StripeAnswer<Subscription> asked = askedBeforeLock.get();
            if (asked.isAbout(record, SubscriptionRecord::toSubscription)) {
                store(record, asked.current(), asked.asOf());
            } else {
                // A writer of this subscription came between the unlocked read and the lock without making the
                // record cover the event (a listing of the same second, say): the early answer may be older than
                // that write. Rare, so asked again under the lock rather than reasoned about.
                LOG.fine(() -> subscriptionId + " changed while Stripe was asked; asking again");
                fetchAndStore(subscriptionId, record);
            }
        }
        return recompute(account);
    }

    /**
     * Whether our record of the subscription already reflects a state from {@code eventCreated}'s second or later,
     * so that a signal about it (an invoice) has nothing to add — for a paid invoice, also that the record knows an
     * invoice of it was paid. Reads without a lock: a concurrent writer can only make the record newer. Asked for
     * every invoice event, so only the record's moment is read.
     */
    public boolean alreadyReflects(String subscriptionId, Instant eventCreated, boolean invoicePaid) {
        return subscriptions.moment(subscriptionId)
                .filter(moment -> !invoicePaid || moment.invoicePaidSeen())
                .filter(moment -> Freshness.covers(Optional.of(Freshness.of(eventCreated, moment.stripeAsOf())), true))
                .isPresent();
    }

    /**
     * An invoice of the subscription was reported paid at {@code paidAt}: the record keeps the first such moment
     * (a past_due record in its first period is then a later charge that failed, not the first payment: it keeps
     * the grace days, {@link dev.tollgate.payments.domain.model.AccessPolicy}). Recomputes only when that can change
     * the decision. Empty when the record knew already, or there is none (the event's caller refreshed it first).
     */
    public Optional<EntitlementChanged> invoicePaid(Account account, String subscriptionId, Instant paidAt) {
        accounts.lock(account);
        Optional<SubscriptionRecord> record = subscriptions.findForUpdate(subscriptionId);
        if (record.isEmpty() || !record.get().invoicePaid(paidAt)) {
            return Optional.empty();
        }
        subscriptions.update(record.get());
        boolean pastDue = record.get().toSubscription().status() == SubscriptionStatus.PAST_DUE;
        return pastDue ? recompute(account) : Optional.empty();
    }

    private static Optional<Freshness> freshnessOf(Optional<SubscriptionRecord> record, Instant eventCreated) {
        return record.map(r -> r.freshnessOf(eventCreated));
    }

    /**
     * Stripe's current state of a reported refund or dispute when the report ties with our record (same second:
     * a dispute's {@code created} and {@code closed} often do), asked now, before the caller locks the account.
     * Reads the record without a lock; {@link #applyReversal} compares again under it. Empty (no call) otherwise.
     */
    public Optional<StripeAnswer<Reversal>> askStripeOnReversalTie(Reversal reported, Instant asOf) {
        Optional<ReversalRecord> record = reversals.find(reported.id());
        boolean tie = record.isPresent() && record.get().freshnessOf(asOf) == Freshness.SAME_SECOND;
        return tie ? Optional.of(StripeAnswer.against(stripe.currentReversal(reported), asOf, record,
                ReversalRecord::toReversal)) : Optional.empty();
    }

    /** {@link #applyReversal(Account, Reversal, Instant, Optional)} with nothing asked before the lock. */
    public Optional<EntitlementChanged> applyReversal(Account account, Reversal reported, Instant asOf) {
        return applyReversal(account, reported, asOf, Optional.empty());
    }

    /**
     * A refund or dispute of one of the customer's charges was reported as of {@code asOf}: keep it when newer
     * than our record; on a tie take Stripe's answer, asked before the lock by {@link #askStripeOnReversalTie};
     * then recompute.
     */
    public Optional<EntitlementChanged> applyReversal(Account account, Reversal reported, Instant asOf,
                                                      Optional<StripeAnswer<Reversal>> askedBeforeLock) {
        accounts.lock(account);
        Optional<ReversalRecord> record = reversals.find(reported.id());
        Freshness freshness = record.map(known -> known.freshnessOf(asOf)).orElse(Freshness.NEWER);
        if (freshness == Freshness.OLDER) {
            LOG.fine(() -> "Ignored an older state of " + reported.id());
            return Optional.empty();
        }
        Reversal state = freshness == Freshness.SAME_SECOND ? settleReversalTie(record, reported, askedBeforeLock)
                : reported;
        if (record.isPresent()) {
            record.get().take(state, asOf, clock.instant());
            reversals.update(record.get());
        } else {
            reversals.add(new ReversalRecord(state, asOf, clock.instant()));
        }
        return recompute(account);
    }

    /**
     * A report of the record's own second: Stripe's answer asked before the lock while the record is still the write
     * it was asked against. Left is a tie that a concurrent report made or changed between that unlocked read and
     * the lock (two reports of one object within one second, both in flight): rare, and asked under the lock.
     */
    private Reversal settleReversalTie(Optional<ReversalRecord> record, Reversal reported,
                                       Optional<StripeAnswer<Reversal>> askedBeforeLock) {
        return askedBeforeLock.filter(asked -> asked.isAbout(record, ReversalRecord::toReversal))
                .map(StripeAnswer::current)
                .orElseGet(() -> {
                    LOG.fine(() -> "A tie of " + reported.id() + " changed under a concurrent writer; asking Stripe");
                    return stripe.currentReversal(reported);
                });
    }

    /**
     * A plan bought once was paid: kept once as a subscription that never renews, under its Checkout Session's id,
     * however many reports of the payment arrive (the return page, the webhook, its duplicates, a drift scan); then
     * the entitlement is recomputed. Empty when it was kept before.
     */
    public Optional<EntitlementChanged> applyPurchase(Account account, PlanPurchase purchase) {
        accounts.lock(account);
        if (subscriptions.find(purchase.checkoutId()).isPresent()) {
            return Optional.empty();
        }
        subscriptions.add(new SubscriptionRecord(purchase.asSubscription(), purchase.paidAt(), clock.instant()));
        LOG.info(() -> account.userId() + " bought " + purchase.plan().name() + " once (" + purchase.term()
                + ", " + purchase.checkoutId() + ")");
        return recompute(account);
    }

    /**
     * The customer was deleted in Stripe: every subscription we hold for it ends, unless we know better, and the
     * account lets go of the customer (kept in the user's history), so the next checkout creates a new one. From
     * then on nothing of the deleted customer grants access: the policy reads only the linked customer's records.
     */
    public Optional<EntitlementChanged> customerDeleted(Account account, Instant asOf) {
        accounts.lock(account);
        String deleted = account.stripeCustomerId();
        for (SubscriptionRecord record : subscriptions.ofCustomer(deleted)) {
            if (record.freshnessOf(asOf) != Freshness.OLDER) {
                record.endWithCustomer(asOf, clock.instant());
                subscriptions.update(record);
            }
        }
        accounts.addFormerCustomer(account.unlinkDeletedCustomer(clock.instant()));
        accounts.update(account);
        LOG.info(() -> "Stripe customer " + deleted + " of " + account.userId()
                + " was deleted; unlinked, the next checkout creates a new one");
        return recompute(account);
    }

    private SubscriptionRecord fetchAndStore(String subscriptionId, Optional<SubscriptionRecord> record) {
        Instant fetchedAt = clock.instant();
        return store(record, stripe.subscription(subscriptionId), fetchedAt);
    }

    private void recordFetched(Subscription state, Instant fetchedAt) {
        Optional<SubscriptionRecord> record = subscriptions.findForUpdate(state.id());
        if (record.isEmpty() || record.get().freshnessOf(fetchedAt) != Freshness.OLDER) {
            store(record, state, fetchedAt);
        }
    }

    private SubscriptionRecord store(Optional<SubscriptionRecord> record, Subscription state, Instant asOf) {
        if (record.isPresent()) {
            record.get().take(state, asOf, clock.instant());
            subscriptions.update(record.get());
            return record.get();
        }
        SubscriptionRecord added = new SubscriptionRecord(state, asOf, clock.instant());
        subscriptions.add(added);
        return added;
    }

    /** Decides access from our subscription records and makes the entitlement row say so. */
    private Optional<EntitlementChanged> recompute(Account account) {
        CustomerState stored = customerStates.of(account);
        return recompute(account, stored.subscriptions(), stored.reversals(),
                entitlementIn(stored, account, clock.instant()));
    }

    private List<SubscriptionRecord> customerRecords(Account account) {
        return account.hasCustomer() ? subscriptions.ofCustomer(account.stripeCustomerId()) : List.of();
    }

    /**
     * {@link #recompute(Account)} from the customer's subscription records, refunds and disputes and the
     * entitlement, already read in this transaction.
     */
    private Optional<EntitlementChanged> recompute(Account account, List<SubscriptionRecord> records,
                                                   List<ReversalRecord> takenBack, Entitlement entitlement) {
        List<Subscription> known = records.stream().map(SubscriptionRecord::toSubscription).toList();
        Instant now = clock.instant();
        Grant grant = grantFor(known, takenBack, PaymentsSeen.of(records), entitlement, now);
        SubscriptionStatus statusBefore = entitlement.status();
        String planBefore = entitlement.plan();
        boolean applied = entitlement.apply(grant, now);
        // A plan's allowance follows the subscriptions' periods, which may move without changing the access decided
        boolean credited = allowances.settle(entitlement, known, now);
        if (!applied && !credited) {
            return Optional.empty();
        }
        entitlements.update(entitlement);
        // A new status or plan is news for whoever reads the log; a renewal that only moves the period end is the
        // everyday case (one per subscriber and month) and stays at FINE, its history is in the event log.
        boolean news = statusBefore != grant.status() || !Objects.equals(planBefore, grant.plan());
        LOG.log(news ? Level.INFO : Level.FINE, () -> "Entitlement of " + account.userId() + " is now "
                + grant.status().stripeName() + (grant.plan() == null ? "" : " on " + grant.plan())
                + (grant.accessUntil() == null ? "" : " until " + grant.accessUntil())
                + " (version " + entitlement.version() + ")");
        return Optional.of(new EntitlementChanged(account.userId(), entitlement.version()));
    }

    private List<ReversalRecord> reversalsOf(Account account) {
        return account.hasCustomer() ? reversals.ofCustomer(account.stripeCustomerId()) : List.of();
    }

    /** The policy's decision from these subscriptions and the customer's refunds and disputes. */
    private Grant grantFor(List<Subscription> known, List<ReversalRecord> takenBack,
                           Function<String, PaymentsSeen> seen, Entitlement entitlement, Instant now) {
        Grant decided = policy.decide(known, takenBack, seen, now);
        // Stripe's features are one input, never a way around the policy: merged only while access is granted
        return decided.accessUntil() != null && settings.readsStripeEntitlements()
                ? decided.withExtraFeatures(entitlement.stripeFeatures()) : decided;
    }

    /** Keeps the features Stripe Entitlements lists for the customer, for this and every later recompute. */
    private void remember(Entitlement entitlement, ListedFeatures listed) {
        if (entitlement.rememberStripeFeatures(listed.keys(), listed.askedAt())) {
            entitlements.update(entitlement);
        }
    }

    private Entitlement entitlementIn(CustomerState stored, Account account, Instant now) {
        // no row lock: every caller holds the account's lock, the one all writers of this user queue up on
        return entitlements.orAdd(stored.entitlement(), account.userId(), now);
    }
}
