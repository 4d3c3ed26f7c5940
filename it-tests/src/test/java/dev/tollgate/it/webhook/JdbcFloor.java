package dev.tollgate.it.webhook;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * The floor the webhook path is measured against: the least any exactly-once receiver must do per event, as a
 * plain JDBC loop on the same pool — check the HMAC, insert the claim, upsert the entitlement, commit. No HTTP,
 * no JSON model, no Stripe state, no policy.
 */
final class JdbcFloor {

    private final DataSource database;

    JdbcFloor(DataSource database) {
        this.database = database;
    }

    /** One event: {@code body} with its {@code signature}, for {@code user}. */
    void apply(String eventId, String body, String signature, String user) throws SQLException {
        try {
            Webhook.Signature.verifyHeader(body, signature, WebhookStage.OLD_SECRET, 300);
        } catch (SignatureVerificationException e) {
            throw new IllegalStateException("the floor's own signature did not verify", e);
        }
        OffsetDateTime now = OffsetDateTime.now();
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement claim = connection.prepareStatement("""
                        insert into webhook_event (event_id, type, livemode, stripe_created, object_id, received_at,
                            processed_at, status, attempts, source, payload)
                        values (?, 'customer.subscription.updated', false, ?, ?, ?, ?, 'processed', 1, 'floor', ?)""")) {
                    claim.setString(1, eventId);
                    claim.setLong(2, now.toEpochSecond());
                    claim.setString(3, "sub_floor_" + user);
                    claim.setObject(4, now);
                    claim.setObject(5, now);
                    claim.setString(6, body.length() > 65_536 ? body.substring(0, 65_536) : body);
                    claim.executeUpdate();
                }
                int updated;
                try (PreparedStatement bump = connection.prepareStatement("""
                        update entitlement set status = 'active', access_until = ?, version = version + 1,
                            updated_at = ? where user_id = ?""")) {
                    bump.setObject(1, now.plusDays(30));
                    bump.setObject(2, now);
                    bump.setString(3, user);
                    updated = bump.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement insert = connection.prepareStatement("""
                            insert into entitlement (user_id, plan, plans, features, status, access_until, version,
                                updated_at) values (?, 'pro', 'pro,basic', '', 'active', ?, 1, ?)""")) {
                        insert.setString(1, user);
                        insert.setObject(2, now.plusDays(30));
                        insert.setObject(3, now);
                        insert.executeUpdate();
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
