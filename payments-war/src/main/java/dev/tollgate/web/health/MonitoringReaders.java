package dev.tollgate.web.health;

import dev.tollgate.payments.config.PaymentsRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** Who may read what an operator reads ({@code /health}'s details, the metrics): the admin role or the token. */
@ApplicationScoped
public class MonitoringReaders {

    static final String ADMIN_ROLE = "payments-admin";

    @Inject
    PaymentsRuntime runtime;

    private volatile MonitoringToken token;

    /** Whether the request carries {@code PAYMENTS_MONITORING_TOKEN} as its bearer token. */
    public boolean presentsToken(HttpServletRequest request) {
        MonitoringToken known = token;
        if (known == null) {
            known = new MonitoringToken(runtime.config().monitoringToken());
            token = known;
        }
        return known.presentedBy(request);
    }

    /** The admin role (as far as the container has authenticated the request) or the token. */
    public boolean admits(HttpServletRequest request) {
        return request.isUserInRole(ADMIN_ROLE) || presentsToken(request);
    }
}
