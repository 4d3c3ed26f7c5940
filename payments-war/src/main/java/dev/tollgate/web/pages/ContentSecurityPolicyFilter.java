package dev.tollgate.web.pages;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * Sets a strict {@code Content-Security-Policy} on the WAR's own HTML pages: scripts, styles, images and form
 * targets from this WAR only, no inline script, no plugins, no {@code <base>}, and no framing by any site
 * (clickjacking of the admin console). A page of ours that needs inline script is wrong, not the policy. Also
 * {@code X-Content-Type-Options: nosniff}, so a response is never run as another type than it says.
 *
 * <p>Installation (this WAR's web.xml maps it to the error page and {@code /admin/*}, for every dispatch):
 * <pre>{@code
 * <filter>
 *     <filter-name>content-security-policy</filter-name>
 *     <filter-class>dev.tollgate.web.pages.ContentSecurityPolicyFilter</filter-class>
 *     <!-- optional; the default is DEFAULT_POLICY -->
 *     <init-param><param-name>policy</param-name><param-value>default-src 'self'; ...</param-value></init-param>
 * </filter>
 * }</pre>
 * A policy that allows {@code 'unsafe-inline'} or {@code 'unsafe-eval'}, or says nothing of
 * {@code frame-ancestors}, stops the deployment.
 */
public class ContentSecurityPolicyFilter extends HttpFilter {

    public static final String INIT_PARAM_POLICY = "policy";
    public static final String DEFAULT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private String policy = DEFAULT_POLICY;

    @Override
    public void init() throws ServletException {
        String configured = getInitParameter(INIT_PARAM_POLICY);
        if (configured != null && !configured.isBlank()) {
            policy = checked(configured.trim());
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
    }

    static String checked(String policy) throws ServletException {
        String lower = policy.toLowerCase(Locale.ROOT);
        if (lower.contains("'unsafe-inline'") || lower.contains("'unsafe-eval'") || !lower.contains("frame-ancestors")
                || policy.chars().anyMatch(c -> c < 0x20)) {
            throw new ServletException("Init-param " + INIT_PARAM_POLICY + " of ContentSecurityPolicyFilter must be a "
                    + "one-line policy without 'unsafe-inline' or 'unsafe-eval' that names frame-ancestors, e.g. \""
                    + DEFAULT_POLICY + "\"; it is \"" + policy + "\"");
        }
        return policy;
    }
}
