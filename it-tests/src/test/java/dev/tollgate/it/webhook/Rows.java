package dev.tollgate.it.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** What the payments WAR wrote, read straight from its database with plain JDBC. */
final class Rows {

    /** A user's {@code entitlement} row. */
    record Entitlement(String plan, String status, OffsetDateTime accessUntil, long version) {

        boolean grantsAccessNow() {
            return accessUntil != null && accessUntil.isAfter(OffsetDateTime.now());
        }
    }

    /** One {@code webhook_event} row. */
    /** One {@code webhook_event} row; {@code processedAt} is when its last outcome was reached, before its commit. */
    record WebhookEvent(String type, String status, int attempts, String lastError, String source,
                        OffsetDateTime processedAt) {
    }

    /** Our copy of a Stripe subscription. */
    record SubscriptionCopy(String status, long stripeAsOf) {
    }

    /** One {@code credit_ledger} row: what a grant added, and what it is keyed by (its Checkout Session). */
    record CreditEntry(String sourceKey, long amount, String reason) {
    }

    /** One {@code reconcile_run} row. */
    record ReconcileRun(long id, String node, String status, boolean dryRun, OffsetDateTime startedAt,
                        OffsetDateTime finishedAt, String progress, long seen, long applied, long stripeCalls) {
    }

    /** A reconcile job's {@code job_lease} row. */
    record Lease(String holder, OffsetDateTime expiresAt) {
    }

    /** Everything the webhook path can write, in numbers: equal before and after means nothing was written. */
    record Footprint(long webhookEvents, long accounts, long entitlements, long versionSum, long subscriptions,
                     long reversals) {
    }

    private final DataSource database;

    Rows(DataSource database) {
        this.database = database;
    }

