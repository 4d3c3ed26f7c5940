package dev.tollgate.gate.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The HTTP shapes of "no": browsers get redirects, API clients (whose {@code Accept} prefers JSON) get a status
 * and a small JSON body. Nothing here says why beyond the requirement; no internals, no stack traces.
 */
public final class Refusals {

    private Refusals() {
    }

    /**
     * Whether the client prefers JSON to HTML: JSON ({@code application/json} or a {@code +json} type) is listed
     * with a higher quality than an explicitly listed HTML type. A wildcard does not count as asking for HTML,
     * so {@code application/json, *}{@code /*} is a JSON client and a browser's {@code text/html,…} is not.
     */
    public static boolean prefersJson(String accept) {
        if (accept == null) {
            return false;
        }
        double json = 0;
        double html = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double quality = qualityOf(parts);
            if (type.equals("application/json") || type.endsWith("+json")) {
                json = Math.max(json, quality);
            } else if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                html = Math.max(html, quality);
            }
        }
        return json > 0 && json > html;
    }

    /** A signed-in user without the right: 402 JSON for an API client, 303 to the pricing page for a browser. */
    public static void paymentRequired(HttpServletRequest request, HttpServletResponse response, String requirement,
                                       String upgradeUrl) throws IOException {
        if (prefersJson(request.getHeader("Accept"))) {
            paymentRequiredJson(response, requirement, upgradeUrl);
        } else {
            seeUpgrade(response, upgradeUrl);
        }
    }

    /** 402 with {@code {"error":"payment_required","requirement":…,"upgrade":…}}. */
    public static void paymentRequiredJson(HttpServletResponse response, String requirement, String upgradeUrl)
            throws IOException {
        writeJson(response, 402, "{\"error\":\"payment_required\",\"requirement\":\"" + escape(requirement)
                + "\",\"upgrade\":\"" + escape(upgradeUrl) + "\"}");
    }

    /** 303 to the pricing page. */
    public static void seeUpgrade(HttpServletResponse response, String upgradeUrl) {
        noStore(response);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", upgradeUrl);
    }

    /** 401 for an API client that is not signed in; the container's login page would be no use to it. */
    public static void authenticationRequiredJson(HttpServletResponse response) throws IOException {
        writeJson(response, 401, "{\"error\":\"authentication_required\"}");
    }

    /** 400 for an {@code Idempotency-Key} header the gate cannot use as a spend key; nothing was spent. */
    public static void badSpendKey(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (prefersJson(request.getHeader("Accept"))) {
            writeJson(response, 400, "{\"error\":\"invalid_idempotency_key\",\"message\":\"Idempotency-Key is 1 to"
                    + " 255 visible ASCII characters\"}");
        } else {
            noStore(response);
            response.sendError(400, "Idempotency-Key is 1 to 255 visible ASCII characters");
        }
    }

    /** 503 when the entitlement cannot be read: refuse rather than guess, and invite a retry. */
    public static void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "5");
        if (prefersJson(request.getHeader("Accept"))) {
            writeJson(response, 503, "{\"error\":\"entitlement_unavailable\"}");
        } else {
            noStore(response);
            response.sendError(503);
        }
    }

    private static void writeJson(HttpServletResponse response, int status, String body) throws IOException {
        noStore(response);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }

    private static double qualityOf(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException unreadable) {
                    return 0;
                }
            }
        }
        return 1;
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
