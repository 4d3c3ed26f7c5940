package dev.tollgate.payments.infrastructure.stripe;

import com.stripe.exception.ApiException;
import com.stripe.net.StripeResponse;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.StripePage;
import dev.tollgate.payments.domain.service.RejectedWebhookException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A page of {@code GET /v1/events}, each event read by {@link StripeEventReader} from its own JSON text exactly as
 * Stripe sent it within the list: the text is cut out of the response, not parsed and written again (which would
 * change the stored payload's white space and escapes). So a listed event becomes the same {@link StripeEvent} a
 * webhook delivery of that text gives, checked as strictly.
 */
final class ListedEvents {

    private final String json;
    private int at;
    private final List<String> data = new ArrayList<>();
    private boolean hasMore;

    private ListedEvents(String json) {
        this.json = json;
    }

    /**
     * @throws ApiException when the page or an event in it cannot be read: a broken answer from Stripe, which
     *                      stripe-java reports the same way for any other object
     */
    static StripePage<StripeEvent> page(StripeResponse response) throws ApiException {
        ListedEvents list = new ListedEvents(response.body());
        try {
            list.readList();
        } catch (IllegalArgumentException | IndexOutOfBoundsException broken) {
            throw unreadable(response, "the list", broken);
        }
        List<StripeEvent> events = new ArrayList<>();
        for (String event : list.data) {
            try {
                events.add(StripeEventReader.read(event));
            } catch (RejectedWebhookException broken) {
                throw unreadable(response, "an event (" + broken.getMessage() + ")", broken);
            }
        }
        Optional<String> next = list.hasMore && !events.isEmpty()
                ? Optional.of(events.get(events.size() - 1).id()) : Optional.empty();
        return new StripePage<>(events, next);
    }

    private static ApiException unreadable(StripeResponse response, String what, RuntimeException cause) {
        return new ApiException("Stripe listed events, but " + what + " cannot be read", response.requestId(), null,
                response.code(), cause);
    }

    /** The list object: the text of each element of {@code data}, {@code has_more}; other fields skipped. */
    private void readList() {
        expect('{');
        if (next() != '}') {
            do {
                String name = string();
                expect(':');
                switch (name) {
                    case "data" -> elements();
                    case "has_more" -> hasMore = "true".equals(valueText());
                    default -> skipValue();
                }
            } while (comma());
        }
        expect('}');
        whitespace();
        if (at != json.length()) {
            throw new IllegalArgumentException("text after the list");
        }
    }

    private void elements() {
        expect('[');
        if (next() != ']') {
            do {
                data.add(valueText());
            } while (comma());
        }
        expect(']');
    }

    private String valueText() {
        whitespace();
        int start = at;
        skipValue();
        return json.substring(start, at);
    }

    private void skipValue() {
        char first = next();
        if (first == '"') {
            string();
        } else if (first == '{' || first == '[') {
            nested();
        } else {
            while (at < json.length() && ",}] \t\r\n".indexOf(json.charAt(at)) < 0) {
                at++;
            }
        }
    }

    /** An object or array with all it holds; brackets inside strings do not count. */
    private void nested() {
        int depth = 0;
        do {
            char c = json.charAt(at);
            if (c == '"') {
                string();
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            at++;
        } while (depth > 0);
    }

    /** A string as written (escapes kept: field names of a list need none). */
    private String string() {
        expect('"');
        int start = at;
        while (json.charAt(at) != '"') {
            at += json.charAt(at) == '\\' ? 2 : 1;
        }
        return json.substring(start, at++);
    }

    private boolean comma() {
        if (next() == ',') {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char wanted) {
        if (next() != wanted) {
            throw new IllegalArgumentException("expected '" + wanted + "' at " + at);
        }
        at++;
    }

    /** The next character that is not white space, not consumed. */
    private char next() {
        whitespace();
        return json.charAt(at);
    }

    private void whitespace() {
        while (at < json.length() && " \t\r\n".indexOf(json.charAt(at)) >= 0) {
            at++;
        }
    }
}
