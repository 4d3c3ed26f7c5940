package dev.tollgate.emulator.billing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Billing period arithmetic in UTC calendar units, as Stripe bills "monthly" (Jan 31 → Feb 28). */
final class Periods {
    private Periods() {
    }

    /** The end of the period that starts at {@code start} (epoch seconds). */
    static long end(long start, String interval, long count) {
        ZonedDateTime from = Instant.ofEpochSecond(start).atZone(ZoneOffset.UTC);
        ZonedDateTime to;
        switch (interval) {
            case "day":
                to = from.plusDays(count);
                break;
            case "week":
                to = from.plusWeeks(count);
                break;
            case "month":
                to = from.plusMonths(count);
                break;
            case "year":
                to = from.plusYears(count);
                break;
            default:
                throw new IllegalArgumentException("unknown interval " + interval);
        }
        return to.toEpochSecond();
    }
}
