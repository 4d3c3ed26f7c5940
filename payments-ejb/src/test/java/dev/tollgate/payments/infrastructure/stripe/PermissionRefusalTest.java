package dev.tollgate.payments.infrastructure.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.stripe.StripeClient;
import com.stripe.param.CustomerCreateParams;
import dev.tollgate.emulator.StripeEmulator;
import dev.tollgate.payments.domain.service.StripePermissionMissingException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe's 403 for a restricted key becomes the domain's refusal naming the permission, never the key, and is reported
 * for the operator's list.
 */
class PermissionRefusalTest {

    private static final String KEY = "rk_test_permissionRefusal000000000000000beef";
    private static StripeEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.builder().port(0).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void aWithheldPermissionIsNamedAndTheKeyIsNot() {
        emulator.withholdPermissions(KEY, "rak_customer_write");
        StripeClient restricted = StripeClient.builder().setApiKey(KEY).setApiBase(emulator.baseUrl()).build();

        List<String> reported = new ArrayList<>();

        StripePermissionMissingException refused = assertThrows(StripePermissionMissingException.class,
                () -> StripeClientGateway.call((permission, what) -> reported.add(permission + " " + what),
                        "creating a customer", () -> restricted.v1().customers()
                                .create(CustomerCreateParams.builder().build())));

        assertEquals("rak_customer_write", refused.permission());
        assertFalse(refused.getMessage().contains("rk_test_"), refused.getMessage());
        assertEquals(List.of("rak_customer_write creating a customer"), reported, "reported once, for the operator");
    }

    @Test
    void aRefusalThatNamesNoPermissionSaysUnknown() {
        assertEquals("unknown", StripeClientGateway.permissionNamedIn("The provided key does not have the required "
                + "permissions for this endpoint."));
        assertEquals("unknown", StripeClientGateway.permissionNamedIn(null));
    }
}
