package dev.tollgate.web;

import dev.tollgate.payments.application.Causes;
import dev.tollgate.payments.application.PaymentsException;
import dev.tollgate.payments.domain.service.StripeObjectMissingException;
import dev.tollgate.payments.domain.service.StripePermissionMissingException;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns a failed service call into the right status and a sentence for the user; details go to the log only. */
@ApplicationScoped
public class ServiceFailures {

    private static final Logger LOG = Logger.getLogger(ServiceFailures.class.getName());

    /**
     * @param what the request, for the log line, e.g. {@code "checkout of alice"}
     */
    public void answer(RuntimeException failure, HttpServletRequest request, HttpServletResponse response,
                       String what) throws IOException, ServletException {
        Optional<PaymentsException> refusal = Causes.find(failure, PaymentsException.class);
        if (refusal.isPresent()) {
            PaymentsException.Reason reason = refusal.get().reason();
            Responses.refuse(LOG, request, response, statusOf(reason), titleOf(reason), refusal.get().getMessage(),
                    what);
            return;
        }
        Optional<StripeObjectMissingException> missing = Causes.find(failure, StripeObjectMissingException.class);
        if (missing.isPresent()) {
            // e.g. a made-up or foreign cs_… on the return page: the user's mistake, one line, no stack trace
            LOG.info(() -> "Refused " + what + " with 404: " + Responses.oneLine(missing.get().getMessage()));
            Responses.page(request, response, 404, "Not found", "Not found: the payment provider knows no such checkout.");
            return;
        }
        Optional<StripeUnavailableException> unavailable = Causes.find(failure, StripeUnavailableException.class);
        if (unavailable.isPresent()) {
            LOG.warning(() -> "Stripe unavailable for " + what + ": " + Responses.oneLine(unavailable.get().getMessage()));
            Responses.page(request, response, 503, "Try again shortly",
                    "Payments are temporarily unavailable; please try again in a moment.");
            return;
        }
        Optional<StripePermissionMissingException> lacking =
                Causes.find(failure, StripePermissionMissingException.class);
        if (lacking.isPresent()) {
            // The Stripe adapter has put it on /health's list already, as for a refusal of any other caller.
            String permission = lacking.get().permission();
            LOG.warning(() -> "Stripe refused " + what + ": the key lacks the permission '" + permission + "'");
            Responses.page(request, response, 503, "Payments are not fully set up",
                    "The shop's Stripe key lacks the permission '" + permission + "'. Nothing was charged; the "
                            + "shop's operator can add it in Stripe's Dashboard. Please try again later.");
            return;
        }
        Optional<StripeRejectedException> rejected = Causes.find(failure, StripeRejectedException.class);
        if (rejected.isPresent()) {
            LOG.warning(() -> "Stripe refused " + what + ": " + Responses.oneLine(rejected.get().getMessage()));
            Responses.page(request, response, 502, "Refused by the payment provider",
                    "The payment provider refused the request.");
            return;
        }
        LOG.log(Level.SEVERE, "Payments request failed", failure);
        Responses.page(request, response, 500, "Something went wrong",
                "Something went wrong; nothing was charged twice. Please try again.");
    }

    private static int statusOf(PaymentsException.Reason reason) {
        return switch (reason) {
            case UNKNOWN_PRICE -> 400;
            case NOT_YOUR_CHECKOUT -> 403;
            case CHECKOUT_NOT_PAID -> 409;
            // accepted, not refused: the bank's answer is on its way and the page says what happens next
            case PAYMENT_PROCESSING -> 202;
            case PAYMENT_FAILED -> 402;
            case CUSTOMER_NOT_YET_KNOWN -> 503;
            case NO_CUSTOMER, PLAN_ALREADY_HELD -> 409;
            case UNKNOWN_USER, UNKNOWN_CHARGE -> 404;
            case NOT_THIS_CUSTOMERS_CHARGE -> 403;
            case NOT_REFUNDABLE -> 409;
            case BAD_REFUND_AMOUNT -> 400;
        };
    }

    /** The heading of the page a browser shows for the refusal. */
    private static String titleOf(PaymentsException.Reason reason) {
        return switch (reason) {
            case UNKNOWN_PRICE -> "Not for sale";
            case NOT_YOUR_CHECKOUT -> "Not your checkout";
            case CHECKOUT_NOT_PAID -> "Not paid yet";
            case PAYMENT_PROCESSING -> "Payment processing";
            case PAYMENT_FAILED -> "Payment failed";
            case CUSTOMER_NOT_YET_KNOWN -> "Try again shortly";
            case NO_CUSTOMER -> "Nothing to manage yet";
            case PLAN_ALREADY_HELD -> "Already yours";
            case UNKNOWN_USER, UNKNOWN_CHARGE, NOT_THIS_CUSTOMERS_CHARGE, NOT_REFUNDABLE, BAD_REFUND_AMOUNT ->
                    "Refund refused";
        };
    }
}