    /** A user whose Stripe customer is already known, as after {@code POST /billing/checkout}. */
    void insertAccount(String user, String customerId) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into account (user_id, stripe_customer_id, email, created_at) values (?, ?, ?, ?)")) {
            insert.setString(1, user);
            insert.setString(2, customerId);
            insert.setString(3, user + "@example.com");
            insert.setObject(4, OffsetDateTime.now());
            insert.executeUpdate();
        }
    }

    /**
     * A Checkout recorded as opened, as after {@code POST /billing/checkout}: a one-time purchase unsettled, a
     * subscription's settled at once.
     */
    void recordOpenedCheckout(String checkoutId, String user, String customerId, boolean subscription, String price,
                              String sells) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into checkout_opened (checkout_id,"
                     + " user_id, customer_id, mode, price_id, sells, opened_at, settled_at, settled_how)"
                     + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            OffsetDateTime now = OffsetDateTime.now();
            insert.setString(1, checkoutId);
            insert.setString(2, user);
            insert.setString(3, customerId);
            insert.setString(4, subscription ? "subscription" : "payment");
            insert.setString(5, price);
            insert.setString(6, sells);
            insert.setObject(7, now);
            if (subscription) {
                insert.setObject(8, now);
            } else {
                insert.setNull(8, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            }
            insert.setString(9, subscription ? "subscription" : null);
            insert.executeUpdate();
        }
    }

    /** The Checkouts recorded as opened for the user, oldest first. */
    List<String> openedCheckouts(String user) throws SQLException {
        return list("select checkout_id from checkout_opened where user_id = ? order by opened_at, checkout_id", user,
                row -> row.getString(1));
    }

    /** The Checkouts recorded as opened and not settled. */
    List<String> unsettledCheckouts() throws SQLException {
        return list("select checkout_id from checkout_opened where settled_at is null order by checkout_id", null,
                row -> row.getString(1));
    }

    /** How a recorded Checkout was settled; "unsettled" while it is not, "not recorded" without its row. */
    String checkoutSettlement(String checkoutId) throws SQLException {
        List<String> how = list("select coalesce(settled_how, 'unsettled') from checkout_opened where checkout_id = ?",
                checkoutId, row -> row.getString(1));
        return how.isEmpty() ? "not recorded" : how.get(0);
    }

    /** The Stripe customer the user's account is linked to; empty when it has none (or no account). */
    Optional<String> linkedCustomer(String user) throws SQLException {
        List<Optional<String>> linked = list("select stripe_customer_id from account where user_id = ?", user,
                row -> Optional.ofNullable(row.getString(1)));
        return linked.isEmpty() ? Optional.empty() : linked.get(0);
    }

    /** How many {@code account} rows the user has: one at most, whatever raced to create it. */
    long accountRows(String user) throws SQLException {
        return count("select count(*) from account where user_id = ?", user);
    }

    /** The user's customers Stripe deleted, oldest first, as the admin finds them. */
    List<String> formerCustomers(String user) throws SQLException {
        return list("select stripe_customer_id from account_customer_history where user_id = ?"
                + " order by unlinked_at, stripe_customer_id", user, row -> row.getString(1));
    }

    Optional<Entitlement> entitlement(String user) throws SQLException {
        return list("select plan, status, access_until, version from entitlement where user_id = ?", user,
                row -> new Entitlement(row.getString(1), row.getString(2), row.getObject(3, OffsetDateTime.class),
                        row.getLong(4))).stream().findFirst();
    }

    Entitlement requireEntitlement(String user) throws SQLException {
        return entitlement(user).orElseThrow(() -> new AssertionError("no entitlement row for " + user));
    }

    /** One {@code entitlement_history} row: a version the entitlement took, and what wrote it. */
    record EntitlementChange(long version, String status, boolean grantsAccess, String cause, String causeRef) {
    }

    /** The user's entitlement history, oldest first. */
    List<EntitlementChange> entitlementHistory(String user) throws SQLException {
        return list("select version, status, grants_access, cause, cause_ref from entitlement_history"
                + " where user_id = ? order by version, id", user, row -> new EntitlementChange(row.getLong(1),
                row.getString(2), row.getBoolean(3), row.getString(4), row.getString(5)));
    }

    /** The user's credit balance, as the gate reads it from the entitlement row; 0 without a row. */
    long credits(String user) throws SQLException {
        return list("select credits from entitlement where user_id = ?", user, row -> row.getLong(1)).stream()
                .findFirst().orElse(0L);
    }

    /** One {@code credit_ledger} row with its unit and when it was written. */
    record UnitEntry(String unit, String sourceKey, long amount, String reason, OffsetDateTime createdAt) {
    }

    /** The user's ledger in every unit, oldest first. */
    List<UnitEntry> unitLedger(String user) throws SQLException {
        return list("select unit, source_key, amount, reason, created_at from credit_ledger where user_id = ?"
                + " order by id", user, row -> new UnitEntry(row.getString(1), row.getString(2), row.getLong(3),
                row.getString(4), row.getObject(5, OffsetDateTime.class)));
    }

    /** When the subscription's next allowance window starts, as {@code allowance_window} says; empty without a row. */
    Optional<OffsetDateTime> nextAllowanceWindow(String subscriptionId) throws SQLException {
        return list("select next_start from allowance_window where subscription_id = ?", subscriptionId,
                row -> row.getObject(1, OffsetDateTime.class)).stream().findFirst();
    }

    /** The user's credit ledger, oldest first. */
    List<CreditEntry> creditLedger(String user) throws SQLException {
        return list("select source_key, amount, reason from credit_ledger where user_id = ? order by id", user,
                row -> new CreditEntry(row.getString(1), row.getLong(2), row.getString(3)));
    }

    Optional<WebhookEvent> webhookEvent(String eventId) throws SQLException {
        return list("select type, status, attempts, last_error, source, processed_at from webhook_event"
                + " where event_id = ?", eventId, row -> new WebhookEvent(row.getString(1), row.getString(2),
                        row.getInt(3), row.getString(4), row.getString(5), row.getObject(6, OffsetDateTime.class)))
                .stream().findFirst();
    }

    long webhookEventRows(String eventId) throws SQLException {
        return count("select count(*) from webhook_event where event_id = ?", eventId);
    }

    /** Every event in the log, whichever way it came, by event id. */
    Map<String, WebhookEvent> webhookEvents() throws SQLException {
        return webhookEventsWhere("", null);
    }

    /** The log's events that came this way ({@code webhook}, {@code reconcile}, {@code replay}), by event id. */
    Map<String, WebhookEvent> webhookEventsFrom(String source) throws SQLException {
        return webhookEventsWhere(" where source = ?", source);
    }

    private Map<String, WebhookEvent> webhookEventsWhere(String condition, String parameter) throws SQLException {
        Map<String, WebhookEvent> byId = new HashMap<>();
        list("select event_id, type, status, attempts, last_error, source, processed_at from webhook_event"
                + condition, parameter, row -> byId.put(row.getString(1), new WebhookEvent(row.getString(2),
                        row.getString(3), row.getInt(4), row.getString(5), row.getString(6),
                        row.getObject(7, OffsetDateTime.class))));
        return byId;
    }

    /** The job's runs, oldest first. */
    List<ReconcileRun> reconcileRuns(String job) throws SQLException {
        return list("select id, node, status, dry_run, started_at, finished_at, progress, seen, applied, stripe_calls"
                + " from reconcile_run where job = ? order by id", job, row -> new ReconcileRun(row.getLong(1),
                row.getString(2), row.getString(3), row.getBoolean(4), row.getObject(5, OffsetDateTime.class),
                row.getObject(6, OffsetDateTime.class), row.getString(7), row.getLong(8), row.getLong(9),
                row.getLong(10)));
    }

    Lease lease(String job) throws SQLException {
        return list("select holder, expires_at from job_lease where job = ?", job,
                row -> new Lease(row.getString(1), row.getObject(2, OffsetDateTime.class))).get(0);
    }

    /**
     * Takes the job's lease for {@code holder} the way a node does (only when free or lapsed), for {@code time}:
     * while a test holds it, no node starts the job.
     *
     * @return whether it was free
     */
    boolean takeLease(String job, String holder, Duration time) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement take = connection.prepareStatement("update job_lease set holder = ?, expires_at = ?"
                     + " where job = ? and (holder is null or expires_at < ?)")) {
            OffsetDateTime now = OffsetDateTime.now();
            take.setString(1, holder);
            take.setObject(2, now.plus(time));
            take.setString(3, job);
            take.setObject(4, now);
            return take.executeUpdate() == 1;
        }
    }

    /** Lets go of the job's lease if {@code holder} has it, as a node does after a run. */
    void releaseLease(String job, String holder) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement release = connection.prepareStatement("update job_lease set holder = null,"
                     + " expires_at = ? where job = ? and holder = ?")) {
            release.setObject(1, OffsetDateTime.now());
            release.setString(2, job);
            release.setString(3, holder);
            release.executeUpdate();
        }
    }

    SubscriptionCopy subscription(String subscriptionId) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select status, stripe_as_of from stripe_subscription where subscription_id = ?")) {
            query.setString(1, subscriptionId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new AssertionError("no stripe_subscription row for " + subscriptionId);
                }
                return new SubscriptionCopy(row.getString(1), row.getLong(2));
            }
        }
    }

    Footprint footprint() throws SQLException {
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     select (select count(*) from webhook_event), (select count(*) from account),
                            (select count(*) from entitlement), (select coalesce(sum(version), 0) from entitlement),
                            (select count(*) from stripe_subscription), (select count(*) from payment_reversal)""")) {
            row.next();
            return new Footprint(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5),
                    row.getLong(6));
        }
    }

    /**
     * {@link #footprint()} without the deliveries recorded as {@code refused} (a live event at a test-mode
     * endpoint is refused and recorded, so an admin sees the misconfiguration): everything else the path writes.
     */
    Footprint footprintWithoutRefusals() throws SQLException {
        Footprint all = footprint();
        long refused = count("select count(*) from webhook_event where status = ?", "refused");
        return new Footprint(all.webhookEvents() - refused, all.accounts(), all.entitlements(), all.versionSum(),
                all.subscriptions(), all.reversals());
    }

    /**
     * Makes the database refuse any write that gives {@code user}'s entitlement the status {@code status} (a check
     * constraint, as an operator's mistake or a fault would), until the answer is closed.
     */
    AutoCloseable refuseEntitlementStatus(String user, String status) throws SQLException {
        String constraint = "it_fault_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute("alter table entitlement add constraint " + constraint + " check (status <> '" + status
                + "' or user_id <> '" + user + "')");
        return () -> execute("alter table entitlement drop constraint " + constraint);
    }

    /** Runs DDL or DML the way an operator (or a fault) would, outside the application. */
    void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql, String parameter) throws SQLException {
        return list(sql, parameter, row -> row.getLong(1)).get(0);
    }

    /** Every row {@code sql} finds by its one parameter (none when null), each read by {@code reader}. */
    private <T> List<T> list(String sql, String parameter, RowReader<T> reader) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (ResultSet rows = query.executeQuery()) {
                List<T> read = new ArrayList<>();
                while (rows.next()) {
                    read.add(reader.read(rows));
                }
                return read;
            }
        }
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }
}
