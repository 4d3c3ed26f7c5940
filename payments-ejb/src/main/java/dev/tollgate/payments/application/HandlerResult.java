package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.EventStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What one event handler did: the status to log, a note for admins, and the entitlement changes it made. */
record HandlerResult(EventStatus status, String note, List<EntitlementChanged> changes) {

    static HandlerResult processed(Optional<EntitlementChanged> change) {
        return new HandlerResult(EventStatus.PROCESSED, null, change.stream().toList());
    }

    static HandlerResult ignored(String why) {
        return new HandlerResult(EventStatus.IGNORED, why, List.of());
    }

    static HandlerResult unmatched(String why) {
        return new HandlerResult(EventStatus.UNMATCHED, why, List.of());
    }

    /** Whether the event log would say the same for both: status and note. */
    boolean sameOutcomeAs(HandlerResult other) {
        return status == other.status && Objects.equals(note, other.note);
    }
}
