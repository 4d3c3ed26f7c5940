package dev.tollgate.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long this node took to answer Stripe's deliveries, and with which status: counted in memory (the database
 * cannot know a refused delivery, nor how long an answer took), so per node and since its start, as Prometheus
 * expects of counters. {@link dev.tollgate.web.stripe.WebhookServlet} records every POST.
 */
@ApplicationScoped
public class WebhookTimings {

    /** Upper bounds in seconds: a delivery is answered in milliseconds, a Stripe call inside it in up to seconds. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final LongAdder[] inBucket = new LongAdder[BOUNDS.length + 1];
    private final LongAdder totalNanos = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    public WebhookTimings() {
        for (int i = 0; i < inBucket.length; i++) {
            inBucket[i] = new LongAdder();
        }
    }

    /** One delivery answered {@code status} after {@code nanos}. */
    public void record(int status, long nanos) {
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]) {
            bucket++;
        }
        inBucket[bucket].increment();
        totalNanos.add(nanos);
        byStatus.computeIfAbsent(status, any -> new LongAdder()).increment();
    }

    /** Deliveries answered within each bound, cumulative as Prometheus wants; the last entry is every delivery. */
    long[] cumulativeCounts() {
        long[] counts = new long[inBucket.length];
        long running = 0;
        for (int i = 0; i < inBucket.length; i++) {
            running += inBucket[i].sum();
            counts[i] = running;
        }
        return counts;
    }

    double totalSeconds() {
        return totalNanos.sum() / 1e9;
    }

    /** Deliveries per answered status, in status order. */
    Map<Integer, Long> countsByStatus() {
        Map<Integer, Long> counts = new TreeMap<>();
        byStatus.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }
}
