package dev.tollgate.payments.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Stripe's minor units written in each currency's major unit, with the currency's own number of decimals. */
class MoneyTest {

    @Test
    void yenHasNoMinorUnit() {
        assertEquals("500", new Money(500, "jpy").decimal());
        assertEquals("500 JPY", new Money(500, "jpy").formatted());
        assertEquals("1980 JPY", new Money(1980, "JPY").formatted());
    }

    @Test
    void dollarsHaveCents() {
        assertEquals("29.00", new Money(2900, "usd").decimal());
        assertEquals("29.00 USD", new Money(2900, "usd").formatted());
        assertEquals("0.05 USD", new Money(5, "usd").formatted());
        assertEquals("19.99 EUR", new Money(1999, "eur").formatted());
    }

    @Test
    void kuwaitiDinarsHaveThreeDecimals() {
        assertEquals("1.500", new Money(1500, "kwd").decimal());
        assertEquals("1.500 KWD", new Money(1500, "kwd").formatted());
        assertEquals("0.007 KWD", new Money(7, "KWD").formatted());
    }

    @Test
    void anUnknownCurrencyKeepsItsMinorUnits() {
        assertEquals("1999", new Money(1999, "xyz1").decimal());
        assertEquals("1999 (minor units of xyz1)", new Money(1999, "xyz1").formatted());
        assertEquals("1999 (minor units of null)", new Money(1999, null).formatted());
    }
}
