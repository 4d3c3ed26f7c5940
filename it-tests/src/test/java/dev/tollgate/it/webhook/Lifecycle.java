package dev.tollgate.it.webhook;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.param.ChargeListParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.DisputeListParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import dev.tollgate.emulator.CheckoutForm;
import dev.tollgate.emulator.StripeEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One customer's life with Stripe, one step at a time, on a test clock of its own: what it does next is drawn
 * from its own random generator (so a seed and an index replay it), and every change reaches the payments WAR
 * only as the emulator's signed webhooks. The clock starts a month before the period should end in real time,
 * so the first renewal falls due while the test runs: that is where withheld renewal events matter.
 */
final class Lifecycle {

    /** What a customer (or Stripe, or the merchant) can do next. */
    enum Step {
        SUBSCRIBE, RENEW, RENEW_WITH_EVENTS_WITHHELD, RELEASE_WITHHELD_EVENTS, FAILING_CARD, WORKING_CARD,
        RETRY_DAYS_LATER, CANCEL_AT_PERIOD_END, CANCEL_NOW, CHANGE_PLAN, PARTIAL_REFUND, FULL_REFUND, OPEN_DISPUTE,
        WIN_DISPUTE, LOSE_DISPUTE, DISPUTE_LOST_WITHIN_ONE_SECOND,
        /** A one-time Checkout of a credit pack, paid: {@value #PACK_CREDITS} credits (issue 15). */
        BUY_CREDITS,
        /** Scripts only: wait in real time until the current period has started (a clock ahead of real time). */
        WAIT_UNTIL_PERIOD_STARTS
    }

    private static final String ALWAYS_PAYS = "4242 4242 4242 4242";
    private static final String DISPUTED_AFTER_PAYING = "4000 0000 0000 0259";
    /** The demo's catalog sells it ({@code credits:100=price_credits_100}). */
    static final String PACK_PRICE = "price_credits_100";
    static final long PACK_CREDITS = 100;

    private final int index;
    private final String user;
    private final Random random;
    private final WebhookStage stage;
    private final StripeClient stripe;
    private final StripeEmulator emulator;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> history = new ArrayList<>();
    private final List<Step> performed = new ArrayList<>();
    private String customer;
    private String clock;
    private String subscription;
    private String plan;
    private boolean withholding;
    private Instant checkNotBefore = Instant.EPOCH;
    /** The charges of credit packs: never refunded or disputed here, so that reversals stay the subscriptions'. */
    private final Set<String> packCharges = ConcurrentHashMap.newKeySet();
    private long creditsBought;
    private long creditsSpent;
    /** When the first period ends, on the lifecycle's clock: a trial, when drawn, lasts until then. */
    private long firstPeriodEnd;

    Lifecycle(int index, long seed, String user, WebhookStage stage) {
        this.index = index;
        this.user = user;
        this.random = new Random(seed * 1_000_003L + index);
        this.stage = stage;
        this.stripe = stage.stripe();
        this.emulator = stage.emulator();
    }

    int index() {
        return index;
    }

    String user() {
        return user;
    }

    String customer() {
        return customer;
    }

    /** The steps so far, one line each. */
    List<String> history() {
        return List.copyOf(history);
    }

    /** Not before this moment may the gate be asked: the end of a period whose renewal events were withheld. */
    Instant checkNotBefore() {
        return checkNotBefore;
    }

