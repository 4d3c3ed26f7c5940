package dev.tollgate.payments.infrastructure.stripe;

import com.stripe.exception.ApiConnectionException;
import dev.tollgate.payments.domain.service.PoliteStripeCalls;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The polite stretches open on each thread, for one gateway (the gateway is one bean shared by every thread, so the
 * state is per thread, never per bean). A thread outside any stretch finds nothing here, at the cost of one
 * ThreadLocal read: the webhook path is neither paced nor slowed. Stretches nest: a request made in an inner one
 * waits for the pace of each open stretch and is counted in each, since it was made during all of them.
 * <p>
 * A stretch belongs to its thread until closed, and a container reuses threads: one left open would pace whatever
 * the pooled thread does next. Hence {@link PoliteStripeCalls} is closed with try-with-resources, on its thread, and
 * the last close removes this thread's entry altogether.
 */
final class PoliteStretches {

    private final ThreadLocal<Deque<Stretch>> openOnThread = new ThreadLocal<>();

    PoliteStripeCalls open(double requestsPerSecond) {
        Stretch stretch = new Stretch(Pacer.atMost(requestsPerSecond));
        Deque<Stretch> open = openOnThread.get();
        if (open == null) {
            open = new ArrayDeque<>();
            openOnThread.set(open);
        }
        open.push(stretch);
        return stretch;
    }

    /** Whether a stretch is open on this thread. */
    boolean active() {
        return openOnThread.get() != null;
    }

    /** Called as each request is about to be sent (a retry too): waits for its pace, then counts it. */
    void beforeSend() throws ApiConnectionException {
        Deque<Stretch> open = openOnThread.get();
        if (open == null) {
            return;
        }
        for (Stretch stretch : open) {
            stretch.pacer.awaitTurn();
            stretch.calls.incrementAndGet();
        }
    }

    private final class Stretch implements PoliteStripeCalls {

        private final Pacer pacer;
        private final Thread owner = Thread.currentThread();
        /** Read by whoever holds the stretch, possibly another thread reporting progress. */
        private final AtomicLong calls = new AtomicLong();
        private volatile boolean closed;

        Stretch(Pacer pacer) {
            this.pacer = pacer;
        }

        @Override
        public long callsMade() {
            return calls.get();
        }

        /** @throws IllegalStateException on another thread than the one that opened it: only that one can end it */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("a polite stretch is closed on the thread that opened it ("
                        + owner.getName() + ")");
            }
            closed = true;
            Deque<Stretch> open = openOnThread.get();
            open.remove(this);
            if (open.isEmpty()) {
                openOnThread.remove();
            }
        }
    }
}
