package dev.tollgate.web.billing;

import dev.tollgate.gate.HandOff.Purpose;
import dev.tollgate.payments.application.BillingPortal;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;

/**
 * {@code POST /billing/portal}: sends the signed-in user to Stripe's customer portal, where they switch plans,
 * cancel or take a cancellation back, and which links back to the app ({@code PAYMENTS_PORTAL_RETURN_URL}). Under
 * the rules of the checkout form: signed in, and posted from the app's own pages (same origin), so another site
 * cannot open a user's billing. A user who never bought anything gets a short page saying so.
 *
 * <p>An app that signs its users in itself adds a hidden field {@code payments_handoff} with a
 * {@link Purpose#PORTAL} token ({@link dev.tollgate.gate.HandOff}), and may name its own page for the portal to link
 * back to ({@value AppReturnPages#FIELD}, one of {@code PAYMENTS_RETURN_URLS}). The app's button: {@code <form method="post" action="/payments/billing/portal"><button>Manage
 * billing</button></form>}.
 */
@WebServlet(urlPatterns = "/billing/portal")
public class PortalServlet extends BillingFormServlet {

    @Inject
    BillingPortal portal;

    public PortalServlet() {
        super("a portal session", "Billing must be opened from this site's own pages.", Purpose.PORTAL);
    }

    @Override
    String destinationFor(String user, boolean handedOff, Optional<URI> back, HttpServletRequest request) {
        return back.map(page -> portal.open(user, page.toString())).orElseGet(() -> portal.open(user));
    }
}
