package dev.tollgate.web;

import dev.tollgate.payments.application.PaymentsException;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns a failed service call into the right status and a sentence for the user; details go to the log only. */
@ApplicationScoped
public class ServiceFailures {

    private static final Logger LOG = Logger.getLogger(ServiceFailures.class.getName());

    public void answer(RuntimeException failure, HttpServletResponse response) throws IOException {
        Optional<PaymentsException> refusal = Failures.find(failure, PaymentsException.class);
        if (refusal.isPresent()) {
            Responses.plain(response, statusOf(refusal.get().reason()), refusal.get().getMessage());
            return;
        }
        if (Failures.find(failure, StripeUnavailableException.class).isPresent()) {
            LOG.warning(() -> "Stripe unavailable: " + failure.getMessage());
            Responses.plain(response, 503, "Payments are temporarily unavailable; please try again in a moment.");
            return;
        }
        if (Failures.find(failure, StripeRejectedException.class).isPresent()) {
            LOG.log(Level.WARNING, "Stripe refused a request", failure);
            Responses.plain(response, 502, "The payment provider refused the request.");
            return;
        }
        LOG.log(Level.SEVERE, "Payments request failed", failure);
        Responses.plain(response, 500, "Something went wrong; nothing was charged twice. Please try again.");
    }

    private static int statusOf(PaymentsException.Reason reason) {
        return switch (reason) {
            case UNKNOWN_PRICE -> 400;
            case NOT_YOUR_CHECKOUT -> 403;
            case CHECKOUT_NOT_PAID -> 409;
            case CUSTOMER_NOT_YET_KNOWN, STRIPE_UNAVAILABLE -> 503;
        };
    }
}
