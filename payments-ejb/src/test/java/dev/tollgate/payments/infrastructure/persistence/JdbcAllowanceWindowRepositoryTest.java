package dev.tollgate.payments.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code allowance_window} in the schema the migrations build (H2): scheduled, moved, found due, forgotten. */
class JdbcAllowanceWindowRepositoryTest {

    private static final Instant T = Instant.parse("2027-01-31T10:00:00Z");

    private OneConnection jdbc;
    private JdbcAllowanceWindowRepository windows;

    @BeforeEach
    void schema() throws SQLException {
        jdbc = OneConnection.onNewSchema();
        windows = new JdbcAllowanceWindowRepository();
        windows.jdbc = jdbc;
    }

    @AfterEach
    void close() throws SQLException {
        jdbc.close();
    }

    @Test
    void aWindowIsDueFromItsStartAndMovesWhenRescheduled() {
        windows.schedule("sub_a", "alice", T);
        windows.schedule("sub_b", "bob", T.plusSeconds(60));
        assertEquals(List.of(), windows.usersDue(T.minusSeconds(1), 10));
        assertEquals(List.of("alice"), windows.usersDue(T, 10));
        windows.schedule("sub_a", "alice", T.plusSeconds(3600));
        assertEquals(List.of("bob"), windows.usersDue(T.plusSeconds(60), 10), "alice's next window moved on");
        assertEquals(1, windows.usersDue(T.plusSeconds(7200), 1).size(), "at most as many as asked");
    }

    @Test
    void forgottenWindowsAreNeverDue() {
        windows.schedule("sub_a", "alice", T);
        windows.schedule("sub_c", "alice", T.plusSeconds(3600));
        windows.unscheduleDue("alice", T);
        assertEquals(List.of(), windows.usersDue(T.plusSeconds(10), 10), "only the due one went");
        assertEquals(List.of("alice"), windows.usersDue(T.plusSeconds(3600), 10));
        windows.unschedule("sub_c");
        assertEquals(List.of(), windows.usersDue(T.plusSeconds(7200), 10));
    }
}
