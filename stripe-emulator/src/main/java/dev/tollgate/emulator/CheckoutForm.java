package dev.tollgate.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The payment form of the emulator's hosted checkout page, read the way a browser submits it: its action and its
 * named inputs, with a card number typed in. For end-to-end tests that pay like a person would, over HTTP, without
 * a browser.
 *
 * @param action the form's {@code action}, relative to the page
 * @param fields the named inputs in page order, with their values
 */
public record CheckoutForm(String action, Map<String, String> fields) {

    /** The card field of the emulator's page ({@code hosted.CheckoutPage}). */
    public static final String CARD_FIELD = "card_number";
    /** The expiry and security code fields beside it; {@link #withCard} fills them as a person would. */
    public static final String EXPIRY_FIELD = "exp";
    public static final String CODE_FIELD = "cvc";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern FORM = Pattern.compile(
            "<form\\b([^>]*\\bmethod=\"post\"[^>]*)>(.*?)</form>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);

    public CheckoutForm {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The first POST form of {@code html}; fails when the page has none. */
    public static CheckoutForm read(String html) {
        Matcher form = FORM.matcher(html);
        if (!form.find()) {
            throw new IllegalStateException("no POST form on the checkout page:\n" + html);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form.group(2));
        while (input.find()) {
            String name = attribute(input.group(1), "name");
            if (name != null) {
                String value = attribute(input.group(1), "value");
                fields.put(name, value == null ? "" : value);
            }
        }
        String action = attribute(form.group(1), "action");
        return new CheckoutForm(action == null ? "" : action, fields);
    }

    /**
     * This form with {@code cardNumber} typed into its card field and, where the page asks for them, an expiry a
     * few years ahead and the code 123; fails when the page has no card field.
     */
    public CheckoutForm withCard(String cardNumber) {
        if (!fields.containsKey(CARD_FIELD)) {
            throw new IllegalStateException("the form has no field '" + CARD_FIELD + "', only " + fields.keySet());
        }
        Map<String, String> filled = new LinkedHashMap<>(fields);
        filled.put(CARD_FIELD, cardNumber);
        if (fields.containsKey(EXPIRY_FIELD)) {
            java.time.YearMonth expiry = java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusYears(3);
            filled.put(EXPIRY_FIELD, String.format("%02d / %02d", expiry.getMonthValue(), expiry.getYear() % 100));
        }
        if (fields.containsKey(CODE_FIELD)) {
            filled.put(CODE_FIELD, "123");
        }
        return new CheckoutForm(action, filled);
    }

    /** The fields as {@code application/x-www-form-urlencoded}. */
    public String encoded() {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Opens the checkout {@code page} with {@code http}, pays with {@code cardNumber} and returns the emulator's
     * answer (303 to the session's success URL when the card pays; 402 and the page again, with the reason, when it
     * is declined).
     */
    public static HttpResponse<String> pay(HttpClient http, URI page, String cardNumber)
            throws IOException, InterruptedException {
        HttpResponse<String> shown = http.send(HttpRequest.newBuilder(page).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (shown.statusCode() != 200) {
            throw new IllegalStateException("checkout page " + page + " answered " + shown.statusCode());
        }
        CheckoutForm form = read(shown.body()).withCard(cardNumber);
        return http.send(HttpRequest.newBuilder(page.resolve(form.action())).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.encoded())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String attribute(String attributes, String name) {
        Matcher value = Pattern.compile("\\b" + name + "=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE).matcher(attributes);
        return value.find() ? value.group(1).replace("&amp;", "&") : null;
    }
}
