package dev.tollgate.emulator;

import com.stripe.StripeClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh emulator with the default catalog for every test, and stripe-java pointed at it: directly
 * ({@link #stripe}) or through the {@link Shop} helper. Subclasses add their own set-up after this one.
 */
abstract class EmulatorTest {

    protected StripeEmulator emulator;
    protected StripeClient stripe;
    protected Shop shop;

    @BeforeEach
    void startEmulator() {
        emulator = StripeEmulator.builder().build().start();
        shop = new Shop(emulator);
        stripe = shop.stripe;
    }

    @AfterEach
    void stopEmulator() {
        emulator.stop();
    }
}
