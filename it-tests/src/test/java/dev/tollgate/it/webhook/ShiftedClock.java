package dev.tollgate.it.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, set back by as much as a test says for a while: given to the emulator, it makes the events
 * recorded meanwhile carry a {@code created} time that long ago, as events Stripe lists that much later than they
 * say they were created.
 */
final class ShiftedClock extends Clock {

    private volatile Duration back = Duration.ZERO;

    /** From now on, the time {@code by} ago. */
    void setBack(Duration by) {
        back = by;
    }

    /** The system's time again. */
    void reset() {
        back = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().minus(back);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
