package dev.tollgate.gate;

import dev.tollgate.gate.internal.EntitlementRows;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.sql.SQLException;

/**
 * Keeps each session's {@link Entitlement} snapshot current: it is trusted while its version equals the
 * board's, and the board is trusted for the staleness bound. The warm path (fresh board entry, same version)
 * reads one map entry and one session attribute and does no I/O.
 */
final class SessionSnapshots {

    /** The session attribute holding the snapshot. */
    static final String SESSION_ATTRIBUTE = Entitlement.class.getName();

    private final EntitlementRows rows;
    private final long stalenessNanos;

    SessionSnapshots(EntitlementRows rows, long stalenessMillis) {
        this.rows = rows;
        this.stalenessNanos = stalenessMillis * 1_000_000L;
    }

    /** The user's snapshot, reloaded first if its version is not the current one. */
    Entitlement current(HttpServletRequest request, String userId) throws SQLException {
        HttpSession session = request.getSession();
        Entitlement snapshot = heldBy(session, userId);
        if (snapshot == null) {
            return reload(session, userId);
        }
        long current = EntitlementBoard.freshVersion(userId, stalenessNanos);
        if (current == EntitlementBoard.UNKNOWN) {
            long readStarted = System.nanoTime();
            current = rows.version(userId);
            EntitlementBoard.record(userId, current, readStarted);
        }
        return snapshot.getVersion() == current ? snapshot : reload(session, userId);
    }

    /** Reads the row whatever the board says; the gate does this before every refusal. */
    Entitlement reload(HttpServletRequest request, String userId) throws SQLException {
        return reload(request.getSession(), userId);
    }

    private Entitlement reload(HttpSession session, String userId) throws SQLException {
        long readStarted = System.nanoTime();
        Entitlement snapshot = rows.load(userId);
        EntitlementBoard.record(userId, snapshot.getVersion(), readStarted);
        session.setAttribute(SESSION_ATTRIBUTE, snapshot);
        return snapshot;
    }

    /** The session's snapshot if it belongs to this user (a session can change hands at login). */
    private static Entitlement heldBy(HttpSession session, String userId) {
        Object held = session.getAttribute(SESSION_ATTRIBUTE);
        // instanceof, not a cast: after a redeploy the session may hold an instance of the old class.
        if (held instanceof Entitlement && ((Entitlement) held).getUserId().equals(userId)) {
            return (Entitlement) held;
        }
        return null;
    }
}
