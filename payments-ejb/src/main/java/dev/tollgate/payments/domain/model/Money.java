package dev.tollgate.payments.domain.model;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * An amount as Stripe writes it: whole minor units of an ISO 4217 currency (1999 usd = 19.99 USD). How many
 * minor units make a major one is the currency's, not always 100: JPY has none (500 jpy = 500 JPY), KWD and BHD
 * three (1500 kwd = 1.500 KWD); {@link Currency#getDefaultFractionDigits()} knows each.
 *
 * @param minorUnits the amount in the currency's smallest unit
 * @param currency   the ISO 4217 code, any case (Stripe writes it in lower case)
 */
public record Money(long minorUnits, String currency) {

    /** The amount in the major unit with the currency's own number of decimals, e.g. "19.99", "500", "1.500". */
    public String decimal() {
        return known().map(c -> BigDecimal.valueOf(minorUnits, Math.max(c.getDefaultFractionDigits(), 0))
                .toPlainString()).orElse(Long.toString(minorUnits));
    }

    /**
     * The amount and the currency's code, e.g. "19.99 USD", "500 JPY", "1.500 KWD"; a code the JDK does not know
     * keeps its minor units and says so ("1999 (minor units of xyz)"), rather than guessing a decimal point.
     */
    public String formatted() {
        return known().map(c -> decimal() + " " + c.getCurrencyCode())
                .orElse(minorUnits + " (minor units of " + currency + ")");
    }

    private Optional<Currency> known() {
        try {
            return Optional.of(Currency.getInstance(currency.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return Optional.empty();
        }
    }
}
