package dev.tollgate.gate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedRenewalCheckTest {

    private final RenewalCheck oldDeployment = user -> { };
    private final RenewalCheck newDeployment = user -> { };

    @AfterEach
    void unregisterAll() {
        SharedRenewalCheck.unregister(SharedRenewalCheck.registered());
    }

    @Test
    void registeredCheckIsTheSharedOneUntilItIsUnregistered() {
        assertNull(SharedRenewalCheck.registered());
        SharedRenewalCheck.register(oldDeployment);
        assertSame(oldDeployment, SharedRenewalCheck.registered());

        assertTrue(SharedRenewalCheck.unregister(oldDeployment));
        assertNull(SharedRenewalCheck.registered());
    }

    @Test
    void stoppingAnOldDeploymentLeavesTheNewDeploymentsCheck() {
        SharedRenewalCheck.register(oldDeployment);
        SharedRenewalCheck.register(newDeployment);

        assertFalse(SharedRenewalCheck.unregister(oldDeployment));
        assertSame(newDeployment, SharedRenewalCheck.registered());
    }

    @Test
    void nullIsRefused() {
        assertThrows(NullPointerException.class, () -> SharedRenewalCheck.register(null));
    }
}
