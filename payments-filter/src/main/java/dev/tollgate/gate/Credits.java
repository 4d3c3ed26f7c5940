package dev.tollgate.gate;

import dev.tollgate.gate.internal.ConnectionSource;
import dev.tollgate.gate.internal.CreditSpends;
import dev.tollgate.gate.rule.Requirement;
import dev.tollgate.gate.internal.SpendKeys;
import jakarta.servlet.ServletContext;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Spends a user's credits for the app's own actions (a report generated, an export, an API call the app meters
 * itself), exactly once per key the app gives.
 *
 * <h2>Use</h2>
 * In a webapp whose gate is active, the gate leaves an instance in the servlet context:
 * <pre>{@code
 * Credits credits = Credits.of(request.getServletContext());
 * Spend spend = credits.spend(request.getRemoteUser(), "export:" + exportId, 5);
 * if (spend.isCharged()) {
 *     // do the export: 5 credits were taken, once, however often this runs for exportId
 * } else {
 *     response.sendError(402); // the balance did not cover 5 credits; nothing was taken
 * }
 * }</pre>
 * Elsewhere (a batch job, a webapp without gate rules) {@link #using(DataSource)} takes the payments database.
 * {@link #balance} reads the balance, {@link #balanceBySource} where it came from (plan allowance, packs, grants).
 *
 * <h2>Other units</h2>
 * A plan's allowance may come in a unit of the app's own ({@code plan.pro.allowance.reports=500/month}): a balance
 * of its own, next to the credits. The same calls take the unit first:
 * <pre>{@code
 * Spend spend = credits.spend(request.getRemoteUser(), "reports", "report:" + reportId, 1);
 * long reportsLeft = credits.balance(request.getRemoteUser(), "reports");
 * }</pre>
 * Packs and admin grants are credits; a unit's balance is what the plan's allowance granted less what was spent.
 *
 * <h2>Guarantees</h2>
 * The credits and the ledger entry that records them are one database transaction, taken under the lock of the
 * user's account row, so concurrent spends never take the balance below zero and never lose a purchase the
 * payments WAR records at the same moment. A key already spent answers exactly what its first spend answered
 * ({@link Spend#repeat()} then says so), also when that was {@link Spend.Outcome#INSUFFICIENT} and also when the
 * amount asked now differs: a retry after a time-out, a double submit or a replayed job is never charged twice and
 * never an error. Keys are per user and kept apart from the gate's own request keys. The balance is read from the
 * database on every call; there is no cache to drift from the ledger.
 *
 * <p>The database user needs {@code select, update} on {@code account} (the row lock) and {@code entitlement},
 * and {@code select, insert} on {@code credit_ledger}.
 */
public final class Credits {

    /** The servlet-context attribute under which an active gate leaves this webapp's instance. */
    public static final String CONTEXT_ATTRIBUTE = Credits.class.getName();
    /** The unit of packs, admin grants and {@code credits:n} rules. */
    public static final String CREDITS = Requirement.Credits.CREDITS;

    private final CreditSpends spends;

    Credits(ConnectionSource connections) {
        this.spends = new CreditSpends(connections);
    }

    /**
     * The instance of the gate active in {@code context}, on the database the gate reads.
     *
     * @throws IllegalStateException when the gate is not active there (no {@code PAYMENTS_PROTECT} rules, or
     *                               switched off): use {@link #using(DataSource)} instead
     */
    public static Credits of(ServletContext context) {
        Object credits = context.getAttribute(CONTEXT_ATTRIBUTE);
        if (!(credits instanceof Credits)) {
            throw new IllegalStateException("The Tollgate gate is not active in this webapp, so it has no credits"
                    + " database; give it PAYMENTS_PROTECT rules or use Credits.using(dataSource)");
        }
        return (Credits) credits;
    }

    /** Spends on the payments database behind {@code dataSource}. */
    public static Credits using(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new Credits(dataSource::getConnection);
    }

    /**
     * Takes {@code amount} credits from {@code userId} once for {@code key}, or answers what the first spend of
     * {@code key} answered.
     *
     * @param userId the user, as the gate knows them ({@code getRemoteUser()} or the configured session attribute)
     * @param key    the app's name for this spend, 1–255 visible ASCII characters, e.g. {@code "export:" + id}
     * @param amount credits to take, at least 1
     * @throws IllegalArgumentException for a missing user, a malformed key or an amount below 1; nothing written
     * @throws SQLException             when the database cannot be reached or refuses; nothing written
     */
    public Spend spend(String userId, String key, long amount) throws SQLException {
        return spend(userId, CREDITS, key, amount);
    }

    /**
     * Takes {@code amount} of {@code unit} (a unit a plan's allowance gives, e.g. {@code reports}; {@code credits}
     * is {@link #spend(String, String, long)}) from {@code userId} once for {@code key}, or answers what the first
     * spend of {@code key} in that unit answered. A key is kept apart per unit.
     *
     * @throws IllegalArgumentException as {@link #spend(String, String, long)}, and for a unit that is not a
     *                                  lower-case name (a-z, 0-9, _; a letter first; at most 40)
     */
    public Spend spend(String userId, String unit, String key, long amount) throws SQLException {
        checkUnit(unit);
        if (userId == null || userId.isEmpty()) {
            throw new IllegalArgumentException("a spend needs the user's id");
        }
        if (!SpendKeys.isValid(key)) {
            throw new IllegalArgumentException("a spend key is 1 to " + SpendKeys.MAX_LENGTH
                    + " visible ASCII characters (no spaces)");
        }
        if (amount < 1) {
            throw new IllegalArgumentException("a spend takes at least 1 of " + unit + ", not " + amount);
        }
        return spend(userId, unit, SpendKeys.ofApp(userId, unit, key), amount, key, true);
    }

    /** The user's balance as stored now; 0 for a user who never had credits. */
    public long balance(String userId) throws SQLException {
        return balance(userId, CREDITS);
    }

    /** The user's balance of {@code unit} now; 0 for a user who never had any. */
    public long balance(String userId, String unit) throws SQLException {
        checkUnit(unit);
        return spends.balance(userId, unit);
    }

    /**
     * Where the user's credits came from (plan allowance, bought packs, other grants), read from the whole ledger:
     * spends take allowance first, then the oldest bought or granted credits. Its {@link CreditSources#total()} is
     * the balance when the ledger records every movement of it.
     *
     * @throws SQLException when the database cannot be reached
     */
    public CreditSources balanceBySource(String userId) throws SQLException {
        return balanceBySource(userId, CREDITS);
    }

    /** {@link #balanceBySource(String)} of {@code unit}: for a unit other than credits, all of it is plan allowance. */
    public CreditSources balanceBySource(String userId, String unit) throws SQLException {
        checkUnit(unit);
        return CreditSources.of(spends.ledger(userId, unit));
    }

    /**
     * The user's ledger, newest first: every purchase, grant and spend that moved credits (refused spends are left
     * out), at most {@code limit} lines.
     *
     * @throws IllegalArgumentException for a limit below 1
     */
    public List<CreditEntry> entries(String userId, int limit) throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("a ledger of at least 1 line, not " + limit);
        }
        return spends.entries(userId, limit).stream()
                .map(row -> new CreditEntry(row.amount(), row.reason(), row.detail(), row.createdAt(), row.unit()))
                .toList();
    }

    private static void checkUnit(String unit) {
        if (!Requirement.Credits.isUnitName(unit)) {
            throw new IllegalArgumentException("a unit is a lower-case name (a-z, 0-9, _; a letter first; at most 40),"
                    + " like the plan's allowance names it");
        }
    }

    /** A spend under a ledger key already made; publishes the new version so this JVM's gates see it at once. */
    Spend spend(String userId, String unit, String sourceKey, long amount, String detail, boolean remember)
            throws SQLException {
        CreditSpends.Result result = spends.spend(userId, unit, sourceKey, amount, detail, remember);
        if (result.versionAfter() >= 0) {
            EntitlementBoard.publish(userId, result.versionAfter());
        }
        return result.spend();
    }
}
