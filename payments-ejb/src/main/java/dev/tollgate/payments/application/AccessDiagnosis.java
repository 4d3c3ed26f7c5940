package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EventQuery;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.LoggedEvent;
import dev.tollgate.payments.domain.model.StripeMode;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionRecord;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import dev.tollgate.payments.domain.service.SubscriptionRepository;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "This customer paid: why has she no access?" The four places a payment can get lost on its way to the gate,
 * each checked from what we store and what Stripe says now, each with the fix: (1) the event never came,
 * (2) it came and failed verification, (3) it passed but the write failed or matched no user, (4) the row is
 * right but a session is stale. Reads only.
 */
@Stateless
@Dependent
@Transactional
public class AccessDiagnosis {

    /** How many of the customer's events are looked at. */
    private static final int EVENTS_READ = 200;

    @Inject
    AccountRepository accounts;

    @Inject
    EntitlementRepository entitlements;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    WebhookEventRepository events;

    @Inject
    StripeMode mode;

    @Inject
    Clock clock;

    /** How one check came out. */
    public enum Verdict { OK, PROBLEM, UNKNOWN }

    /** One failure point, what was found and what to do about it. */
    public record Check(int point, String question, Verdict verdict, String finding, String fix) {
    }

    /** The checks for one user, and whether the stored row lets the user in now. */
    public record Diagnosis(String userId, boolean accessNow, String summary, List<Check> checks) {
    }

    /**
     * Deliveries the webhook endpoint refused before anything was logged (bad signature, unreadable body): counted
     * by the web layer on this node since it started, because nothing of them can be stored.
     */
    public record RefusedDeliveries(long count, Optional<Instant> last, Optional<String> lastReason) {
    }

    /**
     * @param stripeListing the customer's subscriptions as Stripe lists them now; empty when Stripe could not say
     * @param stalenessBound how old the gate's view of a version may be (its {@code PAYMENTS_STALENESS_MS})
     */
    public Optional<Diagnosis> diagnose(String userId, Optional<List<Subscription>> stripeListing,
                                        RefusedDeliveries refused, Duration stalenessBound) {
        return accounts.find(userId).map(account -> diagnose(account, stripeListing, refused, stalenessBound));
    }

    private Diagnosis diagnose(Account account, Optional<List<Subscription>> stripeListing, RefusedDeliveries refused,
                               Duration stalenessBound) {
        Instant now = clock.instant();
        Optional<Entitlement> row = entitlements.find(account.userId());
        boolean accessNow = row.map(entitlement -> entitlement.grantsAccessAt(now)).orElse(false);
        if (!account.hasCustomer()) {
            String none = "No Stripe customer is linked to " + account.userId() + ": the user never started a checkout"
                    + " here, or Stripe deleted the customer.";
            String fix = "Nothing was paid through this service; ask the user which account they paid with.";
            return new Diagnosis(account.userId(), accessNow, none, List.of(
                    new Check(1, "Did the event come?", Verdict.UNKNOWN, none, fix),
                    new Check(2, "Did it pass verification?", Verdict.UNKNOWN, none, fix),
                    new Check(3, "Did it apply to a user?", Verdict.UNKNOWN, none, fix),
                    new Check(4, "Is the session up to date?", Verdict.UNKNOWN, none, fix)));
        }
        String customer = account.stripeCustomerId();
        List<LoggedEvent> logged = events.search(EventQuery.ofCustomer(customer, EVENTS_READ));
        Set<String> recorded = subscriptions.ofCustomer(customer).stream().map(SubscriptionRecord::subscriptionId)
                .collect(Collectors.toSet());
        List<Subscription> payingAtStripe = stripeListing.orElse(List.of()).stream()
                .filter(subscription -> subscription.status().isInGoodStanding()
                        && (subscription.currentPeriodEnd() == null || now.isBefore(subscription.currentPeriodEnd())))
                .toList();
        List<Check> checks = List.of(
                eventCame(customer, logged, recorded, stripeListing, payingAtStripe),
                passedVerification(refused, logged),
                applied(account, logged),
                sessionFresh(row, accessNow, payingAtStripe, stalenessBound, now));
        String summary = accessNow ? account.userId() + " has access now: " + row.get().plan() + " until "
                + row.get().accessUntil() + "."
                : account.userId() + " has no access now" + (payingAtStripe.isEmpty() ? ", and Stripe lists no paying"
                + " subscription." : ", although Stripe lists " + payingAtStripe.size() + " paying subscription(s).");
        return new Diagnosis(account.userId(), accessNow, summary, checks);
    }

