package dev.tollgate.web.admin;

import dev.tollgate.payments.domain.model.EventQuery;
import dev.tollgate.payments.domain.model.EventStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The events page's filter as the form sends it: {@code status}, {@code type}, {@code customer} (cus_…),
 * {@code from} and {@code to} (a date, a date and time in the admin's zone, or an ISO-8601 instant) and
 * {@code offset}. The fields echo back into the form as given.
 */
public record EventFilter(String status, String type, String customer, String from, String to, EventQuery query) {

    static final String HELP = "Filter by status (processed, ignored, failed, refused, unmatched), type"
            + " (e.g. invoice.paid), customer (cus_…), from and to (2026-12-01, 2026-12-01T08:00 in the console's"
            + " time zone, or an ISO-8601 instant); offset a whole number.";

    static Optional<EventFilter> from(HttpServletRequest request, ZoneId zone, int limit) {
        String status = field(request, "status");
        String type = field(request, "type");
        String customer = field(request, "customer");
        String from = field(request, "from");
        String to = field(request, "to");
        String offset = field(request, "offset");
        try {
            Optional<EventStatus> statusValue = status.isEmpty() ? Optional.empty()
                    : Optional.of(EventStatus.fromDb(status));
            if (!type.matches("[a-z0-9_.*]{0,100}") || !customer.matches("(cus_[A-Za-z0-9]{1,100})?")
                    || !offset.matches("\\d{0,9}")) {
                return Optional.empty();
            }
            EventQuery query = new EventQuery(statusValue, nonEmpty(type), nonEmpty(customer), moment(from, zone),
                    moment(to, zone), offset.isEmpty() ? 0 : Integer.parseInt(offset), limit);
            return Optional.of(new EventFilter(status, type, customer, from, to, query));
        } catch (IllegalArgumentException | DateTimeException malformed) {
            return Optional.empty();
        }
    }

    /** The list's address with this filter at another offset. */
    String pageLink(int offset) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", status);
        fields.put("type", type);
        fields.put("customer", customer);
        fields.put("from", from);
        fields.put("to", to);
        fields.put("offset", String.valueOf(offset));
        return "events?" + fields.entrySet().stream().filter(field -> !field.getValue().isEmpty())
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String field(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value.trim();
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Instant> moment(String text, ZoneId zone) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
        }
        if (text.length() == 10) {
            return Optional.of(LocalDate.parse(text).atStartOfDay(zone).toInstant());
        }
        return Optional.of(LocalDateTime.parse(text).atZone(zone).toInstant());
    }
}
