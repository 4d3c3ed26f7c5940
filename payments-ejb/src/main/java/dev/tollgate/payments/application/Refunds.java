package dev.tollgate.payments.application;

import dev.tollgate.payments.application.CustomerReports.PolicyInputs;
import dev.tollgate.payments.application.PaymentsException.Reason;
import dev.tollgate.payments.domain.model.AccessEffect;
import dev.tollgate.payments.domain.model.AccessEffects;
import dev.tollgate.payments.domain.model.AccessPolicy;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.Payment;
import dev.tollgate.payments.domain.model.RefundReason;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.service.StripeGateway;
import dev.tollgate.payments.domain.service.StripeGateway.IssuedRefund;
import dev.tollgate.payments.domain.service.StripeObjectMissingException;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Refunds an admin gives from the console: a user's charges as Stripe holds them, the access effect of a refund
 * under the policy before it is confirmed, and the refund itself, once per idempotency key. Stripe is asked outside
 * any transaction; a refusal ({@link PaymentsException}) is made before anything is refunded. The access change is
 * not left to Stripe's {@code charge.refunded} event: the charge is read back and taken at once through the same
 * write as that event's ({@link EntitlementService#applyRefund}); the event, when it comes, adds nothing.
 */
@ApplicationScoped
public class Refunds {

    private static final Logger LOG = Logger.getLogger(Refunds.class.getName());

    @Inject
    CustomerReports customers;

    @Inject
    StripeGateway stripe;

    @Inject
    EntitlementService entitlements;

    @Inject
    AccessPolicy policy;

    @Inject
    Clock clock;

    /** The user's charges at Stripe, newest first; none for a user without a Stripe customer. */
    public List<Payment> paymentsOf(String userId) {
        String customer = inputs(userId).account().stripeCustomerId();
        return customer == null ? List.of() : stripe.paymentsOf(customer);
    }

    /** The user's charge as Stripe holds it now, after checking that it is the user's and was paid. */
    public Payment payment(String userId, String chargeId) {
        return paymentOf(inputs(userId), chargeId);
    }

    /**
     * What refunding {@code amount} of the user's charge would do, after checking that the charge is the user's,
     * paid, and has that much left to refund.
     */
    public Preview preview(String userId, String chargeId, long amount) {
        PolicyInputs inputs = inputs(userId);
        Payment payment = paymentOf(inputs, chargeId);
        if (payment.refundable() == 0) {
            throw new PaymentsException(Reason.NOT_REFUNDABLE, "Charge " + chargeId
                    + " has nothing left to refund.");
        }
        checkAmount(amount, payment.refundable(), "left to refund");
        AccessEffect effect = new AccessEffects(policy).ofRefund(inputs.subscriptions(), inputs.reversals(),
                inputs.paymentsSeen(), payment, amount, clock.instant());
        return new Preview(payment, amount, effect);
    }

    /**
     * Refunds {@code amount} of the user's charge. The same {@code idempotencyKey} again (a double click, a
     * resubmitted form) gets the first refund back from Stripe instead of a second one, so what is left to refund is
     * left to Stripe to check: a repeat would otherwise be refused for the amount its own first run refunded.
     */
    public Refunded refund(String userId, String chargeId, long amount, RefundReason reason, String idempotencyKey) {
        Payment payment = paymentOf(inputs(userId), chargeId);
        checkAmount(amount, payment.amount(), "charged");
        IssuedRefund refund = stripe.refund(chargeId, amount, reason, idempotencyKey);
        return applied(userId, payment, refund);
    }

    /**
     * The refunded charge as Stripe holds it after the refund, taken as its {@code charge.refunded} event would be.
     * The money went back already, so Stripe failing to answer now refuses nothing: the event brings the change.
     */
    private Refunded applied(String userId, Payment payment, IssuedRefund refund) {
        Instant fetchedAt = clock.instant();
        Reversal reported = new Reversal("refund:" + payment.chargeId(), Reversal.Kind.REFUND, payment.customerId(),
                payment.chargeId(), 0, false, "", fetchedAt);
        try {
            Reversal current = stripe.currentReversal(reported);
            return new Refunded(refund, true, entitlements.applyRefund(userId, current, fetchedAt));
        } catch (StripeUnavailableException | StripeRejectedException failed) {
            LOG.warning(() -> "Refund " + refund.id() + " made, but its charge could not be read back ("
                    + failed.getMessage() + "); access changes with Stripe's charge.refunded event");
            return new Refunded(refund, false, Optional.empty());
        }
    }

    private PolicyInputs inputs(String userId) {
        return customers.policyInputs(userId).orElseThrow(() -> new PaymentsException(Reason.UNKNOWN_USER,
                "No user of this name has come to the payments service."));
    }

    private Payment paymentOf(PolicyInputs inputs, String chargeId) {
        String customer = inputs.account().stripeCustomerId();
        Optional<Payment> found;
        try {
            found = Optional.of(stripe.payment(chargeId));
        } catch (StripeObjectMissingException unknown) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            throw new PaymentsException(Reason.UNKNOWN_CHARGE, "Stripe knows no charge " + chargeId + ".");
        }
        Payment payment = found.get();
        if (customer == null || !customer.equals(payment.customerId())) {
            throw new PaymentsException(Reason.NOT_THIS_CUSTOMERS_CHARGE, "Charge " + chargeId
                    + " is not a charge of this user's Stripe customer.");
        }
        if (!payment.paid()) {
            throw new PaymentsException(Reason.NOT_REFUNDABLE, "Charge " + chargeId + " was not paid.");
        }
        return payment;
    }

    private static void checkAmount(long amount, long most, String what) {
        if (amount <= 0) {
            throw new PaymentsException(Reason.BAD_REFUND_AMOUNT, "A refund must be more than 0.");
        }
        if (amount > most) {
            throw new PaymentsException(Reason.BAD_REFUND_AMOUNT, "A refund of " + amount
                    + " (minor units) is more than the " + most + " " + what + ".");
        }
    }

    /**
     * A refund made, whether it was applied at once ({@code false}: Stripe could not be asked after it, the event
     * brings the change), and the entitlement change it made (empty: none, as for a partial refund).
     */
    public record Refunded(IssuedRefund refund, boolean applied, Optional<EntitlementChanged> change) {
    }

    /** A refund as it would be made, and what it would do to access under the policy. */
    public record Preview(Payment payment, long amount, AccessEffect effect) {
    }
}
