package dev.tollgate.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person on the Stripe emulator's hosted checkout page: fills in the card field of its form and submits it,
 * keeping every other field the page carries.
 */
public final class HostedCheckout {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern FORM = Pattern.compile(
            "<form\\b([^>]*\\bmethod=\"post\"[^>]*)>(.*?)</form>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);

    private HostedCheckout() {
    }

    /** Pays on {@code page} with {@code card}; fails unless the emulator accepts it (303 onwards). */
    public static void pay(HttpClient http, URI page, String card) throws IOException, InterruptedException {
        HttpResponse<String> shown = http.send(HttpRequest.newBuilder(page).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (shown.statusCode() != 200) {
            throw new AssertionError("checkout page " + page + " answered " + shown.statusCode());
        }
        Matcher form = FORM.matcher(shown.body());
        if (!form.find()) {
            throw new AssertionError("no POST form on the checkout page:\n" + shown.body());
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
        fields.put("card_number", card);
        String action = attribute(form.group(1), "action");
        HttpResponse<String> paid = http.send(HttpRequest.newBuilder(page.resolve(action == null ? "" : action))
                .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncoded(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (paid.statusCode() != 303) {
            throw new AssertionError("paying with " + card + " answered " + paid.statusCode() + ":\n" + paid.body());
        }
    }

    /** {@code application/x-www-form-urlencoded}, in the map's order. */
    public static String formEncoded(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String attribute(String attributes, String name) {
        Matcher value = Pattern.compile("\\b" + name + "=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE).matcher(attributes);
        return value.find() ? value.group(1).replace("&amp;", "&") : null;
    }
}
