package dev.tollgate.web;

import dev.tollgate.gate.EntitlementBoard;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Collection;

/**
 * Tells the rest of this JVM about committed entitlement changes: the gate's version board (so the next request
 * of that user reloads its snapshot) and CDI observers of {@link EntitlementChanged} (emails, caches). Called
 * only after the service call returned, i.e. after commit.
 */
@ApplicationScoped
public class EntitlementPublisher {

    @Inject
    Event<EntitlementChanged> changed;

    public void publishCommitted(Collection<EntitlementChanged> changes) {
        for (EntitlementChanged change : changes) {
            EntitlementBoard.publish(change.userId(), change.version());
            changed.fire(change);
        }
    }

    /**
     * Tells the gate's board the user's committed version without announcing a change: a caller that found the
     * change made by another thread, which may not have published it yet.
     */
    public void publishVersion(String userId, long version) {
        EntitlementBoard.publish(userId, version);
    }
}
