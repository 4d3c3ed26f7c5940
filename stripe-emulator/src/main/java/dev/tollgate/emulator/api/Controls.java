package dev.tollgate.emulator.api;

import java.time.Duration;

/**
 * The emulator's test controls, as the control surface ({@code /_emulator/…}) reaches them: implemented by the
 * emulator itself, so the HTTP and Java surfaces do the same thing.
 */
public interface Controls {
    /** Moves the emulator's own time forward, living through every renewal due on the way. */
    void advance(Duration by);

    /** The emulator's own time, in epoch seconds. */
    long now();

    /** Applies a fault spec (webhook and API keys together); see the README. */
    void faults(String spec);

    /** The current fault settings, in spec form. */
    String faults();

    /** Closes a dispute as {@code won} or {@code lost}. */
    void resolveDispute(String disputeId, String outcome);
}
