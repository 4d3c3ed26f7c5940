package dev.tollgate.web.billing;

import dev.tollgate.payments.config.PaymentsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;

/**
 * CSRF defence for state-changing billing forms: the browser's {@code Origin} (or, when a browser omits it,
 * {@code Referer}) must be this server or {@code PAYMENTS_APP_URL}'s origin. Requests with neither are refused.
 */
@ApplicationScoped
public class SameOrigin {

    @Inject
    PaymentsConfig config;

    public boolean isSatisfiedBy(HttpServletRequest request) {
        String claimed = request.getHeader("Origin");
        if (claimed == null || claimed.isBlank() || "null".equals(claimed)) {
            claimed = request.getHeader("Referer");
        }
        if (claimed == null || claimed.isBlank()) {
            return false;
        }
        String origin = originOf(claimed);
        return origin != null && (origin.equals(originOf(request.getRequestURL().toString()))
                || origin.equals(originOf(config.appUrl().toString())));
    }

    private static String originOf(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
