package dev.tollgate.gate.it;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures, per webapp, the CPU time Tomcat's request thread spends in that webapp's pipeline (authenticator,
 * filters, servlet). Thread CPU time does not count the time the thread waits for a core, so other work on the
 * machine hardly moves it; that is what lets the benchmark tell the gate's own cost from the machine's noise.
 */
final class CpuPerWebappValve extends ValveBase {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ConcurrentMap<String, Tally> tallies = new ConcurrentHashMap<>();

    private static final class Tally {
        final LongAdder requests = new LongAdder();
        final LongAdder cpuNanos = new LongAdder();
    }

    CpuPerWebappValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        try {
            getNext().invoke(request, response);
        } finally {
            Tally tally = tallies.computeIfAbsent(request.getContext().getPath(), path -> new Tally());
            tally.cpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpuBefore);
            tally.requests.increment();
        }
    }

    /** Mean CPU microseconds per request of the webapp at {@code contextPath} since the last {@link #reset()}. */
    double cpuMicrosPerRequest(String contextPath) {
        Tally tally = tallies.get(contextPath);
        return tally == null ? Double.NaN : tally.cpuNanos.sum() / 1000.0 / tally.requests.sum();
    }

    long requests(String contextPath) {
        Tally tally = tallies.get(contextPath);
        return tally == null ? 0 : tally.requests.sum();
    }

    void reset() {
        tallies.clear();
    }
}
