package dev.tollgate.gate;

import dev.tollgate.gate.internal.Refusals;
import dev.tollgate.gate.internal.SpendKeys;
import dev.tollgate.gate.rule.Requirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * The gate's {@code credits:n} and {@code spend:<unit>:n} rules: each request they let through spends {@code n}
 * credits (or units), once per {@value EntitlementFilter#IDEMPOTENCY_KEY_HEADER} (see {@link EntitlementFilter},
 * Decisions).
 */
final class MeteredRequests {

    private static final Logger LOG = Logger.getLogger(MeteredRequests.class.getName());
    private static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final Credits credits;
    private final String upgradeUrl;

    MeteredRequests(Credits credits, String upgradeUrl) {
        this.credits = credits;
        this.upgradeUrl = upgradeUrl;
    }

    /**
     * Takes the rule's credits for this request, or finds its key spent before. Answers a refusal itself (400 for a
     * malformed key, 402 or pricing for a short balance, 503 when the database fails) and then returns
     * {@code false}: the request may not go on.
     */
    boolean spend(HttpServletRequest request, HttpServletResponse response, String user, String path,
                  Requirement requirement) throws IOException {
        String key = request.getHeader(EntitlementFilter.IDEMPOTENCY_KEY_HEADER);
        if (key != null && !SpendKeys.isValid(key)) {
            LOG.info(() -> "Tollgate refused a malformed " + EntitlementFilter.IDEMPOTENCY_KEY_HEADER
                    + " header of " + user);
            Refusals.badSpendKey(request, response);
            return false;
        }
        String query = request.getQueryString();
        String target = path + (query == null ? "" : "?" + query);
        String sourceKey = SpendKeys.ofRequest(user, request.getMethod(), target,
                key == null ? SpendKeys.unrepeatable() : key);
        Spend spend;
        try {
            // A refusal is remembered only under a client's key: no one can repeat a key the gate made up.
            spend = credits.spend(user, requirement.unitSpent(), sourceKey, requirement.creditsSpent(),
                    request.getMethod() + " " + target, key != null);
        } catch (SQLException failed) {
            LOG.warning(() -> "Tollgate gate cannot spend the credits of a user (" + failed.getClass().getName()
                    + ", SQLState " + failed.getSQLState() + "): " + failed.getMessage());
            Refusals.unavailable(request, response);
            return false;
        }
        if (spend.repeat()) {
            response.setHeader(REPLAYED_HEADER, "true");
        }
        if (!spend.isCharged()) {
            Refusals.paymentRequired(request, response, requirement.toString(), upgradeUrl);
            return false;
        }
        return true;
    }
}
