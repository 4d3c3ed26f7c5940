package dev.tollgate.gate;

import dev.tollgate.gate.internal.ConnectionSource;
import dev.tollgate.gate.internal.Settings;
import dev.tollgate.gate.rule.InvalidRuleException;
import dev.tollgate.gate.rule.ProtectionRule;
import dev.tollgate.gate.rule.ProtectionRules;
import dev.tollgate.gate.rule.Requirement;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;

import javax.naming.NamingException;
import java.util.ArrayList;
import java.util.List;

import static dev.tollgate.gate.EntitlementFilter.DEFAULT_DATASOURCE;
import static dev.tollgate.gate.EntitlementFilter.DEFAULT_PRICING_URL;
import static dev.tollgate.gate.EntitlementFilter.DEFAULT_RENEWAL_WAIT_MS;
import static dev.tollgate.gate.EntitlementFilter.DEFAULT_STALENESS_MS;
import static dev.tollgate.gate.EntitlementFilter.INIT_PARAM_DATASOURCE;
import static dev.tollgate.gate.EntitlementFilter.INIT_PARAM_ENABLED;
import static dev.tollgate.gate.EntitlementFilter.INIT_PARAM_JDBC_PASSWORD;
import static dev.tollgate.gate.EntitlementFilter.INIT_PARAM_JDBC_URL;
import static dev.tollgate.gate.EntitlementFilter.INIT_PARAM_JDBC_USER;
import static dev.tollgate.gate.EntitlementFilter.INIT_PARAM_PRICING_URL;
import static dev.tollgate.gate.EntitlementFilter.INIT_PARAM_PROTECT;
import static dev.tollgate.gate.EntitlementFilter.INIT_PARAM_RENEWAL_WAIT_MS;
import static dev.tollgate.gate.EntitlementFilter.MAX_RENEWAL_WAIT_MS;
import static dev.tollgate.gate.EntitlementFilter.INIT_PARAM_STALENESS_MS;
import static dev.tollgate.gate.EntitlementFilter.INIT_PARAM_USER_ATTRIBUTE;
import static dev.tollgate.gate.EntitlementFilter.SERVER_DEFAULT_DATASOURCE;

/**
 * The filter's settings, read once at start and validated loudly: every bad value stops the start with a
 * message that names the setting, lists what is legal and repeats the bad value. The names and defaults are
 * the constants of {@link EntitlementFilter}, where the user manual lives.
 */
final class GateConfiguration {

    private final Settings settings;
    private final boolean enabled;
    private final ProtectionRules rules;
    private final String upgradeUrl;
    private final long stalenessMillis;
    private final long renewalWaitMillis;
    private final String userAttribute;

    private GateConfiguration(FilterConfig config) throws ServletException {
        settings = Settings.of(config);
        enabled = parseEnabled(settings.get(INIT_PARAM_ENABLED, "true"));
        rules = parseRules();
        upgradeUrl = parsePricingUrl(settings.get(INIT_PARAM_PRICING_URL, DEFAULT_PRICING_URL),
                config.getServletContext().getContextPath());
        stalenessMillis = parseStaleness(settings.get(INIT_PARAM_STALENESS_MS, DEFAULT_STALENESS_MS));
        renewalWaitMillis = parseRenewalWait(settings.get(INIT_PARAM_RENEWAL_WAIT_MS, DEFAULT_RENEWAL_WAIT_MS));
        userAttribute = settings.get(INIT_PARAM_USER_ATTRIBUTE);
    }

    static GateConfiguration read(FilterConfig config) throws ServletException {
        return new GateConfiguration(config);
    }

    /** Whether the gate has anything to do: switched on and at least one rule. */
    boolean isActive() {
        return enabled && !rules.isEmpty();
    }

    String whyInactive() {
        return enabled ? "no " + INIT_PARAM_PROTECT + " rules configured" : INIT_PARAM_ENABLED + " is false";
    }

    ProtectionRules rules() {
        return rules;
    }

    /** The pricing URL as sent in a Location header: absolute, or a path with this webapp's context path. */
    String upgradeUrl() {
        return upgradeUrl;
    }

    long stalenessMillis() {
        return stalenessMillis;
    }

    /** How long a request may wait for the payments WAR's renewal re-check; 0 = never ask. */
    long renewalWaitMillis() {
        return renewalWaitMillis;
    }

    /** The session attribute holding the user id, or {@code null} for {@code getRemoteUser()}. */
    String userAttribute() {
        return userAttribute;
    }

