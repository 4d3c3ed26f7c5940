package dev.tollgate.web.pages;

import dev.tollgate.web.Responses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Refuses a state-changing request to the WAR's own pages that does not carry its session's
 * {@link CsrfTokens synchronizer token}: 403 with the short error page and one log line; nothing behind the
 * filter runs. GET, HEAD and OPTIONS pass: they must not change anything.
 *
 * <p>Installation (in this WAR's web.xml, for the pages that post forms):
 * <pre>{@code
 * <filter>
 *     <filter-name>csrf</filter-name>
 *     <filter-class>dev.tollgate.web.pages.CsrfFilter</filter-class>
 * </filter>
 * <filter-mapping>
 *     <filter-name>csrf</filter-name>
 *     <url-pattern>/admin/*</url-pattern>
 * </filter-mapping>
 * }</pre>
 */
public class CsrfFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(CsrfFilter.class.getName());
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE_METHODS.contains(request.getMethod()) || CsrfTokens.presentIn(request)) {
            chain.doFilter(request, response);
            return;
        }
        LOG.info(() -> "Refused a " + Responses.oneLine(request.getMethod()) + " to "
                + Responses.oneLine(request.getRequestURI()) + " of " + Responses.oneLine(request.getRemoteUser())
                + " with 403: no or wrong CSRF token");
        ErrorPageServlet.show(request, response, HttpServletResponse.SC_FORBIDDEN, "Form expired",
                "This form is out of date or was not sent from this site. Reload the page and try again.");
    }
}
