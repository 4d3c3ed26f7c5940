package dev.tollgate.web.admin;

import dev.tollgate.web.pages.CsrfTokens;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * What every console page shares: the layout's attributes (title, the section the navigation marks, the
 * signed-in admin, the CSRF token for the page's forms, a message left by the last action) and the forward to
 * its JSP under {@value #VIEWS}, where no logic lives.
 */
final class ConsolePage {

    static final String VIEWS = "/WEB-INF/views/admin/";
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ConsolePage.class.getName());
    private static final String FLASH = ConsolePage.class.getName() + ".flash";

    private ConsolePage() {
    }

    static void show(HttpServletRequest request, HttpServletResponse response, String view, String title,
                     String section, ConsoleFormat format) throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-store");
        request.setAttribute("pageTitle", title);
        request.setAttribute("section", section);
        request.setAttribute("admin", request.getRemoteUser());
        request.setAttribute("csrfToken", CsrfTokens.tokenFor(request));
        request.setAttribute("timeZone", format.zone().getId());
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(FLASH) != null) {
            request.setAttribute("flash", session.getAttribute(FLASH));
            session.removeAttribute(FLASH);
        }
        request.getRequestDispatcher(VIEWS + view + ".jsp").forward(request, response);
    }

    /**
     * A console resource: its data as JSON for {@code /admin/api/…}, else the page {@code view} with the data in
     * the request attribute {@code attribute}.
     */
    static void answer(HttpServletRequest request, HttpServletResponse response, Object data, String attribute,
                       String view, String title, String section, ConsoleFormat format)
            throws ServletException, IOException {
        if (request.getServletPath().startsWith("/admin/api/")) {
            dev.tollgate.web.Responses.json(response, 200, data);
            return;
        }
        request.setAttribute(attribute, data);
        show(request, response, view, title, section, format);
    }

    /**
     * Whether this POST is to {@code actionPath}, the one address of the servlet that acts; any other answers 405
     * with the error page and one log line.
     */
    static boolean isPostTo(String actionPath, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (request.getServletPath().equals(actionPath)) {
            return true;
        }
        dev.tollgate.web.Responses.refuse(LOG, request, response, 405, "Not allowed here",
                "This address only shows; the page's buttons act.", "a POST to " + request.getServletPath());
        return false;
    }

    /** After a POST: the message for the next page, and a 303 to it (reloading that page posts nothing). */
    static void redirectWith(HttpServletRequest request, HttpServletResponse response, String consolePath,
                             String message) throws IOException {
        request.getSession(true).setAttribute(FLASH, message);
        // 303, not sendRedirect's 302: "see the result with a GET", whatever the client does with a 302 after a POST
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/admin/" + consolePath);
    }
}
