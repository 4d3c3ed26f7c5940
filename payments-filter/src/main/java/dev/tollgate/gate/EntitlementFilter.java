package dev.tollgate.gate;

import dev.tollgate.gate.internal.ConnectionSource;
import dev.tollgate.gate.internal.EntitlementRows;
import dev.tollgate.gate.internal.Refusals;
import dev.tollgate.gate.internal.RenewalQuestions;
import dev.tollgate.gate.rule.ProtectionRules;
import dev.tollgate.gate.rule.Requirement;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.security.Principal;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * The gate: lets a request through only when the signed-in user's entitlement meets the requirement of the first
 * protection rule matching its path.
 *
 * <h2>Installation</h2>
 * Put {@code payments-filter.jar} in {@code WEB-INF/lib}. Its {@code META-INF/web-fragment.xml} (fragment name
 * {@code tollgate_gate}) maps this filter to {@code /*}, after the filters of the app's own {@code web.xml}.
 * Until rules are configured the gate lets everything through and logs once that it is inactive. It reads the
 * payments database at {@value #DEFAULT_DATASOURCE}; on Tomcat, for example, in the app's
 * {@code META-INF/context.xml}:
 * <pre>{@code
 * <Resource name="jdbc/tollgate" auth="Container" type="javax.sql.DataSource"
 *           driverClassName="org.postgresql.Driver" url="jdbc:postgresql://localhost:5432/tollgate"
 *           username="tollgate_gate" password="..." maxTotal="8"/>
 * }</pre>
 * The gate reads {@code entitlement} and writes only {@code renewal_check} (its renewal questions, below): give its
 * database user {@code select} on {@code entitlement} and {@code select, insert, update} on {@code renewal_check}.
 * With {@value #INIT_PARAM_RENEWAL_WAIT_MS} {@code 0} it never writes, and a read-only user is enough.
 *
 * <p>To let the payments webapp's {@link EntitlementBoard#publish(String, long)} reach this filter at once, put
 * the jar in the server's shared {@code lib/} instead (one board per class loader; without sharing, changes
 * arrive within {@value #INIT_PARAM_STALENESS_MS}). Tomcat then applies the fragment to every webapp, so give
 * rules per webapp (context-params) rather than as environment variables, and set
 * {@value #INIT_PARAM_ENABLED} {@code false} where nothing is to be gated (the payments webapp itself).
 *
 * <h2>Configuration</h2>
 * Each name is looked up as a filter init-param, then a context-param, then an environment variable, then a
 * JVM system property; the first non-blank value wins. In {@code web.xml}:
 * <pre>{@code
 * <context-param>
 *     <param-name>PAYMENTS_PROTECT</param-name>
 *     <param-value>
 *         /pro/*          = plan:pro
 *         /courses/*      = feature:courses
 *         /api/reports/*  = credits:1
 *         /account/*      = authenticated
 *     </param-value>
 * </context-param>
 * <context-param>
 *     <param-name>PAYMENTS_PRICING_URL</param-name>
 *     <param-value>/pricing</param-value>
 * </context-param>
 * }</pre>
 * or, to use filter init-params, re-declare the fragment's filter under the same name (web.xml wins):
 * <pre>{@code
 * <filter>
 *     <filter-name>tollgate_gate</filter-name>
 *     <init-param><param-name>PAYMENTS_PROTECT</param-name><param-value>/pro/*=plan:pro</param-value></init-param>
 * </filter>
 * }</pre>
 * <table>
 * <caption>Settings</caption>
 * <tr><th>name</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@value #INIT_PARAM_PROTECT}</td><td>none (gate inactive)</td><td>ordered rules
 *     {@code <path>=<requirement>}, separated by {@code ;} or line breaks; first match wins; unmatched paths are
 *     public. Paths: {@code /*}, {@code /pro/*}, {@code *.pdf}, {@code /exact}; a trailing slash never matters.
 *     Requirements: {@code plan:<name>}, {@code feature:<key>}, {@code credits:<n>},
 *     {@code spend:<unit>:<n>}, {@code authenticated}, {@code public}. A malformed rule stops the start.</td></tr>
 * <tr><td>{@value #INIT_PARAM_ENABLED}</td><td>{@code true}</td><td>{@code false} lets everything
 *     through</td></tr>
 * <tr><td>{@value #INIT_PARAM_PRICING_URL}</td><td>{@value #DEFAULT_PRICING_URL}</td><td>where a signed-in user
 *     without the right is sent. A value starting with {@code /} is a path in THIS webapp (the context path is
 *     prepended, so the same setting works wherever the app is deployed); to send users to another webapp or
 *     host, give an absolute {@code http(s)://} URL.</td></tr>
 * <tr><td>{@value #INIT_PARAM_STALENESS_MS}</td><td>{@value #DEFAULT_STALENESS_MS}</td><td>how long a version
 *     on the {@link EntitlementBoard} is trusted before it is re-read from the database; {@code 0} = read on
 *     every request</td></tr>
 * <tr><td>{@value #INIT_PARAM_RENEWAL_WAIT_MS}</td><td>{@value #DEFAULT_RENEWAL_WAIT_MS}</td><td>how long a
 *     request may wait for the payments WAR to re-read, from Stripe, a user whose paid period lapsed on a renewing
 *     status (see Freshness); {@code 0} = never ask, refuse on what is stored; at most
 *     {@value #MAX_RENEWAL_WAIT_MS}</td></tr>
 * <tr><td>{@value #INIT_PARAM_USER_ATTRIBUTE}</td><td>none</td><td>session attribute holding the user id (a
 *     {@code String} or a {@code Principal}) for apps with their own login; when it is set, only that attribute
 *     names the user (a session without it is anonymous, whoever the container signed in); unset,
 *     {@code getRemoteUser()}</td></tr>
 * <tr><td>{@value #INIT_PARAM_DATASOURCE}</td><td>{@value #DEFAULT_DATASOURCE}, else
 *     {@value #SERVER_DEFAULT_DATASOURCE}</td><td>JNDI name of the DataSource holding the {@code entitlement}
 *     table. Unset, the gate uses the server's default data source when nothing is bound at
 *     {@value #DEFAULT_DATASOURCE}: on WildFly and Payara that is the payments WAR's own database.</td></tr>
 * <tr><td>{@value #INIT_PARAM_JDBC_URL}, {@value #INIT_PARAM_JDBC_USER}, {@value #INIT_PARAM_JDBC_PASSWORD}</td>
 *     <td>none</td><td>a plain JDBC URL used instead of JNDI (DriverManager, no pool; the driver must be
 *     visible to the webapp)</td></tr>
 * </table>
 *
 * <h2>Decisions</h2>
 * A user has a plan or feature while the row's {@code access_until} is in the future (the payments policy
 * computes it) and the plan is in {@code plans} or the feature in {@code features}. No row, no access.
 *
 * <p>{@code credits:n} spends: each allowed request takes {@code n} credits from the user's balance, in one
 * database transaction with its {@code credit_ledger} entry, and a balance below {@code n} is refused like any
 * other missing right (nothing taken). A request that carries an {@value #IDEMPOTENCY_KEY_HEADER} header (1–255
 * visible ASCII characters) is charged once for that key, this user, method, path and query: a retry with the same
 * key passes again without a second charge, and a retry of a refused request is refused again, each with
 * {@code Idempotent-Replayed: true}. A request without the header is its own spend, charged every time. A
 * malformed key is answered 400, nothing taken. The gate's database user then needs {@code select, update} on
 * {@code account} and {@code entitlement} and {@code select, insert} on {@code credit_ledger}; the app spends for
 * its own actions through {@link Credits}. {@code spend:<unit>:n} does the same with {@code n} of a unit a plan's
 * allowance gives ({@code spend:reports:1}), a balance of its own. Refusals: not signed in → the container's login
 * ({@code request.authenticate}: a BASIC challenge, a login page), or a 401 JSON body
 * {@code {"error":"authentication_required"}} when the client prefers JSON and sent no credentials; signed in
 * without the right → 303 to the pricing URL, or 402
 * {@code {"error":"payment_required","requirement":"plan:pro","upgrade":"/app/pricing"}} for JSON clients.
 * Refusals carry {@code Cache-Control: no-store}. If the database cannot be read for a protected path the answer
 * is 503, never a guess. CORS preflights ({@code OPTIONS} with {@code Access-Control-Request-Method}) pass.
 *
 * <h2>Freshness</h2>
 * The user's snapshot lives in the HTTP session (about 150 bytes serialised) and is trusted while its version
 * equals the one on the {@link EntitlementBoard}; a board entry is trusted for {@value #INIT_PARAM_STALENESS_MS},
 * counted from when the read that wrote it started. So a change committed elsewhere (another node of a cluster
 * sharing the database, another webapp) is enforced within that bound — every request that starts that long after
 * the commit is decided on the new state, however long the reads take — and at once when the payments side calls
 * {@link EntitlementBoard#publish(String, long)} in the same class loader. Each re-read takes a connection from the DataSource, about once per bound per active
 * user: give the gate a pooled one (Tomcat's {@code maxTotal} above), since opening a PostgreSQL connection costs
 * more than the read. The row is always re-read before a
 * refusal, so a user who has just paid is never refused on a stale board.
 *
 * <p>When access merely lapsed on a subscription that should renew (stored status {@code active},
 * {@code trialing} or {@code past_due}) — a renewal webhook may be late or lost — the gate asks the payments WAR
 * before refusing, once per user and webapp at most every five minutes: it opens a question in the table
 * {@code renewal_check} of the shared database and re-reads the user's rows by primary key (every 50 ms) until
 * the payments WAR has answered it or the entitlement's version moved, at most
 * {@value #INIT_PARAM_RENEWAL_WAIT_MS} (default {@value #DEFAULT_RENEWAL_WAIT_MS} ms); then it decides on what
 * is stored. The payments WAR polls the table every 200 ms, re-reads the user from Stripe through its one sync
 * path and answers, so a renewed customer waits a few hundred milliseconds once, and a subscription that really
 * ended is refused right after the answer. This goes through the database, not through classes, so it works in
 * every layout (gate jar in the app's {@code WEB-INF/lib} or in the server's {@code lib/}), on every container and
 * across nodes. Should the question fail (e.g. a database user without rights on {@code renewal_check}), the
 * gate logs one line and refuses on what is stored.
 *
 * <h2>For pages</h2>
 * For signed-in users the current snapshot is the request attribute {@value Entitlement#REQUEST_ATTRIBUTE}
 * on every path, so pages can show {@code ${entitlement.plan}} or an "Upgrade" link.
 *
 * <p>The gate sees original requests only ({@code REQUEST} dispatch), like security constraints: a forward or
 * include from a public page to a protected one is the app's own decision.
 */
public class EntitlementFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EntitlementFilter.class.getName());

    // Constants --------------------------------------------------------------------------------------------------

    public static final String INIT_PARAM_PROTECT = "PAYMENTS_PROTECT";
    public static final String INIT_PARAM_ENABLED = "PAYMENTS_GATE_ENABLED";
    public static final String INIT_PARAM_PRICING_URL = "PAYMENTS_PRICING_URL";
    public static final String INIT_PARAM_STALENESS_MS = "PAYMENTS_STALENESS_MS";
    public static final String INIT_PARAM_RENEWAL_WAIT_MS = "PAYMENTS_RENEWAL_WAIT_MS";
    public static final String INIT_PARAM_USER_ATTRIBUTE = "PAYMENTS_USER_ATTRIBUTE";
    public static final String INIT_PARAM_DATASOURCE = "PAYMENTS_DATASOURCE";
    public static final String INIT_PARAM_JDBC_URL = "PAYMENTS_JDBC_URL";
    public static final String INIT_PARAM_JDBC_USER = "PAYMENTS_JDBC_USER";
    public static final String INIT_PARAM_JDBC_PASSWORD = "PAYMENTS_JDBC_PASSWORD";
    /** The request header naming a spend, so that its retry is not charged again (as in Stripe's API). */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    public static final String DEFAULT_PRICING_URL = "/pricing";
    public static final String DEFAULT_STALENESS_MS = "1000";
    public static final String DEFAULT_RENEWAL_WAIT_MS = "2000";
    /** A request should never hang on the re-check longer than this, whatever is configured. */
    public static final String MAX_RENEWAL_WAIT_MS = "10000";
    public static final String DEFAULT_DATASOURCE = "java:comp/env/jdbc/tollgate";
    /** Tried when nothing is bound at {@link #DEFAULT_DATASOURCE}: the payments WAR's database on full servers. */
    public static final String SERVER_DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";

    // Vars -------------------------------------------------------------------------------------------------------

    private transient boolean active;
    private transient ProtectionRules rules;
    private transient String upgradeUrl;
    private transient String userAttribute;
    private transient SessionSnapshots snapshots;
    private transient RenewalAsks renewalAsks;
    private transient RenewalQuestions renewalQuestions;
    private transient long renewalWaitMillis;
    private transient Credits credits;
    private transient MeteredRequests metered;

    // Actions ----------------------------------------------------------------------------------------------------

    @Override
    public void init() throws ServletException {
        GateConfiguration configuration = GateConfiguration.read(getFilterConfig());
        if (!configuration.isActive()) {
            LOG.info(() -> "Tollgate gate inactive in " + contextName() + ": " + configuration.whyInactive()
                    + "; every request passes.");
            return;
        }
        rules = configuration.rules();
        upgradeUrl = configuration.upgradeUrl();
        userAttribute = configuration.userAttribute();
        ConnectionSource database = configuration.connectionSource();
        snapshots = new SessionSnapshots(new EntitlementRows(database), configuration.stalenessMillis());
        renewalAsks = new RenewalAsks();
        renewalQuestions = new RenewalQuestions(database);
        renewalWaitMillis = configuration.renewalWaitMillis();
        credits = new Credits(database);
        getServletContext().setAttribute(Credits.CONTEXT_ATTRIBUTE, credits);
        metered = new MeteredRequests(credits, upgradeUrl);
        active = true;
        LOG.info(() -> "Tollgate gate active in " + contextName() + ": " + configuration);
    }

    @Override
    public void destroy() {
        if (credits != null) {
            getServletContext().removeAttribute(Credits.CONTEXT_ATTRIBUTE);
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!active || isCorsPreflight(request)) {
            chain.doFilter(request, response);
            return;
        }
        Requirement requirement = rules.requirementFor(pathOf(request));
        boolean needsUser = requirement != null && requirement.needsUser();
        String user = userOf(request);
        if (user == null && needsUser) {
            user = signIn(request, response);
            if (user == null) {
                return;
            }
        }
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean spends = needsUser && requirement.creditsSpent() > 0;
        if (spends && !metered.spend(request, response, user, pathOf(request), requirement)) {
            return;
        }
        Entitlement entitlement;
        try {
            entitlement = snapshots.current(request, user);
            long now = System.currentTimeMillis();
            if (needsUser && !spends && !requirement.isMetBy(entitlement, now)) {
                entitlement = recheckBeforeRefusing(request, user, requirement, now);
                if (!requirement.isMetBy(entitlement, now)) {
                    refuse(request, response, requirement);
                    return;
                }
            }
        } catch (SQLException unreadable) {
            LOG.warning(() -> "Tollgate gate cannot read the entitlement of a user (" + unreadable.getClass().getName()
                    + ", SQLState " + unreadable.getSQLState() + "): " + unreadable.getMessage());
            if (needsUser) {
                Refusals.unavailable(request, response);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        request.setAttribute(Entitlement.REQUEST_ATTRIBUTE, entitlement);
        chain.doFilter(request, response);
    }

    /**
     * The rare path, so it may do I/O: the snapshot said no, but the board may lag (another node or webapp
     * committed the payment), so read the row itself; if access merely lapsed on a subscription that should
     * renew, ask the payments WAR through the database and wait for its answer (bounded), then read again.
     */
    private Entitlement recheckBeforeRefusing(HttpServletRequest request, String user, Requirement requirement,
                                              long now) throws SQLException {
        Entitlement fresh = snapshots.reload(request, user);
        if (requirement.isMetBy(fresh, now) || renewalWaitMillis == 0 || !renewalAsks.shouldAsk(fresh, now)) {
            return fresh;
        }
        try {
            if (!renewalQuestions.askAndWait(user, fresh.getVersion(), renewalWaitMillis)) {
                LOG.info(() -> "Tollgate renewal check of " + user + " unanswered after " + renewalWaitMillis
                        + " ms; deciding on the stored entitlement");
            }
        } catch (SQLException failed) {
            LOG.warning(() -> "Tollgate renewal check of " + user + " could not be asked (SQLState "
                    + failed.getSQLState() + "): " + failed.getMessage());
            return fresh;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return fresh;
        }
        return snapshots.reload(request, user);
    }

    /**
     * Not signed in on a path that needs a user: the container's login (a BASIC challenge, a login page). An API
     * client that sent no credentials gets a plain 401 instead, since a login page is no use to it.
     */
    private String signIn(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        boolean json = Refusals.prefersJson(request.getHeader("Accept"));
        if (json && request.getHeader("Authorization") == null) {
            Refusals.authenticationRequiredJson(response);
            return null;
        }
        if (request.getHeader("Authorization") != null) {
            // With a session present, the container caches the login in it (Tomcat does), so later requests
            // arrive signed in; without one, each request would log in anew and, under session-fixation
            // protection, get a new session id every time.
            request.getSession();
        }
        try {
            // true when the request carried credentials the container accepted (e.g. BASIC on a path without a
            // security-constraint); false when the container has already answered with a challenge or a login page.
            if (!request.authenticate(response)) {
                return null;
            }
            String user = userOf(request);
            if (user != null) {
                return user;
            }
        } catch (ServletException noLoginMechanism) {
            LOG.fine(() -> "No container login for " + contextName() + ": " + noLoginMechanism.getMessage());
        }
        if (json) {
            Refusals.authenticationRequiredJson(response);
        } else {
            response.setHeader("Cache-Control", "no-store");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
        return null;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Requirement requirement)
            throws IOException {
        Refusals.paymentRequired(request, response, requirement.toString(), upgradeUrl);
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /** The path within the app as the container decoded and normalised it (never the raw request URI). */
    private static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = pathInfo == null ? servletPath : servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }

    /** Browsers send preflights without credentials and need a 2xx; the real request that follows is gated. */
    private static boolean isCorsPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null;
    }

    /**
     * An app that names its own session attribute has its own login, and only the user it signed in is judged: a
     * container sign-in shared across the site (Tomcat's single sign-on valve) names someone the app does not know,
     * and letting that user's plan open the app's pages would serve them to a visitor the app treats as anonymous.
     */
    private String userOf(HttpServletRequest request) {
        if (userAttribute == null) {
            return request.getRemoteUser();
        }
        HttpSession session = request.getSession(false);
        Object user = session == null ? null : session.getAttribute(userAttribute);
        String name = user instanceof Principal ? ((Principal) user).getName() : user == null ? null : user.toString();
        return name == null || name.isEmpty() ? null : name;
    }

    private String contextName() {
        String path = getServletContext().getContextPath();
        return path.isEmpty() ? "the root webapp" : path;
    }
}
