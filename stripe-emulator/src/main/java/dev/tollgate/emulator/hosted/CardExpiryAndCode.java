package dev.tollgate.emulator.hosted;

import dev.tollgate.emulator.http.Params;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expiry date and security code typed next to the card number on the hosted checkout page. As with Stripe's
 * test cards, any expiry that has not passed and any 3- or 4-digit code are accepted; an incomplete or past one is
 * refused with Stripe's wording before anything is charged. A post that carries neither field (a script paying with
 * only {@code card_number}) is not asked for them.
 */
final class CardExpiryAndCode {

    static final String EXPIRY_FIELD = "exp";
    static final String CODE_FIELD = "cvc";

    /** {@code MM/YY}, {@code MM / YY} or {@code MM/YYYY}. */
    private static final Pattern EXPIRY = Pattern.compile("\\s*(\\d{1,2})\\s*/\\s*(\\d{2}|\\d{4})\\s*");
    private static final Pattern CODE = Pattern.compile("\\s*\\d{3,4}\\s*");

    private CardExpiryAndCode() {
    }

    /** The card's fields as a person fills them in: number, expiry and code, with the test-mode hint. */
    static String inputs() {
        return "<label for=\"card_number\">Card number</label>"
                + "<input id=\"card_number\" name=\"card_number\" inputmode=\"numeric\" "
                + "placeholder=\"4242 4242 4242 4242\" autocomplete=\"cc-number\">"
                + "<label for=\"exp\">Expiry (MM / YY)</label>"
                + "<input id=\"exp\" name=\"" + EXPIRY_FIELD + "\" placeholder=\"MM / YY\" autocomplete=\"cc-exp\">"
                + "<label for=\"cvc\">CVC</label>"
                + "<input id=\"cvc\" name=\"" + CODE_FIELD
                + "\" inputmode=\"numeric\" placeholder=\"123\" autocomplete=\"cc-csc\">"
                + "<p class=\"hint\">Test mode: any future expiry and any 3-digit CVC.</p>";
    }

    /**
     * Why the typed expiry or code cannot pay at {@code nowEpochSecond}, or empty when they can (or were not asked).
     */
    static Optional<String> problem(Params form, long nowEpochSecond) {
        Optional<String> expiry = typed(form, EXPIRY_FIELD);
        Optional<String> code = typed(form, CODE_FIELD);
        if (expiry.isPresent()) {
            Matcher parts = EXPIRY.matcher(expiry.get());
            if (!parts.matches() || Integer.parseInt(parts.group(1)) < 1 || Integer.parseInt(parts.group(1)) > 12) {
                return Optional.of("Your card's expiration date is incomplete.");
            }
            int year = Integer.parseInt(parts.group(2));
            YearMonth expires = YearMonth.of(year < 100 ? 2000 + year : year, Integer.parseInt(parts.group(1)));
            YearMonth now = YearMonth.from(Instant.ofEpochSecond(nowEpochSecond).atZone(ZoneOffset.UTC));
            if (expires.isBefore(now)) {
                return Optional.of("Your card's expiration date is in the past.");
            }
        }
        if (code.isPresent() && !CODE.matcher(code.get()).matches()) {
            return Optional.of("Your card's security code is incomplete.");
        }
        return Optional.empty();
    }

    /** What was typed into a field the form sent, "" for one left empty; nothing when the field was not sent. */
    private static Optional<String> typed(Params form, String field) {
        return form.isBlanked(field) ? Optional.of("") : form.string(field);
    }
}
