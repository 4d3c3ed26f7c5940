package dev.tollgate.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ConsoleFormatTest {

    @Test
    void moneyIsWrittenInTheCurrencysMajorUnit() {
        assertEquals("19.99 USD", ConsoleFormat.money(1999, "usd"));
        assertEquals("500 JPY", ConsoleFormat.money(500, "jpy"));
        assertEquals("1.500 BHD", ConsoleFormat.money(1500, "bhd"));
        assertEquals("0.05 EUR", ConsoleFormat.money(5, "EUR"));
    }

    @Test
    void anUnknownCurrencyKeepsItsMinorUnitsAndSaysSo() {
        assertEquals("1999 (minor units of xyz1)", ConsoleFormat.money(1999, "xyz1"));
    }

    @Test
    void anAmountTypedInMajorUnitsIsReadInMinorUnits() {
        assertEquals(500, ConsoleFormat.minorUnits("5", "usd"));
        assertEquals(550, ConsoleFormat.minorUnits(" 5.5 ", "usd"));
        assertEquals(1999, ConsoleFormat.minorUnits("19.99", "USD"));
        assertEquals(500, ConsoleFormat.minorUnits("500", "jpy"));
        assertEquals("19.99", ConsoleFormat.amountField(1999, "usd"));
        for (String bad : new String[] {"5.001", "abc", "", "1e3", "5.5", "99999999999999999999"}) {
            String currency = bad.equals("5.5") ? "jpy" : "usd";
            assertThrows(RuntimeException.class, () -> ConsoleFormat.minorUnits(bad, currency), bad);
        }
    }

    @Test
    void timesAreWrittenInTheAdminsZone() {
        Instant moment = Instant.parse("2026-12-03T17:00:00Z");
        assertEquals("2026-12-03 18:00:00 CET", new ConsoleFormat(ZoneId.of("Europe/Berlin")).time(moment));
        assertEquals("2026-12-03 17:00:00 Z", new ConsoleFormat(ZoneId.of("Z")).time(moment));
        assertEquals("", new ConsoleFormat(ZoneId.of("Z")).time(null));
    }
}
