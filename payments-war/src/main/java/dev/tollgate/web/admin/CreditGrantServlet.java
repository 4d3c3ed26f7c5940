package dev.tollgate.web.admin;

import dev.tollgate.payments.application.CustomerReports;
import dev.tollgate.payments.application.EntitlementService;
import dev.tollgate.payments.domain.model.ChangeCause;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.web.EntitlementPublisher;
import dev.tollgate.web.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code POST /admin/customer/credits} ({@code user}, {@code credits} 1–{@value #MOST}, {@code idempotencyKey} from
 * the customer page's form): the admin grants credits, once per key, so a double click or a reload adds them once.
 * They go into the same ledger and balance as bought ones (reason {@code admin_grant}); the customer page's
 * breakdown counts them as grants. Every grant is logged with the admin's name.
 */
@WebServlet(urlPatterns = "/admin/customer/credits")
public class CreditGrantServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(CreditGrantServlet.class.getName());
    /** The most one grant adds: a typo of a few digits more is refused, not granted. */
    static final long MOST = 1_000_000;
    private static final String KEY_PREFIX = "tollgate-grant-";
    private static final Pattern KEY = Pattern.compile(KEY_PREFIX + "[0-9a-f-]{36}");

    @Inject
    CustomerReports customers;

    @Inject
    EntitlementService entitlements;

    @Inject
    EntitlementPublisher publisher;

    /** A fresh key for the customer page's grant form. */
    static String newKey() {
        return KEY_PREFIX + UUID.randomUUID();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String user = parameter(request, "user");
        String creditsText = parameter(request, "credits");
        String key = parameter(request, "idempotencyKey");
        long credits = creditsText.matches("[0-9]{1,7}") ? Long.parseLong(creditsText) : 0;
        if (credits < 1 || credits > MOST || !KEY.matcher(key).matches()) {
            Responses.refuse(LOG, request, response, 400, "Grant refused", "Give a whole number of credits from 1 to "
                    + MOST + " in the form of the customer's page (open it again for a fresh form). Nothing was"
                    + " granted.", "credit grant without a complete form");
            return;
        }
        if (customers.file(user).isEmpty()) {
            Responses.refuse(LOG, request, response, 404, "No such customer",
                    "No user of this name has come to the payments service.", "credit grant to "
                            + Responses.oneLine(user));
            return;
        }
        Optional<EntitlementChanged> granted;
        try (ChangeCause.Scope cause = ChangeCause.of(ChangeCause.Source.CONSOLE,
                "credits by " + request.getRemoteUser()).open()) {
            granted = entitlements.grantCredits(user, credits, key);
        }
        granted.ifPresent(change -> publisher.publishCommitted(List.of(change)));
        LOG.info(() -> (granted.isPresent() ? "Granted " : "Already granted ") + credits + " credits to "
                + Responses.oneLine(user) + " by " + Responses.oneLine(request.getRemoteUser()) + " (" + key + ")");
        ConsolePage.redirectWith(request, response, "customer?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8),
                granted.isPresent() ? "Granted " + credits + " credits to " + user + "."
                        : "This form's grant was made before; nothing more was added.");
    }

    private static String parameter(HttpServletRequest request, String name) {
        return Optional.ofNullable(request.getParameter(name)).map(String::trim).orElse("");
    }
}
