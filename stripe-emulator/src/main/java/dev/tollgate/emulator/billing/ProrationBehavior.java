package dev.tollgate.emulator.billing;

import dev.tollgate.emulator.http.ApiError;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a price change in the middle of a period is billed, Stripe's {@code proration_behavior}: prorations left
 * for the next invoice ({@code create_prorations}, the default), invoiced and charged at once
 * ({@code always_invoice}), or none at all ({@code none}).
 */
public enum ProrationBehavior {
    CREATE_PRORATIONS, ALWAYS_INVOICE, NONE;

    /** Stripe's spelling of the value. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The behaviour named {@code value}, or a 400 naming {@code param} and the values Stripe accepts. */
    public static ProrationBehavior parse(String param, String value) {
        return Arrays.stream(values()).filter(behavior -> behavior.wireName().equals(value)).findFirst()
                .orElseThrow(() -> ApiError.invalidParam(param, "Invalid " + param + ": must be one of "
                        + "always_invoice, create_prorations, or none"));
    }

    /** Whether the unused and remaining time are billed at all. */
    public boolean prorates() {
        return this != NONE;
    }
}
