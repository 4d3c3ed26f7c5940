package dev.tollgate.web.billing;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.web.Responses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The app page a billing request names to come back to (form or query field {@value #FIELD}): a second app on the
 * site, such as one that signs its users in itself, gets its users back rather than at {@code PAYMENTS_SUCCESS_URL}.
 * Only pages in the folders of {@code PAYMENTS_RETURN_URLS} are taken; any other value is refused before anything is
 * asked of Stripe or written, so the WAR never redirects to a page the operator did not list.
 */
@ApplicationScoped
public class AppReturnPages {

    /** The form and query field that names the page. */
    public static final String FIELD = "return_to";

    @Inject
    PaymentsConfig config;

    /** What {@code request} asks for: nothing, a page that is allowed, or one that is refused. */
    Asked askedBy(HttpServletRequest request) {
        String asked = request.getParameter(FIELD);
        if (asked == null) {
            return Asked.NOTHING;
        }
        return config.returnUrls().admit(asked, config.appUrl()).map(page -> new Asked(Optional.of(page), false))
                .orElse(Asked.REFUSED);
    }

    /**
     * Answers a request whose named page was {@linkplain Asked#refused() refused}: 400, one sentence, one log line
     * naming {@code what} was refused (e.g. {@code "a checkout of alice"}).
     */
    static void refuse(Logger log, HttpServletRequest request, HttpServletResponse response, String what)
            throws IOException, ServletException {
        Responses.refuse(log, request, response, 400, "Bad request", "This return address is not one of this site's"
                + " pages.", what + " naming a return address outside PAYMENTS_RETURN_URLS");
    }

    /**
     * A billing request's way back.
     *
     * @param page    the app page to send the user back to; empty = the configured pages
     * @param refused a page was named that is not in {@code PAYMENTS_RETURN_URLS}
     */
    record Asked(Optional<URI> page, boolean refused) {
        static final Asked NOTHING = new Asked(Optional.empty(), false);
        static final Asked REFUSED = new Asked(Optional.empty(), true);
    }
}
