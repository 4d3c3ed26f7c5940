package dev.tollgate.it;

import org.junit.jupiter.api.Test;

/**
 * {@link MissedRenewal} on every container of the matrix ({@link CustomerAppStage}: the gate jar in the app's own
 * {@code WEB-INF/lib}, the payments WAR beside it, so only the database connects them).
 */
class MissedRenewalIT extends CustomerAppStage {

    @Test
    void aWithheldRenewalIsLetInAndAWithheldCancellationRefusedAtTheirPeriodEnd() throws Exception {
        new MissedRenewal(stripe, APP, PAYMENTS)
                .aWithheldRenewalIsLetInAndAWithheldCancellationRefusedAtTheirPeriodEnd(ServerUsers.FRANK,
                        ServerUsers.GRACE);
    }
}
