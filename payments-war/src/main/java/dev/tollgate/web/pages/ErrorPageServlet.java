package dev.tollgate.web.pages;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The page for the errors the container answers itself (an unknown path, a wrong method, a refused or missing
 * sign-in, an uncaught exception; web.xml's {@code error-page}s): short and styled, the status and one sentence
 * a person can act on, never a stack trace, an exception's message or the server's version. The servlets' own
 * answers (the webhook's 400, checkout's refusals, health's JSON) keep their bodies: they set a status and write,
 * which the container does not replace.
 */
@WebServlet(urlPatterns = ErrorPageServlet.PATH)
public final class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/error-page";

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
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Opened directly rather than as an error page: there is nothing here.
        int status = code instanceof Integer given ? given : HttpServletResponse.SC_NOT_FOUND;
        Explanation explanation = EXPLANATIONS.getOrDefault(status, status >= 500 ? UNKNOWN
                : new Explanation("Request refused", "This request cannot be answered."));
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().print(page(status, explanation));
    }

    private static String page(int status, Explanation explanation) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%2$s</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}
                .status{color:#888;font-size:.9rem;letter-spacing:.05em}
                h1{margin:.2rem 0 1rem}
                a{color:#0b57d0}
                </style></head>
                <body><main class="error-page">
                <p class="status">Error %1$d</p>
                <h1 id="error-title">%2$s</h1>
                <p id="error-sentence">%3$s</p>
                <p><a href="/">Back to the shop</a></p>
                </main></body></html>
                """.formatted(status, explanation.title(), explanation.sentence());
    }
}
