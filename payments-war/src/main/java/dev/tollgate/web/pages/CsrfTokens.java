package dev.tollgate.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Synchronizer tokens for the WAR's own pages: one random token per session, written into each form of those
 * pages as the hidden field {@value #FIELD} (or sent by a script of ours as the header {@value #HEADER}), and
 * checked on every state-changing request by {@link CsrfFilter}. Another site can make a signed-in admin's
 * browser post to us, but cannot read our pages, so it cannot know the token.
 *
 * <p>Not used by {@code POST /billing/checkout}: its form lives in the app, another webapp with another session,
 * so checkout keeps the same-origin check ({@code SameOrigin}).
 *
 * <p>In a JSP: {@code <input type="hidden" name="_csrf" value="${csrfToken}">}, after the page's servlet called
 * {@code request.setAttribute("csrfToken", CsrfTokens.tokenFor(request))}.
 */
public final class CsrfTokens {

    /** The form field that carries the token. */
    public static final String FIELD = "_csrf";
    /** The header that carries the token for requests sent by a script. */
    public static final String HEADER = "X-CSRF-Token";

    static final String SESSION_ATTRIBUTE = CsrfTokens.class.getName();
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {
    }

    /** This session's token, created (with the session) on first use; the same for the session's life. */
    public static String tokenFor(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        // one lock for all sessions: held only while a token is looked up or created, and it keeps two first
        // requests of one session from creating two tokens (the page rendered with the first would then fail)
        synchronized (CsrfTokens.class) {
            Object token = session.getAttribute(SESSION_ATTRIBUTE);
            if (token instanceof String existing) {
                return existing;
            }
            byte[] bytes = new byte[TOKEN_BYTES];
            RANDOM.nextBytes(bytes);
            String created = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(SESSION_ATTRIBUTE, created);
            return created;
        }
    }

    /**
     * Whether the request carries its session's token, in the form field or the header. A request without a
     * session or a session without a token has nothing to match: false. Compared in constant time, so response
     * times tell nothing about how much of a guess was right.
     */
    public static boolean presentIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
        if (!(expected instanceof String token)) {
            return false;
        }
        String presented = request.getHeader(HEADER);
        if (presented == null) {
            presented = request.getParameter(FIELD);
        }
        return presented != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
