package dev.tollgate.web.pages;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The page for the errors the container answers itself (an unknown path, a wrong method, a refused or missing
 * sign-in, an uncaught exception; web.xml's {@code error-page}s): short and styled, the status and one sentence
 * a person can act on, never a stack trace, an exception's message or the server's version. The servlets' own
 * answers (the webhook's 400, checkout's refusals, health's JSON) keep their bodies: they set a status and write,
 * which the container does not replace. The markup is {@value #VIEW}, reached only by forward, the pattern the
 * admin console's pages follow.
 */
@WebServlet(urlPatterns = ErrorPageServlet.PATH)
public final class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/error-page";
    static final String VIEW = "/WEB-INF/views/error.jsp";

    private record Explanation(String title, String sentence) {
    }

    private static final Explanation UNKNOWN = new Explanation("Something went wrong",
            "The payments service could not answer this request. Try again in a moment.");
    private static final Map<Integer, Explanation> EXPLANATIONS = Map.of(
            400, new Explanation("Bad request", "The request could not be read. Go back and try again."),
            401, new Explanation("Sign-in needed", "Sign in to the shop first, then try again."),
            403, new Explanation("Not allowed", "Your account may not open this page."),
            404, new Explanation("Not found", "There is no page at this address."),
            405, new Explanation("Not allowed here", "This address does not answer that kind of request."),
            500, UNKNOWN,
            503, new Explanation("Try again shortly", "The payments service is busy or starting. Try again in a minute."));

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Opened directly rather than as an error page: there is nothing here.
        int status = code instanceof Integer given ? given : HttpServletResponse.SC_NOT_FOUND;
        Explanation explanation = EXPLANATIONS.getOrDefault(status, status >= 500 ? UNKNOWN
                : new Explanation("Request refused", "This request cannot be answered."));
        show(request, response, status, explanation.title(), explanation.sentence());
    }

    /**
     * Answers {@code status} with the error page saying {@code title} and {@code sentence} (text of our own,
     * never request data: the page does not escape it).
     */
    public static void show(HttpServletRequest request, HttpServletResponse response, int status, String title,
                            String sentence) throws ServletException, IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        request.setAttribute("errorStatus", status);
        request.setAttribute("errorTitle", title);
        request.setAttribute("errorSentence", sentence);
        request.getRequestDispatcher(VIEW).forward(new AsGet(request), response);
    }

    /**
     * The page is rendered whatever method failed: a JSP answers a forwarded PUT or DELETE with a 405 of its own
     * (only an error dispatch is exempt), which would replace this page.
     */
    private static final class AsGet extends HttpServletRequestWrapper {
        AsGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }
    }
}