    /** A customer on a new test clock whose first period will end at {@code periodEndsAt} in real time. */
    void open(Instant periodEndsAt) throws Exception {
        long frozen = periodEndsAt.atZone(ZoneOffset.UTC).minusMonths(1).toEpochSecond();
        firstPeriodEnd = periodEndsAt.getEpochSecond();
        clock = stripe.v1().testHelpers().testClocks().create(TestClockCreateParams.builder().setFrozenTime(frozen)
                .setName(user).build()).getId();
        customer = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(user + "@example.com")
                .setTestClock(clock).build()).getId();
        stage.rows().insertAccount(user, customer);
        history.add("clock at " + Instant.ofEpochSecond(frozen) + ", customer " + customer);
    }

    /**
     * Draws the next step that makes sense now and performs it. Events withheld by the step before are released
     * first (in recorded order or newest first): a withheld renewal is late, not lost, and later changes are only
     * ever reported by webhooks.
     */
    void next() throws Exception {
        if (withholding) {
            release(random.nextBoolean());
        }
        perform(subscription == null ? Step.SUBSCRIBE : draw());
    }

    /** The first step of a scripted lifecycle: pro, with the card that always pays. */
    void subscribeToPro() throws Exception {
        subscribe("pro", ALWAYS_PAYS, false);
    }

    /** The kinds of step taken so far, in order. */
    List<Step> performed() {
        return List.copyOf(performed);
    }

    /** Performs one step (a scripted scenario names its steps). */
    void perform(Step step) throws Exception {
        performed.add(step);
        switch (step) {
            case SUBSCRIBE -> subscribe(random.nextInt(5) < 3 ? "pro" : "basic",
                    random.nextInt(8) == 0 ? DISPUTED_AFTER_PAYING : ALWAYS_PAYS, random.nextInt(4) == 0);
            case RENEW -> renew(false);
            case RENEW_WITH_EVENTS_WITHHELD -> renew(true);
            case RELEASE_WITHHELD_EVENTS -> release(random.nextBoolean());
            case FAILING_CARD -> useCard("pm_card_chargeCustomerFail");
            case WORKING_CARD -> useCard("pm_card_visa");
            case RETRY_DAYS_LATER -> advanceBy(Duration.ofDays(3 + random.nextInt(6)));
            case CANCEL_AT_PERIOD_END -> {
                stripe.v1().subscriptions().update(subscription, SubscriptionUpdateParams.builder()
                        .setCancelAtPeriodEnd(true).build());
                history.add("cancel " + subscription + " at period end");
            }
            case CANCEL_NOW -> {
                stripe.v1().subscriptions().cancel(subscription);
                history.add("cancel " + subscription + " now");
            }
            case CHANGE_PLAN -> changePlan();
            case PARTIAL_REFUND -> refund(true);
            case FULL_REFUND -> refund(false);
            case OPEN_DISPUTE -> {
                String charge = pick(undisputedCharges()).getId();
                history.add("open a dispute " + emulator.disputeCharge(charge) + " on " + charge);
            }
            case WIN_DISPUTE -> resolve(true);
            case LOSE_DISPUTE -> resolve(false);
            case DISPUTE_LOST_WITHIN_ONE_SECOND -> disputeLostWithinOneSecond();
            case WAIT_UNTIL_PERIOD_STARTS -> waitUntilPeriodStarts();
            case BUY_CREDITS -> buyCredits();
        }
    }

    /** Adds a line to the history (what happened besides a step, e.g. Stripe refusing one). */
    void note(String line) {
        history.add(line);
    }

    /** Delivers whatever is still withheld, so the lifecycle ends with everything reported. */
    void finish() throws Exception {
        if (withholding) {
            release(false);
        }
    }

    private Step draw() throws Exception {
        if (history.size() == 2 && random.nextInt(3) == 0 && possible(Step.RENEW_WITH_EVENTS_WITHHELD)) {
            return Step.RENEW_WITH_EVENTS_WITHHELD; // the first renewal, due in real time soon
        }
        while (true) {
            Step step = Step.values()[1 + random.nextInt(Step.values().length - 1)];
            if (possible(step)) {
                return step;
            }
        }
    }

    private boolean possible(Step step) throws StripeException {
        String status = status();
        boolean live = !List.of("canceled", "incomplete_expired").contains(status);
        return switch (step) {
            case SUBSCRIBE -> false;
            case RENEW, RETRY_DAYS_LATER -> true;
            case RENEW_WITH_EVENTS_WITHHELD -> !withholding && periodEndsSoon();
            case RELEASE_WITHHELD_EVENTS -> withholding;
            case FAILING_CARD, WORKING_CARD, CANCEL_AT_PERIOD_END -> live && !"unpaid".equals(status);
            case CANCEL_NOW -> live;
            case CHANGE_PLAN -> true;
            case PARTIAL_REFUND, FULL_REFUND -> !refundableCharges().isEmpty();
            case OPEN_DISPUTE -> !undisputedCharges().isEmpty();
            case WIN_DISPUTE, LOSE_DISPUTE -> !openDisputes().isEmpty();
            case DISPUTE_LOST_WITHIN_ONE_SECOND -> !withholding && !undisputedCharges().isEmpty();
            case WAIT_UNTIL_PERIOD_STARTS -> false;
            case BUY_CREDITS -> true;
        };
    }

    /**
     * A checkout of {@code newPlan} paid with {@code card}; with {@code trial}, the subscription is {@code trialing}
     * until the first period's end (the card is charged when it renews), as a trial offered at sign-up is.
     */
    private void subscribe(String newPlan, String card, boolean trial) throws Exception {
        String price = "pro".equals(newPlan) ? StripeEvents.PRO_PRICE : "price_basic_monthly";
        SessionCreateParams.Builder checkout = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setCustomer(customer).setClientReferenceId(user)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build())
                .setSuccessUrl(stage.appUrl() + "done?session_id={CHECKOUT_SESSION_ID}")
                .setCancelUrl(stage.appUrl() + "pricing");
        if (trial) {
            checkout.setSubscriptionData(SessionCreateParams.SubscriptionData.builder().setTrialEnd(firstPeriodEnd)
                    .build());
        }
        Session session = stripe.v1().checkout().sessions().create(checkout.build());
        HttpResponse<String> paid;
        try {
            paid = CheckoutForm.pay(http, URI.create(session.getUrl()), card);
        } catch (java.io.IOException closed) {
            // The emulator closes connections idle for 30 s; a payment sent on one as it closes never arrived.
            if ("complete".equals(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus())) {
                throw closed;
            }
            paid = CheckoutForm.pay(http, URI.create(session.getUrl()), card);
        }
        if (paid.statusCode() != 303) {
            throw new AssertionError("paying with " + card + " answered " + paid.statusCode() + ":\n" + paid.body());
        }
        subscription = stripe.v1().checkout().sessions().retrieve(session.getId()).getSubscription();
        plan = newPlan;
        history.add("subscribe to " + newPlan + (trial ? " (trial)" : "") + " with card " + card + ": "
                + subscription);
    }

    /**
     * The customer pays a credit pack through a one-time Checkout (as the WAR's checkout makes it: the user and the
     * credits in its metadata); its charge is remembered, and the oracle's balance grows by the pack once paid.
     */
    private void buyCredits() throws Exception {
        Set<String> before = new java.util.HashSet<>(charges().stream().map(Charge::getId).toList());
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setCustomer(customer).setClientReferenceId(user)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(PACK_PRICE).setQuantity(1L).build())
                .putMetadata("tollgate_user", user).putMetadata("tollgate_credits", Long.toString(PACK_CREDITS))
                .setSuccessUrl(stage.appUrl() + "done?session_id={CHECKOUT_SESSION_ID}")
                .setCancelUrl(stage.appUrl() + "pricing").build());
        HttpResponse<String> paid = CheckoutForm.pay(http, URI.create(session.getUrl()), ALWAYS_PAYS);
        if (paid.statusCode() != 303) {
            throw new AssertionError("paying a credit pack answered " + paid.statusCode() + ":\n" + paid.body());
        }
        charges().stream().map(Charge::getId).filter(charge -> !before.contains(charge)).forEach(packCharges::add);
        creditsBought += PACK_CREDITS;
        history.add("buy " + PACK_CREDITS + " credits: " + session.getId());
    }

    /** The credits the customer should hold: the packs bought and paid, less what the gate let through. */
    synchronized long expectedCredits() {
        return creditsBought - creditsSpent;
    }

    /** The gate let a request through that cost {@code credits}. */
    synchronized void spent(long credits) {
        creditsSpent += credits;
    }

    private void changePlan() throws Exception {
        String old = subscription;
        String oldStatus = status();
        subscribe("pro".equals(plan) ? "basic" : "pro", ALWAYS_PAYS, false); // an upgrade or a downgrade
        if (!"canceled".equals(oldStatus) && !"incomplete_expired".equals(oldStatus)) {
            stripe.v1().subscriptions().cancel(old);
            history.add("cancel " + old + " now (plan change)");
        }
    }

    /** Advances the clock past the current period's end (or a month when nothing renews). */
    private void renew(boolean withheld) throws Exception {
        Subscription current = stripe.v1().subscriptions().retrieve(subscription);
        long periodEnd = current.getItems().getData().get(0).getCurrentPeriodEnd();
        long now = clockTime();
        long target = List.of("active", "trialing", "past_due").contains(current.getStatus()) && periodEnd > now
                ? periodEnd + 3600 : now + Duration.ofDays(31).toSeconds();
        if (withheld) {
            emulator.withholdDeliveries(customer);
            withholding = true;
            Instant end = Instant.ofEpochSecond(periodEnd);
            if (end.isBefore(Instant.now().plus(Duration.ofMinutes(3)))) {
                checkNotBefore = end.plusSeconds(2);
            }
        }
        advanceTo(target, withheld ? "renew, events withheld" : "renew");
    }

    private void advanceBy(Duration by) throws Exception {
        advanceTo(clockTime() + by.toSeconds(), "wait " + by.toDays() + " days");
    }

    private void advanceTo(long frozenTime, String why) throws Exception {
        stripe.v1().testHelpers().testClocks().advance(clock, TestClockAdvanceParams.builder()
                .setFrozenTime(frozenTime).build());
        history.add(why + ": clock → " + Instant.ofEpochSecond(frozenTime) + ", " + subscription + " "
                + status());
    }

    private void release(boolean newestFirst) {
        List<String> released = emulator.releaseDeliveries(customer, newestFirst);
        withholding = false;
        history.add("release " + released.size() + " withheld events" + (newestFirst ? ", newest first" : ""));
    }

    private void useCard(String testPaymentMethod) throws Exception {
        String method = stripe.v1().paymentMethods().attach(testPaymentMethod, PaymentMethodAttachParams.builder()
                .setCustomer(customer).build()).getId();
        stripe.v1().subscriptions().update(subscription, SubscriptionUpdateParams.builder()
                .setDefaultPaymentMethod(method).build());
        history.add("renewals of " + subscription + " now charge " + testPaymentMethod);
    }

    private void waitUntilPeriodStarts() throws Exception {
        long start = stripe.v1().subscriptions().retrieve(subscription).getItems().getData().get(0)
                .getCurrentPeriodStart();
        Duration wait = Duration.between(Instant.now(), Instant.ofEpochSecond(start).plusSeconds(1));
        if (wait.compareTo(Duration.ofMinutes(3)) > 0) {
            throw new IllegalStateException(this + ": the period starts " + wait + " from now");
        }
        if (!wait.isNegative()) {
            Thread.sleep(wait.toMillis());
        }
        history.add("wait until " + subscription + "'s period has started in real time");
    }

    /** A partial refund of any refundable charge; a full one completes a partly refunded charge when there is one. */
    private void refund(boolean partly) throws Exception {
        List<Charge> partlyRefunded = refundableCharges().stream().filter(c -> c.getAmountRefunded() > 0).toList();
        Charge charge = pick(partly || partlyRefunded.isEmpty() ? refundableCharges() : partlyRefunded);
        long left = charge.getAmount() - charge.getAmountRefunded();
        RefundCreateParams.Builder refund = RefundCreateParams.builder().setCharge(charge.getId());
        if (partly && left > 1) {
            refund.setAmount(1 + (long) random.nextInt((int) left - 1));
        }
        long amount = stripe.v1().refunds().create(refund.build()).getAmount();
        history.add("refund " + amount + " of " + charge.getId() + " (" + (charge.getAmountRefunded() + amount)
                + "/" + charge.getAmount() + ")");
    }

    private void resolve(boolean won) throws Exception {
        Dispute dispute = pick(openDisputes());
        emulator.resolveDispute(dispute.getId(), won);
        history.add((won ? "win" : "lose") + " dispute " + dispute.getId() + " on " + dispute.getCharge());
    }

    /**
     * A dispute opened and lost (now and then won) within one second, its reports delivered newest first: the
     * {@code closed} before the {@code created} of the same second.
     */
    private void disputeLostWithinOneSecond() throws Exception {
        String charge = pick(undisputedCharges()).getId();
        boolean won = random.nextInt(4) == 0;
        emulator.withholdDeliveries(customer);
        while (System.currentTimeMillis() % 1000 > 600) {
            Thread.sleep(50); // both reports in one second: start early in a second
        }
        long before = Instant.now().getEpochSecond();
        String dispute = emulator.disputeCharge(charge);
        emulator.resolveDispute(dispute, won);
        boolean sameSecond = Instant.now().getEpochSecond() == before;
        emulator.releaseDeliveries(customer, true);
        history.add("open and " + (won ? "win" : "lose") + " dispute " + dispute + " on " + charge
                + (sameSecond ? " within one second" : " across a second boundary") + ", closed delivered first");
    }

    /**
     * Whether the current period ends in real time within the next minutes (the first one does). Only then is
     * withholding its renewal the case to prove: Stripe renews at the period's end, so the gate that sees the
     * period end must find the renewal when it asks. A clock left behind real time would show the gate a period
     * that ended without renewing (it refuses, rightly, and asks again only minutes later); a clock far ahead would
     * renew a period that has not even started in real time.
     */
    private boolean periodEndsSoon() throws StripeException {
        Instant periodEnd = Instant.ofEpochSecond(stripe.v1().subscriptions().retrieve(subscription).getItems()
                .getData().get(0).getCurrentPeriodEnd());
        return periodEnd.isAfter(Instant.now().plusSeconds(5))
                && periodEnd.isBefore(Instant.now().plus(Duration.ofMinutes(3)));
    }

    private String status() throws StripeException {
        return stripe.v1().subscriptions().retrieve(subscription).getStatus();
    }

    private long clockTime() throws StripeException {
        return stripe.v1().testHelpers().testClocks().retrieve(clock).getFrozenTime();
    }

    private List<Charge> charges() throws StripeException {
        List<Charge> charges = new ArrayList<>();
        stripe.v1().charges().list(ChargeListParams.builder().setCustomer(customer).setLimit(100L).build())
                .autoPagingIterable().forEach(charge -> {
                    if ("succeeded".equals(charge.getStatus())) {
                        charges.add(charge);
                    }
                });
        return charges;
    }

    private List<Charge> refundableCharges() throws StripeException {
        return charges().stream().filter(charge -> !packCharges.contains(charge.getId()))
                .filter(charge -> !Boolean.TRUE.equals(charge.getDisputed()))
                .filter(charge -> charge.getAmountRefunded() < charge.getAmount()).toList();
    }

    private List<Charge> undisputedCharges() throws StripeException {
        return refundableCharges();
    }

    private List<Dispute> openDisputes() throws StripeException {
        List<Dispute> open = new ArrayList<>();
        for (Charge charge : charges()) {
            if (Boolean.TRUE.equals(charge.getDisputed())) {
                stripe.v1().disputes().list(DisputeListParams.builder().setCharge(charge.getId()).build())
                        .getData().stream().filter(dispute -> !List.of("won", "lost").contains(dispute.getStatus()))
                        .forEach(open::add);
            }
        }
        return open;
    }

    private <T> T pick(List<T> choices) {
        if (choices.isEmpty()) {
            throw new IllegalStateException("lifecycle " + index + ": nothing to choose from after " + history);
        }
        return choices.get(random.nextInt(choices.size()));
    }

    @Override
    public String toString() {
        return "lifecycle " + index + " (" + user + ", " + customer + ")";
    }

    Optional<String> plan() {
        return Optional.ofNullable(plan);
    }
}
