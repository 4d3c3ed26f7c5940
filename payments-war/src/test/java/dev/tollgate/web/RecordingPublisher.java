package dev.tollgate.web;

import dev.tollgate.payments.domain.model.EntitlementChanged;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Keeps what a servlet published instead of telling the board and CDI. */
public final class RecordingPublisher extends EntitlementPublisher {

    public final List<EntitlementChanged> published = new ArrayList<>();

    /** Versions told to the board without a change, as "user@version". */
    public final List<String> versionsTold = new ArrayList<>();

    @Override
    public void publishCommitted(Collection<EntitlementChanged> changes) {
        published.addAll(changes);
    }

    @Override
    public void publishVersion(String userId, long version) {
        versionsTold.add(userId + "@" + version);
    }
}
