package dev.tollgate.gate;

import dev.tollgate.gate.internal.ConnectionSource;
import dev.tollgate.gate.internal.EntitlementRows;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The board entries the snapshots write count from when their database read started: a read that did not see a
 * commit started before it, so the staleness bound keeps running from before that commit however slow the read.
 */
class SessionSnapshotsTest {

    private static final String URL = "jdbc:h2:mem:session_snapshots;DB_CLOSE_DELAY=-1";
    /** A bound shorter than one read below, so an entry that aged from the read's start is stale on arrival. */
    private static final long BOUND_MILLIS = 50;
    private static final long READ_MILLIS = 80;

    private Connection keepAlive;

    @BeforeEach
    void entitlementTableWithAlice() throws SQLException {
        EntitlementBoard.clear();
        keepAlive = DriverManager.getConnection(URL);
        try (Statement sql = keepAlive.createStatement()) {
            // the columns the gate reads, as payments-ejb's migrations create them
            sql.execute("create table entitlement (user_id varchar(255) primary key, plans varchar(1000) not null,"
                    + " features varchar(2000) not null, status varchar(40) not null,"
                    + " access_until timestamp with time zone, credits bigint not null, version bigint not null,"
                    + " renews_at timestamp with time zone)");
            sql.execute("insert into entitlement values ('alice', 'pro', '', 'active', null, 0, 4, null)");
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Statement sql = keepAlive.createStatement()) {
            sql.execute("drop all objects");
        }
        keepAlive.close();
        EntitlementBoard.clear();
    }

    @Test
    void boardEntriesFromSlowReadsAgeFromWhenTheReadStarted() throws SQLException {
        SessionSnapshots snapshots = new SessionSnapshots(new EntitlementRows(slowReads()), BOUND_MILLIS);
        HttpServletRequest request = requestWith(session());

        // no snapshot yet: the whole row is read
        assertEquals(4, snapshots.current(request, "alice").getVersion());
        assertEquals(EntitlementBoard.UNKNOWN, EntitlementBoard.freshVersion("alice", BOUND_MILLIS * 1_000_000),
                "the row read took longer than the bound, so its entry is stale on arrival");

        // the snapshot is held and the board stale: only the version is read
        assertEquals(4, snapshots.current(request, "alice").getVersion());
        assertEquals(EntitlementBoard.UNKNOWN, EntitlementBoard.freshVersion("alice", BOUND_MILLIS * 1_000_000),
                "the version read took longer than the bound, so its entry is stale on arrival");
        assertEquals(4, EntitlementBoard.freshVersion("alice", 60_000_000_000L), "what the reads saw is recorded");
    }

    /** Connections that take {@link #READ_MILLIS} to arrive, as from a busy pool or a far database. */
    private static ConnectionSource slowReads() {
        return () -> {
            try {
                Thread.sleep(READ_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", interrupted);
            }
            return DriverManager.getConnection(URL);
        };
    }

    private static HttpSession session() {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpSession) Proxy.newProxyInstance(SessionSnapshotsTest.class.getClassLoader(),
                new Class<?>[] {HttpSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> {
                        attributes.put((String) args[0], args[1]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HttpServletRequest requestWith(HttpSession session) {
        return (HttpServletRequest) Proxy.newProxyInstance(SessionSnapshotsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSession" -> session;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
