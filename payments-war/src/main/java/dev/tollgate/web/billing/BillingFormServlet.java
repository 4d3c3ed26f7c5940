package dev.tollgate.web.billing;

import dev.tollgate.web.Responses;
import dev.tollgate.web.ServiceFailures;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * A billing form of the app's pages (checkout, portal) posted to this WAR: the signed-in user is sent (303) to one
 * of Stripe's hosted pages. The rules are the same for each: a user must be signed in (else 401) and the form must
 * come from this site's own pages ({@link SameOrigin}, else 403), both checked before anything is asked or written;
 * a refusal or failure of the service is one sentence and one log line ({@link ServiceFailures}).
 */
abstract class BillingFormServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(BillingFormServlet.class.getName());

    @Inject
    SameOrigin sameOrigin;

    @Inject
    ServiceFailures failures;

    private final String what;
    private final String foreignFormSentence;

    /**
     * @param what                the request, for log lines, e.g. {@code "a checkout"}
     * @param foreignFormSentence the answer to a form posted from another site
     */
    BillingFormServlet(String what, String foreignFormSentence) {
        this.what = what;
        this.foreignFormSentence = foreignFormSentence;
    }

    /** Asks the service where to send {@code user}; a refusal is thrown as the service throws it. */
    abstract String destinationFor(String user, HttpServletRequest request);

    @Override
    protected final void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String user = request.getRemoteUser();
        if (user == null) {
            Responses.refuse(LOG, request, response, 401, "Sign-in needed", "Sign in first.", what);
            return;
        }
        if (!sameOrigin.isSatisfiedBy(request)) {
            Responses.refuse(LOG, request, response, 403, "Not allowed", foreignFormSentence, what + " of " + user);
            return;
        }
        try {
            String destination = destinationFor(user, request);
            response.setStatus(303);
            response.setHeader("Location", destination);
        } catch (RuntimeException failure) {
            failures.answer(failure, request, response, what + " of " + user);
        }
    }
}
