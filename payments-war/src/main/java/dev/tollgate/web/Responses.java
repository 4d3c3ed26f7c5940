package dev.tollgate.web;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.tollgate.web.pages.ErrorPageServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Short answers: a status and one sentence a person can act on, or a JSON body written by Gson from a record or
 * map (never by string concatenation); never a stack trace or a secret.
 */
public final class Responses {

    /** Plain JSON escaping: these bodies are never embedded in HTML, so no \u003c-style escapes. */
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();

    private Responses() {
    }

    public static void plain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().println(message);
    }

    /**
     * A refused request: the short answer, and exactly one log line saying what was refused and why (never a stack
     * trace: a refusal is the client's mistake, and anyone can send many of them).
     */
    public static void refuse(Logger log, HttpServletResponse response, int status, String message, String what)
            throws IOException {
        log.info(() -> "Refused " + what + " with " + status + ": " + oneLine(message));
        plain(response, status, message);
    }

    /**
     * {@link #refuse(Logger, HttpServletResponse, int, String, String)} for a request a person's browser sent (the
     * billing forms and links): a browser that asks for HTML gets the WAR's styled error page with {@code title} and
     * the sentence and a link back to the shop; any other client gets the sentence as plain text. The sentence and
     * title are our own text, never request data (the page does not escape them).
     */
    public static void refuse(Logger log, HttpServletRequest request, HttpServletResponse response, int status,
                              String title, String message, String what) throws IOException, ServletException {
        log.info(() -> "Refused " + what + " with " + status + ": " + oneLine(message));
        page(request, response, status, title, message);
    }

    /** The answer of {@link #refuse(Logger, HttpServletRequest, HttpServletResponse, int, String, String, String)}, not logged. */
    public static void page(HttpServletRequest request, HttpServletResponse response, int status, String title,
                            String message) throws IOException, ServletException {
        String accept = request.getHeader("Accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html")) {
            ErrorPageServlet.show(request, response, status, title, message);
        } else {
            plain(response, status, message);
        }
    }

    /** {@code text} on one line, so that nothing a client sent can start a log line of its own. */
    public static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ");
    }

    /** {@code body} (a record or a map) as JSON; null fields are left out. */
    public static void json(HttpServletResponse response, int status, Object body) throws IOException {
        jsonText(response, status, toJson(body));
    }

    /** A body rendered earlier by {@link #toJson}, for the few answers that are rendered once and reused. */
    public static void jsonText(HttpServletResponse response, int status, String renderedJson) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().print(renderedJson);
    }

    /** The one JSON writer of this WAR: Gson, already on the class path as stripe-java's JSON library. */
    public static String toJson(Object body) {
        return JSON.toJson(body);
    }
}
