package dev.tollgate.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads what the payments WAR wrote, straight from the demo's database. */
final class Ledger {

    /** One user's {@code entitlement} row. */
    record EntitlementRow(String plan, String plans, String status, OffsetDateTime accessUntil, long version) {
    }

    /** One {@code webhook_event} row. */
    record EventRow(String eventId, String type, String status, String source) {
    }

    private final DataSource database;

    Ledger(DataSource database) {
        this.database = database;
    }

    Optional<EntitlementRow> entitlementOf(String user) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select plan, plans, status, access_until, version from entitlement where user_id = ?")) {
            query.setString(1, user);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new EntitlementRow(row.getString(1), row.getString(2), row.getString(3),
                        row.getObject(4, OffsetDateTime.class), row.getLong(5)));
            }
        }
    }

    /** The row's version, 0 when the user has no row yet (the gate treats a missing row as "no access"). */
    long versionOf(String user) throws SQLException {
        return entitlementOf(user).map(EntitlementRow::version).orElse(0L);
    }

    List<EventRow> webhookEvents() throws SQLException {
        List<EventRow> events = new ArrayList<>();
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "select event_id, type, status, source from webhook_event order by received_at, event_id")) {
            while (row.next()) {
                events.add(new EventRow(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
            }
        }
        return events;
    }

    /** What the webhook path can change, in numbers: equal footprints before and after mean nothing was written. */
    record Footprint(long webhookEvents, long accounts, long entitlements, long versionSum) {
    }

    Footprint footprint() throws SQLException {
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     select (select count(*) from webhook_event), (select count(*) from account),
                            (select count(*) from entitlement), (select coalesce(sum(version), 0) from entitlement)""")) {
            row.next();
            return new Footprint(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
        }
    }
}
