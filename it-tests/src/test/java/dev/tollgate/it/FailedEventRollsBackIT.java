package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event claim and the entitlement write share one transaction on every container: the EJB container's
 * container-managed transaction on Payara and WildFly, the {@code @Transactional} interceptor on Tomcat. The test
 * makes the database refuse the entitlement row (a CHECK constraint that only this user's row violates), so the
 * failure comes after the claim was inserted; then neither the claim nor the subscription nor the entitlement may
 * survive, and Stripe's retry must succeed once the database accepts the row.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FailedEventRollsBackIT {

    private static final String WEBHOOK_SECRET = System.getProperty("it.stripe.webhook.secret");

    /** A price of the catalog failsafe gives the server ({@code PAYMENTS_PLANS}: pro=price_pro_monthly). */
    private static final String PRO_PRICE = "price_pro_monthly";

    @ArquillianResource
    private URL context;

    @Deployment(testable = false)
    static WebArchive paymentsWar() {
        return PaymentsWar.asBuilt();
    }

    @Test
    void failureAfterTheClaimRollsBackClaimAndEntitlementTogetherAndTheRetryApplies() throws Exception {
        PaymentsClient payments = new PaymentsClient(context);
        String suffix = SignedEvent.randomSuffix().substring(0, 12);
        String user = "it-rollback-" + suffix;
        String customer = "cus_it_" + suffix;
        String subscription = "sub_it_" + suffix;
        String refusal = "ck_it_refuse_" + suffix;
        SignedEvent created = SubscriptionEvents.created(customer, subscription, PRO_PRICE, WEBHOOK_SECRET);

        try (Connection db = ServerDatabase.connect()) {
            linkCustomer(db, user, customer);
            execute(db, "alter table entitlement add constraint " + refusal + " check (user_id <> '" + user + "')");
            try {
                HttpResponse<String> refused = payments.deliver(created);

                assertTrue(refused.statusCode() >= 500, "HTTP " + refused.statusCode() + ": " + refused.body());
                assertFalse(refused.body().contains("Exception") || refused.body().contains("\tat "),
                        "no stack trace in the answer: " + refused.body());
                Optional<String> logged = eventStatus(db, created.id());
                assertNotEquals(Optional.of("processed"), logged, "the claim must have rolled back");
                assertEquals(Optional.of("failed"), logged, "the failure log records the attempt on its own");
                assertEquals(0, count(db, "select count(*) from entitlement where user_id = ?", user));
                assertEquals(0, count(db, "select count(*) from stripe_subscription where subscription_id = ?",
                        subscription));
            } finally {
                execute(db, "alter table entitlement drop constraint " + refusal);
            }

            HttpResponse<String> retried = payments.deliver(created.resignedWith(WEBHOOK_SECRET));

            assertEquals(200, retried.statusCode(), retried.body());
            assertEquals("processed", PaymentsClient.json(retried).get("status").getAsString(), retried.body());
            assertEquals(Optional.of("processed"), eventStatus(db, created.id()));
            assertEquals(1, count(db, "select count(*) from entitlement where user_id = ? and plan = 'pro'"
                    + " and status = 'active'", user));
            assertEquals(1, count(db, "select count(*) from stripe_subscription where subscription_id = ?"
                    + " and customer_id = ?", subscription, customer));
        }
    }

    /** The user's account row with its Stripe customer, as checkout would have left it. */
    private static void linkCustomer(Connection db, String user, String customer) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "insert into account (user_id, stripe_customer_id, email, created_at) values (?, ?, ?, ?)")) {
            insert.setString(1, user);
            insert.setString(2, customer);
            insert.setString(3, user + "@example.test");
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    private static Optional<String> eventStatus(Connection db, String eventId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select status from webhook_event where event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static long count(Connection db, String sql, String... parameters) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void execute(Connection db, String ddl) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(ddl);
        }
    }
}
