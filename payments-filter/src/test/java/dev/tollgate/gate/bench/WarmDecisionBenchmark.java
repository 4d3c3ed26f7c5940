package dev.tollgate.gate.bench;

import dev.tollgate.gate.EntitlementFilter;
import dev.tollgate.gate.it.EntitlementRowsFixture;
import dev.tollgate.gate.it.H2Database;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The warm "allow" decision of {@link EntitlementFilter#doFilter}: a gated path, a signed-in user whose session
 * snapshot matches a fresh board entry. Target (issue 4): at most 1 µs per request. The board is kept fresh by
 * a long staleness bound, so the database (H2 in memory) is read only in the setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WarmDecisionBenchmark {

    private EntitlementRowsFixture rows;
    private EntitlementFilter filter;
    private HttpServletRequest request;
    private HttpServletResponse response;
    private FilterChain chain;
    private boolean[] reached;

    @Setup(Level.Trial)
    public void openShop() throws Exception {
        // The schema the payments module's migrations build, so the benchmark reads what the gate reads in production.
        rows = new EntitlementRowsFixture(new H2Database("bench"));
        rows.store("alice", "pro,basic", "courses", "active", 0, Instant.now().plus(Duration.ofDays(30)));
        filter = new EntitlementFilter();
        filter.init(filterConfig(Map.of("PAYMENTS_PROTECT", "/courses/*=feature:courses; /pro/*=plan:pro",
                "PAYMENTS_JDBC_URL", rows.database().jdbcUrl(), "PAYMENTS_JDBC_USER", rows.database().user(),
                "PAYMENTS_STALENESS_MS", "3600000")));
        request = new SignedInRequest("alice", "/pro/index.jsp", new InMemorySession());
        response = new HttpServletResponseWrapper(unused(HttpServletResponse.class));
        reached = new boolean[1];
        chain = (ServletRequest req, ServletResponse res) -> reached[0] = true;
        filter.doFilter(request, response, chain); // loads the snapshot and the board entry once
        if (!reached[0]) {
            throw new IllegalStateException("alice should pass /pro/ in the benchmark setup");
        }
    }

    @TearDown(Level.Trial)
    public void closeShop() throws Exception {
        filter.destroy();
        rows.close();
    }

    @Benchmark
    public void warmAllow(Blackhole sink) throws Exception {
        reached[0] = false;
        filter.doFilter(request, response, chain);
        sink.consume(reached[0]);
    }

    /** A request as the container would hand it to the filter after login; only what the gate reads. */
    private static final class SignedInRequest extends HttpServletRequestWrapper {
        private final String user;
        private final String servletPath;
        private final HttpSession session;
        private Object entitlement;

        SignedInRequest(String user, String servletPath, HttpSession session) {
            super(unused(HttpServletRequest.class));
            this.user = user;
            this.servletPath = servletPath;
            this.session = session;
        }

        @Override public String getMethod() { return "GET"; }
        @Override public String getServletPath() { return servletPath; }
        @Override public String getPathInfo() { return null; }
        @Override public String getRemoteUser() { return user; }
        @Override public HttpSession getSession() { return session; }
        @Override public HttpSession getSession(boolean create) { return session; }
        @Override public String getHeader(String name) { return null; }
        @Override public void setAttribute(String name, Object value) { entitlement = value; }
        @Override public Object getAttribute(String name) { return entitlement; }
    }

    private static FilterConfig filterConfig(Map<String, String> contextParams) {
        // The gate publishes its Credits on the context while it is in service.
        Map<String, Object> attributes = new HashMap<>();
        ServletContext context = (ServletContext) Proxy.newProxyInstance(WarmDecisionBenchmark.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getContextPath": return "/shop";
                        case "getInitParameter": return contextParams.get((String) args[0]);
                        case "setAttribute": attributes.put((String) args[0], args[1]); return null;
                        case "getAttribute": return attributes.get((String) args[0]);
                        case "removeAttribute": attributes.remove((String) args[0]); return null;
                        case "log": return null;
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
        return new FilterConfig() {
            @Override public String getFilterName() { return "tollgate_gate"; }
            @Override public ServletContext getServletContext() { return context; }
            @Override public String getInitParameter(String name) { return null; }
            @Override public Enumeration<String> getInitParameterNames() { return Collections.emptyEnumeration(); }
        };
    }

    /** A stand-in for everything the warm path must not touch: any call fails the benchmark. */
    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(WarmDecisionBenchmark.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException("warm path called " + method.getName());
                }));
    }
}
