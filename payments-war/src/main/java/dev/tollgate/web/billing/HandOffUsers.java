package dev.tollgate.web.billing;

import dev.tollgate.gate.HandOff;
import dev.tollgate.gate.HandOff.Purpose;
import dev.tollgate.payments.config.PaymentsConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Who a billing request is for: the user a valid hand-off token names ({@link HandOff}, signed by an app that signs
 * its users in itself with {@code PAYMENTS_HANDOFF_SECRET}), else the container's signed-in user. A request that
 * carries a token is judged by the token alone, so a bad token is refused rather than quietly replaced by another
 * user. web.xml leaves the three billing paths outside the {@code /billing/*} constraint so that a token can pass;
 * without one the container is asked to authenticate, as the constraint did (BASIC, or the single sign-on it has).
 */
@ApplicationScoped
public class HandOffUsers {

    @Inject
    PaymentsConfig config;

    @Inject
    Clock clock;

    private Optional<HandOff> handOff;

    @PostConstruct
    void readSecret() {
        // PaymentsConfig has refused a short secret at start-up already, naming the setting
        handOff = config.handOffSecret().map(HandOff::withSecret);
    }

    /**
     * The user of {@code request} for {@code purpose}; {@link BillingUser#NONE} when the container has answered
     * with its request for credentials.
     */
    BillingUser userOf(HttpServletRequest request, HttpServletResponse response, Purpose purpose)
            throws IOException, ServletException {
        String token = request.getParameter(HandOff.FIELD);
        if (token == null) {
            if (request.getUserPrincipal() == null && !request.authenticate(response)) {
                return BillingUser.NONE;
            }
            return new BillingUser(request.getRemoteUser(), false);
        }
        return handOff.flatMap(verifier -> verifier.verify(token, purpose, clock.instant()))
                .map(user -> new BillingUser(user, true))
                .orElse(BillingUser.FORGED);
    }

    /** A return token for {@code user}, signed now, for Checkout's return address. */
    String returnToken(String user) {
        return handOff.orElseThrow(() -> new IllegalStateException(HandOff.SECRET_SETTING + " is not set"))
                .sign(user, Purpose.RETURN, clock.instant());
    }

    /**
     * The user a billing request acts for.
     *
     * @param id        the user id, {@code null} for none or a refused token
     * @param handedOff whether the id came from a hand-off token rather than from container security
     */
    record BillingUser(String id, boolean handedOff) {
        static final BillingUser NONE = new BillingUser(null, false);
        static final BillingUser FORGED = new BillingUser(null, true);

        /** A token came and was not valid here: wrong secret, purpose, or expired, or no secret configured. */
        boolean refused() {
            return id == null && handedOff;
        }
    }
}