    private Check eventCame(String customer, List<LoggedEvent> logged, Set<String> recorded,
                            Optional<List<Subscription>> stripeListing, List<Subscription> payingAtStripe) {
        String question = "Did the event come?";
        long refusedForMode = logged.stream().filter(event -> event.status() == EventStatus.REFUSED).count();
        String modeFix = "This endpoint runs in " + mode.label() + " mode: the webhook endpoint in Stripe must be"
                + " the " + mode.label() + "-mode one, and STRIPE_SECRET_KEY of the same mode.";
        if (refusedForMode > 0) {
            return new Check(1, question, Verdict.PROBLEM, refusedForMode + " event(s) of this customer came in the"
                    + " other mode (test/live) and were refused.", modeFix);
        }
        List<String> missing = payingAtStripe.stream().map(Subscription::id).filter(id -> !recorded.contains(id))
                .toList();
        String endpointFix = "Resync now takes Stripe's state at once. Then check the webhook endpoint in Stripe"
                + " (Stripe endpoint page): its URL, that it is enabled, that it sends every event type Tollgate"
                + " handles (customer.subscription.*, invoice.paid, checkout.session.completed, …). " + modeFix
                + " A catch-up (Reconcile) brings in every event that was missed.";
        if (!missing.isEmpty()) {
            return new Check(1, question, Verdict.PROBLEM, "Stripe lists " + String.join(", ", missing)
                    + " as paying, but no event about " + (missing.size() == 1 ? "it" : "them")
                    + " reached this endpoint (" + logged.size() + " event(s) of customer " + customer
                    + " are logged).", endpointFix);
        }
        if (stripeListing.isEmpty()) {
            return new Check(1, question, logged.isEmpty() ? Verdict.PROBLEM : Verdict.UNKNOWN,
                    "Stripe could not be asked; " + logged.size() + " event(s) of customer " + customer
                            + " are logged.", logged.isEmpty() ? endpointFix : "Ask again when Stripe answers.");
        }
        return new Check(1, question, Verdict.OK, payingAtStripe.isEmpty()
                ? "Stripe lists no paying subscription for " + customer + ": there was nothing to deliver."
                : "Every paying subscription Stripe lists is recorded here (" + logged.size() + " event(s) logged).",
                "Nothing to fix here.");
    }

    private static Check passedVerification(RefusedDeliveries refused, List<LoggedEvent> logged) {
        String question = "Did it pass verification?";
        String fix = "STRIPE_WEBHOOK_SECRET must be the signing secret (whsec_…) of this very endpoint, shown on"
                + " the endpoint's page in Stripe; while rolling it, give both secrets, comma-separated. Stripe"
                + " retries a refused delivery for up to three days; a catch-up fetches what it gave up on.";
        if (refused.count() > 0) {
            return new Check(2, question, Verdict.PROBLEM, refused.count() + " deliveries were refused before they"
                    + " could be read (counted on this node since it started; a refused delivery names no customer,"
                    + " so these may be anyone's). The last at " + refused.last().map(Instant::toString).orElse("?")
                    + ": " + refused.lastReason().orElse("") + ".", fix);
        }
        return new Check(2, question, Verdict.OK, "No delivery was refused on this node since it started; "
                + logged.size() + " event(s) of this customer passed.", "Nothing to fix here.");
    }

    private static Check applied(Account account, List<LoggedEvent> logged) {
        String question = "Did it apply to a user?";
        List<LoggedEvent> failed = logged.stream().filter(event -> event.status() == EventStatus.FAILED).toList();
        List<LoggedEvent> unmatched = logged.stream().filter(event -> event.status() == EventStatus.UNMATCHED)
                .toList();
        if (!failed.isEmpty()) {
            LoggedEvent first = failed.get(0);
            return new Check(3, question, Verdict.PROBLEM, failed.size() + " event(s) failed, e.g. " + first.eventId()
                    + " (" + first.type() + "): " + Optional.ofNullable(first.lastError()).orElse("no error kept"),
                    "Fix the cause in the error (Stripe down, database), then replay the failed events (Events page)"
                            + " or resync the customer.");
        }
        if (!unmatched.isEmpty()) {
            return new Check(3, question, Verdict.PROBLEM, unmatched.size() + " event(s) name customer "
                    + account.stripeCustomerId() + " but matched no user when they came, e.g. "
                    + unmatched.get(0).eventId() + ".", "The customer is linked to " + account.userId()
                    + " now: replay the unmatched events (Events page) or resync the customer.");
        }
        return new Check(3, question, Verdict.OK, "No event of this customer failed or went unmatched.",
                "Nothing to fix here.");
    }

    private static Check sessionFresh(Optional<Entitlement> row, boolean accessNow, List<Subscription> payingAtStripe,
                                      Duration bound, Instant now) {
        String question = "Is the session up to date?";
        if (row.isEmpty()) {
            return new Check(4, question, payingAtStripe.isEmpty() ? Verdict.OK : Verdict.PROBLEM,
                    "No entitlement row is stored for this user.", payingAtStripe.isEmpty() ? "Nothing to fix here."
                    : "Resync now writes the row from Stripe's state.");
        }
        Entitlement entitlement = row.get();
        String stored = "Stored: " + (entitlement.plan() == null ? "no plan" : entitlement.plan()) + ", "
                + entitlement.status().stripeName() + ", version " + entitlement.version() + ", written "
                + entitlement.updatedAt() + ".";
        if (!accessNow && !payingAtStripe.isEmpty()) {
            return new Check(4, question, Verdict.PROBLEM, stored + " The row grants nothing, but Stripe lists a"
                    + " paying subscription: the row is wrong, not the session.", "Resync now.");
        }
        Instant seenBy = entitlement.updatedAt().plus(bound);
        if (now.isBefore(seenBy)) {
            return new Check(4, question, Verdict.UNKNOWN, stored + " It changed less than " + bound.toMillis()
                    + " ms ago: a gate may still answer from the version before.",
                    "Wait " + bound.toMillis() + " ms; the next request then reloads the session.");
        }
        return new Check(4, question, Verdict.OK, stored + " Every gate compares its session's version with this"
                + " one on each request and reloads on a difference; it was written more than the staleness bound ("
                + bound.toMillis() + " ms) ago, so no session can be stale.", "Nothing to fix here. If the user is"
                + " still refused, the app's gate rule may ask for another plan or feature (PAYMENTS_PROTECT).");
    }
}
