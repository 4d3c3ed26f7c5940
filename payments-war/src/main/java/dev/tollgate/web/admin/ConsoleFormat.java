package dev.tollgate.web.admin;

import dev.tollgate.payments.domain.model.Money;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
}
