package dev.tollgate.gate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EntitlementBoardTest {

    private static final long ONE_MINUTE_NANOS = 60_000_000_000L;

    @BeforeEach
    void emptyBoard() {
        EntitlementBoard.clear();
    }

    @Test
    void publishedVersionIsKnownWithinTheBound() {
        EntitlementBoard.publish("alice", 4);
        assertEquals(4, EntitlementBoard.freshVersion("alice", ONE_MINUTE_NANOS));
        assertEquals(EntitlementBoard.UNKNOWN, EntitlementBoard.freshVersion("bob", ONE_MINUTE_NANOS));
    }

    @Test
    void zeroStalenessNeverTrustsTheBoard() {
        EntitlementBoard.publish("alice", 4);
        assertEquals(EntitlementBoard.UNKNOWN, EntitlementBoard.freshVersion("alice", 0));
    }

    @Test
    void entryOlderThanTheBoundIsNotTrusted() {
        EntitlementBoard.publish("alice", 4);
        long start = System.nanoTime();
        while (System.nanoTime() - start < 2_000_000) {
            Thread.onSpinWait(); // a 2 ms bound must run out; nothing else to observe
        }
        assertEquals(EntitlementBoard.UNKNOWN, EntitlementBoard.freshVersion("alice", 1_000_000));
    }

    @Test
    void lateReadOfAnOlderVersionDoesNotHideAPublishedOne() {
        EntitlementBoard.publish("alice", 5);
        EntitlementBoard.record("alice", 4, System.nanoTime()); // a database read that started before the commit
        assertEquals(5, EntitlementBoard.freshVersion("alice", ONE_MINUTE_NANOS));
        EntitlementBoard.record("alice", 6, System.nanoTime());
        assertEquals(6, EntitlementBoard.freshVersion("alice", ONE_MINUTE_NANOS));
    }

    @Test
    void entryAgesFromWhenItsReadStartedNotFromWhenTheAnswerCame() {
        long readStarted = System.nanoTime() - 2_000_000; // a read that took 2 ms
        EntitlementBoard.record("alice", 4, readStarted);
        assertEquals(EntitlementBoard.UNKNOWN, EntitlementBoard.freshVersion("alice", 1_000_000),
                "a 1 ms bound ran out while the read was on its way");
        assertEquals(4, EntitlementBoard.freshVersion("alice", ONE_MINUTE_NANOS));
    }

    @Test
    void sameVersionKeepsTheLaterReadStart() {
        long now = System.nanoTime();
        EntitlementBoard.record("alice", 4, now);
        EntitlementBoard.record("alice", 4, now - 2_000_000); // a slower read, started earlier, answered later
        assertEquals(4, EntitlementBoard.freshVersion("alice", 1_000_000));
    }
}
