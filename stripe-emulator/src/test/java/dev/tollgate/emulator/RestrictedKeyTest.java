package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.StripeClient;
import com.stripe.exception.PermissionException;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import org.junit.jupiter.api.Test;

/** A restricted key that lacks a permission: Stripe's 403 naming it, stripe-java's PermissionException. */
class RestrictedKeyTest extends EmulatorTest {

    private static final String KEY = "rk_test_restricted0000000000000000000042ab";

    private StripeClient restricted() {
        return StripeClient.builder().setApiKey(KEY).setApiBase(emulator.baseUrl()).build();
    }

    @Test
    void aRequestNeedingAWithheldPermissionIsA403NamingItAndChangesNothing() throws Exception {
        emulator.withholdPermissions(KEY, "rak_customer_write");
        int customersBefore = stripe.v1().customers().list(CustomerListParams.builder().build()).getData().size();

        PermissionException refused = assertThrows(PermissionException.class, () -> restricted().v1().customers()
                .create(CustomerCreateParams.builder().setEmail("x@example.com").build()));

        assertEquals(403, refused.getStatusCode());
        assertTrue(refused.getMessage().contains("Having the 'rak_customer_write' permission would allow this "
                + "request to continue."), refused.getMessage());
        assertFalse(refused.getMessage().contains(KEY), "the key is masked: " + refused.getMessage());
        assertTrue(refused.getMessage().contains("42ab"), refused.getMessage());
        assertEquals(customersBefore,
                stripe.v1().customers().list(CustomerListParams.builder().build()).getData().size());
    }

    @Test
    void whatTheKeyMayDoStillWorksAndGrantingAllLiftsTheRefusal() throws Exception {
        emulator.withholdPermissions(KEY, "rak_customer_write");
        assertNotNull(restricted().v1().customers().list(CustomerListParams.builder().build()));

        emulator.withholdPermissions(KEY);

        assertNotNull(restricted().v1().customers().create(CustomerCreateParams.builder().build()).getId());
    }
}
