package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripeKeyPermissionsTest {

    private final RenewalCheckClaims.MovableClock clock =
            new RenewalCheckClaims.MovableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final StripeKeyPermissions permissions = new StripeKeyPermissions(clock);

    @Test
    void eachLackingPermissionIsOneProblemNamingItAndTheLastRefusal() {
        permissions.lacking("rak_checkout_session_write", "checkout of alice");
        clock.at(clock.instant().plusSeconds(60));
        permissions.lacking("rak_checkout_session_write", "checkout of bob");
        permissions.lacking("rak_billing_portal_session_write", "portal of carol");

        List<String> problems = permissions.problems();

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'rak_billing_portal_session_write'"), problems.get(0));
        assertTrue(problems.get(1).contains("'rak_checkout_session_write'") && problems.get(1).contains("bob")
                && problems.get(1).contains("2026-12-03T10:01:00Z"), problems.get(1));
    }

    @Test
    void aRefusalIsForgottenADayAfterItWasLastSeen() {
        permissions.lacking("rak_checkout_session_write", "checkout of alice");
        clock.at(clock.instant().plus(Duration.ofHours(24)).minusSeconds(1));
        assertEquals(1, permissions.problems().size());

        clock.at(clock.instant().plusSeconds(2));

        assertEquals(List.of(), permissions.problems());
    }
}
