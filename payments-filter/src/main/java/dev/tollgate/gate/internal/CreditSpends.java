package dev.tollgate.gate.internal;

import dev.tollgate.gate.CreditSources;
import dev.tollgate.gate.Spend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Spends a user's credits in the shared database, exactly once per spend key: one JDBC transaction locks the user's
 * {@code account} row (the lock every writer of a user's entitlement takes first, so the payments WAR's writes and
 * the spends of other requests and nodes queue up behind it), takes the credits from {@code entitlement.credits}
 * only if the balance covers them ({@code credits >= n} in the update itself) and appends the spend to
 * {@code credit_ledger} under its key. The key is claimed by the ledger's unique {@code source_key}, so a repeated
 * key finds the first answer there and nothing is written again. The balance is never cached: every spend reads and
 * writes the row.
 *
 * <p>Units other than credits (what a plan's allowance gives, {@code reports}) have no column: their balance is the
 * sum of their ledger rows, read under the same account lock that every writer of them (this class, the payments
 * WAR's allowance grants and expiries) takes first, so two spends never both take the last unit. A user without an
 * account row has no allowance, so a balance of 0.
 */
public final class CreditSpends {

    /** The ledger's reason for credits taken. */
    public static final String CHARGED = "spend";
    /** The ledger's reason for a keyed spend the balance did not cover: kept so a repeat answers the same. */
    public static final String REFUSED = "spend_refused";

    static final String FIND_KEY = "select amount, requested, reason from credit_ledger where source_key = ?";
    static final String LOCK_ACCOUNT = "select user_id from account where user_id = ? for update";
    static final String TAKE = "update entitlement set credits = credits - ?, version = version + 1, updated_at = ?"
            + " where user_id = ? and credits >= ?";
    static final String RECORD = "insert into credit_ledger (user_id, source_key, amount, reason, created_at,"
            + " requested, detail, unit) values (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String READ_UNIT_BALANCE = "select coalesce(sum(amount), 0) from credit_ledger"
            + " where user_id = ? and unit = ?";
    static final String READ_VERSION = "select version from entitlement where user_id = ?";
    static final String READ_BALANCE = "select credits from entitlement where user_id = ?";
    static final String READ_LEDGER = "select amount, reason from credit_ledger where user_id = ? and unit = ?"
            + " order by id";
    /** A refused spend moved no credit: its row is the key's memory, not a line of the user's ledger. */
    static final String READ_ENTRIES = "select amount, reason, detail, created_at, unit from credit_ledger"
            + " where user_id = ? and amount <> 0 order by id desc";

    /** The unit of credit packs and of {@code credits:n} rules: its balance is {@code entitlement.credits}. */
    public static final String CREDITS = "credits";

    private static final String SQLSTATE_UNIQUE_VIOLATION = "23505";
    private static final int DETAIL_LENGTH = 255;

    private final ConnectionSource connections;

    public CreditSpends(ConnectionSource connections) {
        this.connections = connections;
    }

    /** What a spend did, and the entitlement version it left (for the gate's board); version -1 if unchanged. */
    public record Result(Spend spend, long versionAfter) {
    }

    /**
     * Takes {@code amount} of {@code unit} from {@code userId} under {@code sourceKey} (see {@link SpendKeys}), or
     * answers what the first spend under that key answered. {@code remember} says whether a refusal is recorded
     * under the key: only worth it when someone can repeat the key.
     */
    public Result spend(String userId, String unit, String sourceKey, long amount, String detail, boolean remember)
            throws SQLException {
        try (Connection connection = connections.open()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Result result = spendIn(connection, userId, unit, sourceKey, amount, detail, remember);
                connection.commit();
                return result;
            } catch (SQLException failed) {
                rollBack(connection, failed);
                if (!SQLSTATE_UNIQUE_VIOLATION.equals(failed.getSQLState())) {
                    throw failed;
                }
                // Only without an account row to lock can two spends of one key meet here: the other one won.
                Optional<Spend> first = repeated(connection, sourceKey);
                connection.commit();
                return new Result(first.orElseThrow(() -> failed), -1);
            } catch (RuntimeException failed) {
                rollBack(connection, failed);
                throw failed;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** The user's balance of {@code unit} as stored; 0 without a row. */
    public long balance(String userId, String unit) throws SQLException {
        try (Connection connection = connections.open()) {
            return balanceIn(connection, userId, unit);
        }
    }

    private static long balanceIn(Connection connection, String userId, String unit) throws SQLException {
        boolean credits = CREDITS.equals(unit);
        try (PreparedStatement select = connection.prepareStatement(credits ? READ_BALANCE : READ_UNIT_BALANCE)) {
            select.setString(1, userId);
            if (!credits) {
                select.setString(2, unit);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /** Every ledger movement of the user in {@code unit}, oldest first. */
    public List<CreditSources.Movement> ledger(String userId, String unit) throws SQLException {
        try (Connection connection = connections.open();
             PreparedStatement select = connection.prepareStatement(READ_LEDGER)) {
            select.setString(1, userId);
            select.setString(2, unit);
            try (ResultSet row = select.executeQuery()) {
                List<CreditSources.Movement> movements = new ArrayList<>();
                while (row.next()) {
                    movements.add(new CreditSources.Movement(row.getLong(1), row.getString(2)));
                }
                return movements;
            }
        }
    }

    /** One ledger row as read: amount, reason, detail (or null), when and its unit. */
    public record Row(long amount, String reason, String detail, Instant createdAt, String unit) {
    }

    /** The user's ledger rows that moved credits, newest first, at most {@code limit}. */
    public List<Row> entries(String userId, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = connections.open();
             PreparedStatement select = connection.prepareStatement(READ_ENTRIES)) {
            select.setString(1, userId);
            select.setMaxRows(limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(row.getLong(1), row.getString(2), row.getString(3),
                            row.getTimestamp(4).toInstant(), row.getString(5)));
                }
            }
        }
        return rows;
    }

    private static Result spendIn(Connection connection, String userId, String unit, String sourceKey, long amount,
                                  String detail, boolean remember) throws SQLException {
        lockAccount(connection, userId);
        // Read after the lock: a spend of this key that held it before has committed by now.
        Optional<Spend> first = repeated(connection, sourceKey);
        if (first.isPresent()) {
            return new Result(first.get(), -1);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean credits = CREDITS.equals(unit);
        boolean taken = credits ? takeCredits(connection, userId, amount, now)
                : balanceIn(connection, userId, unit) >= amount; // under the account's lock: the row below takes them
        if (!taken && !remember) {
            return new Result(new Spend(Spend.Outcome.INSUFFICIENT, amount, false), -1);
        }
        try (PreparedStatement record = connection.prepareStatement(RECORD)) {
            record.setString(1, userId);
            record.setString(2, sourceKey);
            record.setLong(3, taken ? -amount : 0);
            record.setString(4, taken ? CHARGED : REFUSED);
            record.setObject(5, now);
            record.setLong(6, amount);
            record.setString(7, detail.length() > DETAIL_LENGTH ? detail.substring(0, DETAIL_LENGTH) : detail);
            record.setString(8, unit);
            record.executeUpdate();
        }
        Spend.Outcome outcome = taken ? Spend.Outcome.CHARGED : Spend.Outcome.INSUFFICIENT;
        return new Result(new Spend(outcome, amount, false), taken && credits ? version(connection, userId) : -1);
    }

    /** Takes the credits only if the balance covers them, in the update itself. */
    private static boolean takeCredits(Connection connection, String userId, long amount, OffsetDateTime now)
            throws SQLException {
        try (PreparedStatement take = connection.prepareStatement(TAKE)) {
            take.setLong(1, amount);
            take.setObject(2, now);
            take.setString(3, userId);
            take.setLong(4, amount);
            return take.executeUpdate() == 1;
        }
    }

    /** Rolls back without hiding {@code cause}: a connection that broke mid-spend fails the rollback too. */
    private static void rollBack(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException alsoFailed) {
            cause.addSuppressed(alsoFailed);
        }
    }

    /** Waits for whoever writes this user's entitlement now; a user without an account has no other writer. */
    private static void lockAccount(Connection connection, String userId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ACCOUNT)) {
            lock.setString(1, userId);
            try (ResultSet ignored = lock.executeQuery()) {
                // the row, if any, is now locked until commit
            }
        }
    }

    /** The first answer given under {@code sourceKey}, marked as a repeat. */
    private static Optional<Spend> repeated(Connection connection, String sourceKey) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND_KEY)) {
            find.setString(1, sourceKey);
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long requested = row.getLong(2);
                if (row.wasNull()) {
                    requested = -row.getLong(1);
                }
                Spend.Outcome outcome = CHARGED.equals(row.getString(3)) ? Spend.Outcome.CHARGED
                        : Spend.Outcome.INSUFFICIENT;
                return Optional.of(new Spend(outcome, requested, true));
            }
        }
    }

    private static long version(Connection connection, String userId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(READ_VERSION)) {
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
