package dev.tollgate.web.billing;

import dev.tollgate.gate.HandOff.Purpose;
import dev.tollgate.web.Responses;
import dev.tollgate.web.ServiceFailures;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A billing form of the app's pages (checkout, portal) posted to this WAR: the signed-in user is sent (303) to one
 * of Stripe's hosted pages. The rules are the same for each: a user must be signed in (else 401) and the form must
 * come from this site's own pages ({@link SameOrigin}, else 403), both checked before anything is asked or written;
 * an app that signs its users in itself names the user with a hand-off token ({@link HandOffUsers}), and a token that
 * is not valid for this form is a 403; a form may name an app page to come back to ({@link AppReturnPages}), and one
 * outside {@code PAYMENTS_RETURN_URLS} is a 400;
 * a refusal or failure of the service is one sentence and one log line ({@link ServiceFailures}).
 */
abstract class BillingFormServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(BillingFormServlet.class.getName());

    @Inject
    SameOrigin sameOrigin;

    @Inject
    ServiceFailures failures;

    @Inject
    HandOffUsers users;

    @Inject
    AppReturnPages returnPages;

    private final String what;
    private final String foreignFormSentence;
    private final Purpose purpose;

    /**
     * @param what                the request, for log lines, e.g. {@code "a checkout"}
     * @param foreignFormSentence the answer to a form posted from another site
     * @param purpose             what a hand-off token must have been signed for to be taken here
     */
    BillingFormServlet(String what, String foreignFormSentence, Purpose purpose) {
        this.what = what;
        this.foreignFormSentence = foreignFormSentence;
        this.purpose = purpose;
    }

    /**
     * Asks the service where to send {@code user}; a refusal is thrown as the service throws it.
     *
     * @param handedOff whether the user was named by a hand-off token rather than by container security
     * @param back      the app page the form asked to come back to (allowed already); empty = the configured pages
     */
    abstract String destinationFor(String user, boolean handedOff, Optional<URI> back, HttpServletRequest request);

    @Override
    protected final void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        HandOffUsers.BillingUser billingUser = users.userOf(request, response, purpose);
        if (billingUser.refused()) {
            Responses.refuse(LOG, request, response, 403, "Not allowed",
                    "This link has expired or is not valid here: go back to the app and try again.",
                    what + " with a hand-off token that is not valid");
            return;
        }
        String user = billingUser.id();
        if (user == null) {
            return; // the container has asked for credentials (401)
        }
        if (!sameOrigin.isSatisfiedBy(request)) {
            Responses.refuse(LOG, request, response, 403, "Not allowed", foreignFormSentence, what + " of " + user);
            return;
        }
        AppReturnPages.Asked back = returnPages.askedBy(request);
        if (back.refused()) {
            AppReturnPages.refuse(LOG, request, response, what + " of " + user);
            return;
        }
        try {
            String destination = destinationFor(user, billingUser.handedOff(), back.page(), request);
            response.setStatus(303);
            response.setHeader("Location", destination);
        } catch (RuntimeException failure) {
            failures.answer(failure, request, response, what + " of " + user);
        }
    }
}
