package dev.tollgate.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RestrictedKeysTest {

    @Test
    void permissionsAreNamedByResourceAndDirection() {
        assertEquals("rak_checkout_session_write", RestrictedKeys.permissionFor("POST", "/v1/checkout/sessions"));
        assertEquals("rak_checkout_session_read", RestrictedKeys.permissionFor("GET", "/v1/checkout/sessions/cs_1"));
        assertEquals("rak_billing_portal_session_write",
                RestrictedKeys.permissionFor("POST", "/v1/billing_portal/sessions"));
        assertEquals("rak_subscription_read", RestrictedKeys.permissionFor("GET", "/v1/subscriptions/sub_1"));
        assertEquals("rak_customer_write", RestrictedKeys.permissionFor("POST", "/v1/customers"));
        assertEquals("rak_webhook_endpoint_write", RestrictedKeys.permissionFor("POST", "/v1/webhook_endpoints"));
        assertEquals("rak_event_read", RestrictedKeys.permissionFor("GET", "/v1/events"));
    }

    @Test
    void onlyARestrictedKeyCanLackAPermission() {
        assertThrows(IllegalArgumentException.class,
                () -> new RestrictedKeys().withhold("sk_test_full", Set.of("rak_customer_write")));
    }

    @Test
    void theRefusalMasksTheKey() {
        RestrictedKeys keys = new RestrictedKeys();
        keys.withhold("rk_test_abcdefgh1234", Set.of("rak_customer_write"));
        ApiError refused = assertThrows(ApiError.class, () -> keys.check("rk_test_abcdefgh1234", "POST",
                "/v1/customers"));
        assertEquals("The provided key 'rk_test_********1234' does not have the required permissions for this "
                + "endpoint on account 'acct_emulator'. Having the 'rak_customer_write' permission would allow "
                + "this request to continue.", refused.getMessage());
    }
}