    /**
     * The database of the {@code entitlement} table: {@value EntitlementFilter#INIT_PARAM_JDBC_URL} when set,
     * else the DataSource at {@value EntitlementFilter#INIT_PARAM_DATASOURCE}. Without that setting the gate looks
     * at {@value EntitlementFilter#DEFAULT_DATASOURCE} and then at the server's default data source
     * ({@value EntitlementFilter#SERVER_DEFAULT_DATASOURCE}), which is where the payments WAR keeps its tables on
     * WildFly and Payara: there, dropping the jar in needs no database setting at all. Only asked for when
     * active, so the jar dropped into an app without configuration needs no database.
     */
    ConnectionSource connectionSource() throws ServletException {
        String url = settings.get(INIT_PARAM_JDBC_URL);
        if (url != null) {
            return ConnectionSource.driverManager(url, settings.get(INIT_PARAM_JDBC_USER),
                    settings.get(INIT_PARAM_JDBC_PASSWORD));
        }
        String configured = settings.get(INIT_PARAM_DATASOURCE);
        List<String> candidates = configured != null ? List.of(configured)
                : List.of(DEFAULT_DATASOURCE, SERVER_DEFAULT_DATASOURCE);
        List<String> misses = new ArrayList<>();
        for (String name : candidates) {
            try {
                return ConnectionSource.jndi(name);
            } catch (NamingException notFound) {
                misses.add("'" + name + "' (" + notFound.getMessage() + ")");
            }
        }
        throw new ServletException("Tollgate gate has rules but no database: no DataSource at "
                + String.join(" nor at ", misses) + " and no " + INIT_PARAM_JDBC_URL
                + ". Bind the DataSource of the payments schema at " + INIT_PARAM_DATASOURCE + ", or set "
                + INIT_PARAM_JDBC_URL + ".");
    }

    /** For the start-up log line; never includes the JDBC password. */
    @Override
    public String toString() {
        return "rules [" + rules + "] (from " + settings.sourceOf(INIT_PARAM_PROTECT) + "), pricing " + upgradeUrl
                + ", staleness " + stalenessMillis + " ms, renewal wait "
                + (renewalWaitMillis == 0 ? "off" : renewalWaitMillis + " ms") + ", user from "
                + (userAttribute == null ? "getRemoteUser()" : "session attribute '" + userAttribute + "'")
                + ", database from " + (settings.get(INIT_PARAM_JDBC_URL) != null ? INIT_PARAM_JDBC_URL
                : settings.get(INIT_PARAM_DATASOURCE) != null
                        ? INIT_PARAM_DATASOURCE + " '" + settings.get(INIT_PARAM_DATASOURCE) + "'"
                        : "'" + DEFAULT_DATASOURCE + "', else '" + SERVER_DEFAULT_DATASOURCE + "'");
    }

    // Parsing ----------------------------------------------------------------------------------------------------

    private static boolean parseEnabled(String value) throws ServletException {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new ServletException(INIT_PARAM_ENABLED + " must be true or false, not '" + value + "'.");
    }

    private ProtectionRules parseRules() throws ServletException {
        try {
            return ProtectionRules.parse(settings.get(INIT_PARAM_PROTECT));
        } catch (InvalidRuleException invalid) {
            throw new ServletException(INIT_PARAM_PROTECT + " (" + settings.sourceOf(INIT_PARAM_PROTECT) + "): "
                    + invalid.getMessage());
        }
    }

    /**
     * The pricing URL for Location headers: an absolute URL as it is; a path gets this webapp's context path, and
     * must be public, or refused users would be redirected to a page that refuses them again.
     */
    private String parsePricingUrl(String value, String contextPath) throws ServletException {
        if (value.startsWith("https://") || value.startsWith("http://")) {
            return value;
        }
        if (!value.startsWith("/") || value.startsWith("//")) {
            throw new ServletException(INIT_PARAM_PRICING_URL + " must be a path in this webapp starting with '/'"
                    + " (e.g. " + DEFAULT_PRICING_URL + ") or an absolute http(s):// URL, not '" + value + "'.");
        }
        String path = value.contains("?") ? value.substring(0, value.indexOf('?')) : value;
        Requirement onPricing = rules.requirementFor(path);
        if (onPricing != null && onPricing.needsUser() && onPricing != Requirement.Authenticated.INSTANCE) {
            throw new ServletException(INIT_PARAM_PRICING_URL + " '" + value + "' is itself protected by '"
                    + ruleFor(path) + "', so refused users would be redirected in a loop; make it public.");
        }
        return contextPath + value;
    }

    private String ruleFor(String path) {
        return rules.asList().stream().filter(rule -> rule.pattern().matches(path))
                .map(ProtectionRule::toString).findFirst().orElse("?");
    }

    private static long parseStaleness(String value) throws ServletException {
        try {
            long millis = Long.parseLong(value);
            if (millis >= 0) {
                return millis;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the legal values
        }
        throw new ServletException(INIT_PARAM_STALENESS_MS + " must be a whole number of milliseconds, 0 or more"
                + " (0 = read the database on every request; default " + DEFAULT_STALENESS_MS + "), not '"
                + value + "'.");
    }

    private static long parseRenewalWait(String value) throws ServletException {
        long max = Long.parseLong(MAX_RENEWAL_WAIT_MS);
        try {
            long millis = Long.parseLong(value);
            if (millis >= 0 && millis <= max) {
                return millis;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the legal values
        }
        throw new ServletException(INIT_PARAM_RENEWAL_WAIT_MS + " must be a whole number of milliseconds from 0 to "
                + MAX_RENEWAL_WAIT_MS + " (0 = never ask the payments WAR before refusing a lapsed subscription;"
                + " default " + DEFAULT_RENEWAL_WAIT_MS + "), not '" + value + "'.");
    }
}
