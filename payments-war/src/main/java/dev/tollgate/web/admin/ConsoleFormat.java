package dev.tollgate.web.admin;

import dev.tollgate.payments.domain.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * How the console writes times and money: times in the admin's time zone ({@code PAYMENTS_ADMIN_TIME_ZONE}, UTC
 * unless set; a browser's language says nothing about where its user is), money in the currency's major unit
 * from Stripe's minor units (1999 usd = 19.99 USD, 500 jpy = 500 JPY).
 */
final class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private final ZoneId zone;

    ConsoleFormat(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    /** The moment in the admin's zone; an empty text for none. */
    String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    /** An amount in Stripe's minor units of {@code currency} (ISO 4217, any case), e.g. "19.99 USD". */
    static String money(long minorUnits, String currency) {
        return new Money(minorUnits, currency).formatted();
    }

    /** The amount as a form field shows it: major units without the currency ("19.99"), or minor units if unknown. */
    static String amountField(long minorUnits, String currency) {
        return new Money(minorUnits, currency).decimal();
    }

    /**
     * An amount an admin typed in the currency's major units ("5", "5.5", "19.99") in Stripe's minor units (a
     * currency the JDK does not know is typed in minor units, as {@link #amountField} shows it).
     *
     * @throws NumberFormatException for anything else: not a number, more decimals than the currency has, too large
     */
    static long minorUnits(String typed, String currency) {
        int digits;
        try {
            digits = Math.max(Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits(), 0);
        } catch (IllegalArgumentException | NullPointerException unknown) {
            digits = 0;
        }
        BigDecimal amount = new BigDecimal(typed.trim());
        if (amount.scale() > digits || typed.trim().matches(".*[eE+].*")) {
            throw new NumberFormatException("not an amount of " + currency + ": " + typed);
        }
        return amount.movePointRight(digits).longValueExact();
    }
}
