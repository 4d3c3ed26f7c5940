package dev.tollgate.payments.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.ChangeCause;
import dev.tollgate.payments.domain.model.CustomerState;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChange;
import dev.tollgate.payments.domain.model.EventOutcome;
import dev.tollgate.payments.domain.model.EventQuery;
import dev.tollgate.payments.domain.model.EventSource;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.LoggedEvent;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.WebhookEvent;
import dev.tollgate.payments.domain.model.FormerCustomer;
import dev.tollgate.payments.domain.model.Grant;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.ReversalRecord;
import dev.tollgate.payments.domain.model.PaymentsSeen;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionRecord;
import dev.tollgate.payments.domain.model.SubscriptionStatus;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The entitlement state's repositories against a real schema (Flyway's migrations on an in-memory H2), in one
 * open transaction as the webhook path runs them: what is written reads back the same, nulls and instants
 * included, and a write-back of a row that is not there fails. The same statements run on PostgreSQL in the
 * container suites.
 */
class JdbcRepositoriesTest {

    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

    private OneConnection jdbc;

    @BeforeEach
    void schema() throws SQLException {
        jdbc = OneConnection.onNewSchema();
    }

    @AfterEach
    void close() throws SQLException {
        jdbc.close();
    }

    /** The three tables a recompute reads, each repository on the test's transaction. */
    private static final class CustomerTables {
        final JdbcEntitlementRepository entitlements = new JdbcEntitlementRepository();
        final JdbcSubscriptionRepository subscriptions = new JdbcSubscriptionRepository();
        final JdbcReversalRepository reversals = new JdbcReversalRepository();

        CustomerTables(OneConnection jdbc) {
            entitlements.jdbc = jdbc;
            subscriptions.jdbc = jdbc;
            reversals.jdbc = jdbc;
        }
    }

    @Test
    void anAccountReadsBackAndItsCustomerLinkIsWrittenBack() {
        JdbcAccountRepository accounts = new JdbcAccountRepository();
        accounts.jdbc = jdbc;
        accounts.add(new Account("alice", null, "alice@example.com", T));
        Account alice = accounts.find("alice").orElseThrow();
        assertNull(alice.stripeCustomerId());
        assertEquals(T, alice.createdAt());

        alice.linkCustomer("cus_alice");
        accounts.update(alice);
        Account linked = accounts.findByCustomer("cus_alice").orElseThrow();
        assertEquals("alice", linked.userId());
        assertEquals("alice@example.com", linked.email());
        assertTrue(accounts.findByCustomer("cus_nobody").isEmpty());
    }

    @Test
    void aDeletedCustomerLeavesTheAccountAndStaysInTheUsersHistory() {
        JdbcAccountRepository accounts = aliceAndBobLinkedTo("cus_first");
        Account alice = accounts.find("alice").orElseThrow();

        accounts.addFormerCustomer(alice.unlinkDeletedCustomer(T.plusSeconds(60)));
        accounts.update(alice);
        alice.linkCustomer("cus_second");
        accounts.update(alice);
        accounts.addFormerCustomer(alice.unlinkDeletedCustomer(T.plusSeconds(120)));
        accounts.update(alice);

        assertNull(accounts.find("alice").orElseThrow().stripeCustomerId());
        assertTrue(accounts.findByCustomer("cus_first").isEmpty(), "no account answers for a deleted customer");
        assertEquals(List.of(new FormerCustomer("alice", "cus_first", T.plusSeconds(60)),
                new FormerCustomer("alice", "cus_second", T.plusSeconds(120))), accounts.formerCustomers("alice"));
        assertEquals(new FormerCustomer("alice", "cus_second", T.plusSeconds(120)),
                accounts.findFormerCustomer("cus_second").orElseThrow());
        assertTrue(accounts.findFormerCustomer("cus_bob").isEmpty(), "a live customer is no former one");
        assertTrue(accounts.formerCustomers("bob").isEmpty());
        assertThrows(RuntimeException.class, () -> accounts.addFormerCustomer(
                new FormerCustomer("alice", "cus_first", T.plusSeconds(180))), "a customer is deleted once");
    }

    @Test
    void anAccountFoundForUpdateIsNotLockedASecondTime() {
        JdbcAccountRepository accounts = aliceAndBobLinkedTo("cus_alice");

        Account alice = accounts.findByCustomerForUpdate("cus_alice").orElseThrow();
        int before = jdbc.statements;
        accounts.lock(alice);
        assertEquals(before, jdbc.statements, "the row lock taken by the find holds until the transaction ends");

        accounts.lock(accounts.find("bob").orElseThrow());
        assertEquals(before + 2, jdbc.statements, "an account read without a lock is locked by a statement");
    }

    /** Accounts on this test's transaction: alice linked to {@code aliceCustomer}, bob to cus_bob. */
    private JdbcAccountRepository aliceAndBobLinkedTo(String aliceCustomer) {
        JdbcAccountRepository accounts = new JdbcAccountRepository();
        accounts.jdbc = jdbc;
        accounts.add(new Account("alice", aliceCustomer, null, T));
        accounts.add(new Account("bob", "cus_bob", null, T));
        return accounts;
    }

    @Test
    void anEntitlementReadsBackWhatItWasToldIncludingNoAccess() {
        JdbcEntitlementRepository entitlements = new JdbcEntitlementRepository();
        entitlements.jdbc = jdbc;
        entitlements.add(Entitlement.none("alice", T));
        Entitlement none = entitlements.find("alice").orElseThrow();
        assertEquals(SubscriptionStatus.NONE, none.status());
        assertNull(none.accessUntil());

        none.apply(new Grant("pro", Set.of("pro", "basic"), Set.of("reports", "export"), SubscriptionStatus.ACTIVE,
                T.plusSeconds(3600), "sub_1", T.plusSeconds(7200)), T.plusSeconds(1));
        none.rememberStripeFeatures(Set.of("courses"), T.plusSeconds(1));
        none.addCredits(100, T.plusSeconds(2));
        entitlements.update(none);

        Entitlement read = entitlements.find("alice").orElseThrow();
        assertEquals("pro", read.plan());
        assertEquals(Set.of("basic", "pro"), read.plans());
        assertEquals(Set.of("export", "reports"), read.features());
        assertEquals(Set.of("courses"), read.stripeFeatures());
        assertEquals(T.plusSeconds(1), read.stripeFeaturesAsOf());
        assertEquals(SubscriptionStatus.ACTIVE, read.status());
        assertEquals(T.plusSeconds(3600), read.accessUntil());
        assertEquals(T.plusSeconds(7200), read.renewsAt());
        assertEquals(100, read.credits());
        assertEquals("sub_1", read.subscriptionId());
        assertEquals(2, read.version());
        assertEquals(T.plusSeconds(2), read.updatedAt());
    }

    @Test
    void everyMovedVersionIsKeptInTheHistoryWithTheCauseOpenWhenItWasWritten() {
        JdbcEntitlementRepository entitlements = new JdbcEntitlementRepository();
        entitlements.jdbc = jdbc;
        entitlements.add(Entitlement.none("alice", T));
        Entitlement alice = entitlements.find("alice").orElseThrow();
        Grant pro = new Grant("pro", Set.of("pro"), Set.of("reports"), SubscriptionStatus.ACTIVE,
                T.plusSeconds(3600), "sub_1", T.plusSeconds(3600));
        try (ChangeCause.Scope cause = ChangeCause.event(EventSource.WEBHOOK, "evt_paid").open()) {
            alice.apply(pro, T.plusSeconds(1));
            entitlements.update(alice);
            // Stripe's features remembered without a new version: a write, but no change to keep
            alice.rememberStripeFeatures(Set.of("courses"), T.plusSeconds(1));
            entitlements.update(alice);
        }
        try (ChangeCause.Scope cause = ChangeCause.of(ChangeCause.Source.CONSOLE, "resync by admin").open()) {
            alice.apply(Grant.nothing(SubscriptionStatus.CANCELED, "sub_1", null), T.plusSeconds(2));
            entitlements.update(alice);
        }
        alice.addCredits(5, T.plusSeconds(3));
        entitlements.update(alice);

        List<EntitlementChange> history = entitlements.history("alice", 10);
        assertEquals(List.of(3L, 2L, 1L), history.stream().map(EntitlementChange::version).toList());
        EntitlementChange paid = history.get(2);
        assertEquals(new EntitlementChange("alice", 1, "pro", SubscriptionStatus.ACTIVE, true, T.plusSeconds(3600),
                0, ChangeCause.of(ChangeCause.Source.WEBHOOK, "evt_paid"), T.plusSeconds(1)), paid);
        EntitlementChange canceled = history.get(1);
        assertEquals(SubscriptionStatus.CANCELED, canceled.status());
        assertEquals(false, canceled.grantsAccess());
        assertEquals(ChangeCause.of(ChangeCause.Source.CONSOLE, "resync by admin"), canceled.cause());
        assertEquals(ChangeCause.UNNAMED, history.get(0).cause());
        assertEquals(5, history.get(0).credits());
        assertEquals(List.of(3L), entitlements.history("alice", 1).stream().map(EntitlementChange::version).toList());
        assertTrue(entitlements.history("bob", 10).isEmpty());
    }

    @Test
    void aSubscriptionRecordReadsBackAndTakesANewerState() {
        JdbcSubscriptionRepository subscriptions = new JdbcSubscriptionRepository();
        subscriptions.jdbc = jdbc;
        Subscription first = new Subscription("sub_1", "cus_alice", SubscriptionStatus.TRIALING,
                List.of("price_pro", "pro_monthly"), T, T.plusSeconds(3600), false, T);
        subscriptions.add(new SubscriptionRecord(first, T, T.plusSeconds(1)));
        assertEquals(first, subscriptions.find("sub_1").orElseThrow().toSubscription());
        assertEquals(new SubscriptionRecord.Moment(T, false), subscriptions.moment("sub_1").orElseThrow());

        SubscriptionRecord record = subscriptions.findForUpdate("sub_1").orElseThrow();
        Subscription later = new Subscription("sub_1", "cus_alice", SubscriptionStatus.ACTIVE, List.of(), null,
                null, true, T.plusSeconds(99));
        record.take(later, T.plusSeconds(10), T.plusSeconds(11));
        subscriptions.update(record);

        SubscriptionRecord read = subscriptions.ofCustomer("cus_alice").get(0);
        assertEquals(new Subscription("sub_1", "cus_alice", SubscriptionStatus.ACTIVE, List.of(), null, null, true,
                T), read.toSubscription(), "the creation time is the first state's");
        assertEquals(T.plusSeconds(10), read.stripeAsOf());
        assertEquals(T.plusSeconds(11), read.updatedAt());
        assertTrue(subscriptions.ofCustomer("cus_bob").isEmpty());
        assertTrue(read.pastDueSince().isEmpty());
        assertTrue(read.invoicePaidAt().isEmpty());
    }

    @Test
    void aSubscriptionRecordKeepsWhatTheEventsToldOfItsPayments() {
        JdbcSubscriptionRepository subscriptions = new JdbcSubscriptionRepository();
        subscriptions.jdbc = jdbc;
        Subscription active = new Subscription("sub_2", "cus_alice", SubscriptionStatus.ACTIVE, List.of("price_pro"),
                T, T.plusSeconds(3600), false, T);
        subscriptions.add(new SubscriptionRecord(active, T, T));
        SubscriptionRecord record = subscriptions.findForUpdate("sub_2").orElseThrow();
        assertTrue(record.invoicePaid(T.plusSeconds(2)));
        record.take(new Subscription("sub_2", "cus_alice", SubscriptionStatus.PAST_DUE, List.of("price_pro"), T,
                T.plusSeconds(3600), false, T), T.plusSeconds(20), T.plusSeconds(21));
        subscriptions.update(record);

        SubscriptionRecord read = subscriptions.find("sub_2").orElseThrow();
        assertEquals(new PaymentsSeen("sub_2", T.plusSeconds(2), T.plusSeconds(20)), read.paymentsSeen());
        assertEquals(new SubscriptionRecord.Moment(T.plusSeconds(20), true), subscriptions.moment("sub_2").orElseThrow());
        assertEquals(read.paymentsSeen(), subscriptions.ofCustomers(List.of("cus_alice")).stream()
                .filter(r -> r.subscriptionId().equals("sub_2")).findFirst().orElseThrow().paymentsSeen());
    }

    @Test
    void aReversalRecordReadsBackAndTakesItsNewState() {
        JdbcReversalRepository reversals = new JdbcReversalRepository();
        reversals.jdbc = jdbc;
        Reversal opened = new Reversal("dp_1", Reversal.Kind.DISPUTE, "cus_alice", "ch_1", 2000, true,
                "needs_response", T);
        reversals.add(new ReversalRecord(opened, T, T));
        assertEquals(opened, reversals.find("dp_1").orElseThrow().toReversal());
        assertTrue(reversals.find("dp_1").orElseThrow().tookBackAt().isEmpty(), "an open dispute took nothing back");

        ReversalRecord record = reversals.ofCustomer("cus_alice").get(0);
        record.take(new Reversal("dp_1", Reversal.Kind.DISPUTE, "cus_alice", "ch_1", 2000, true, "lost", T),
                T.plusSeconds(5), T.plusSeconds(6));
        reversals.update(record);
        assertTrue(reversals.find("dp_1").orElseThrow().takesPaymentBack());
        assertEquals(T.plusSeconds(5), reversals.find("dp_1").orElseThrow().tookBackAt().orElseThrow(),
                "dated by the report that lost it");
    }

    @Test
    void aPageOfCustomersIsReadInOneStatementPerTable() {
        CustomerTables tables = new CustomerTables(jdbc);
        JdbcEntitlementRepository entitlements = tables.entitlements;
        JdbcSubscriptionRepository subscriptions = tables.subscriptions;
        JdbcReversalRepository reversals = tables.reversals;
        for (String user : List.of("alice", "bob", "carol")) {
            entitlements.add(Entitlement.none(user, T));
            subscriptions.add(new SubscriptionRecord(new Subscription("sub_" + user, "cus_" + user,
                    SubscriptionStatus.ACTIVE, List.of("price_pro"), T, T.plusSeconds(3600), false, T), T, T));
        }
        subscriptions.add(new SubscriptionRecord(new Subscription("sub_alice_2", "cus_alice",
                SubscriptionStatus.CANCELED, List.of("price_basic"), T, T, false, T), T, T));
        reversals.add(new ReversalRecord(new Reversal("dp_1", Reversal.Kind.DISPUTE, "cus_bob", "ch_1", 2000, true,
                "lost", T), T, T));
        reversals.add(new ReversalRecord(new Reversal("dp_2", Reversal.Kind.DISPUTE, "cus_carol", "ch_2", 2000, true,
                "lost", T), T, T));

        int before = jdbc.statements;
        Set<String> users = entitlements.findAll(List.of("alice", "bob", "dave")).stream()
                .map(Entitlement::userId).collect(java.util.stream.Collectors.toSet());
        Set<String> records = subscriptions.ofCustomers(List.of("cus_alice", "cus_bob", "cus_dave")).stream()
                .map(SubscriptionRecord::subscriptionId).collect(java.util.stream.Collectors.toSet());
        List<ReversalRecord> takenBack = reversals.ofCustomers(List.of("cus_alice", "cus_bob"));
        assertEquals(before + 3, jdbc.statements, "one statement for each table, whatever the page's size");

        assertEquals(Set.of("alice", "bob"), users, "a user without an entitlement is left out");
        assertEquals(Set.of("sub_alice", "sub_alice_2", "sub_bob"), records);
        assertEquals(List.of("dp_1"), takenBack.stream().map(ReversalRecord::reversalId).toList());
        assertTrue(entitlements.findAll(List.of()).isEmpty());
        assertEquals(before + 3, jdbc.statements, "no keys, no statement");
    }

    @Test
    void aCustomersRecordsRefundsAndEntitlementAreReadInOneStatement() {
        CustomerTables tables = new CustomerTables(jdbc);
        JdbcCustomerStateRepository states = new JdbcCustomerStateRepository();
        states.jdbc = jdbc;
        Subscription current = new Subscription("sub_alice", "cus_alice", SubscriptionStatus.ACTIVE,
                List.of("price_pro", "pro_monthly"), T, T.plusSeconds(3600), true, T);
        Subscription ended = new Subscription("sub_alice_old", "cus_alice", SubscriptionStatus.CANCELED, List.of(),
                null, null, false, T.minusSeconds(99));
        tables.subscriptions.add(new SubscriptionRecord(current, T.plusSeconds(7), T.plusSeconds(8)));
        tables.subscriptions.add(new SubscriptionRecord(ended, T, T));
        tables.subscriptions.add(new SubscriptionRecord(new Subscription("sub_bob", "cus_bob",
                SubscriptionStatus.ACTIVE, List.of("price_pro"), T, T, false, T), T, T));
        Reversal lost = new Reversal("dp_1", Reversal.Kind.DISPUTE, "cus_alice", "ch_1", 2000, true, "lost", T);
        tables.reversals.add(new ReversalRecord(lost, T.plusSeconds(3), T.plusSeconds(4)));
        tables.reversals.add(new ReversalRecord(new Reversal("refund:ch_2", Reversal.Kind.REFUND, "cus_bob", "ch_2",
                500, false, "partially_refunded", T), T, T));
        Entitlement alice = Entitlement.none("alice", T);
        tables.entitlements.add(alice);
        alice.apply(new Grant("pro", Set.of("pro"), Set.of("export"), SubscriptionStatus.ACTIVE,
                T.plusSeconds(3600), "sub_alice", T.plusSeconds(3600)), T.plusSeconds(9));
        tables.entitlements.update(alice);

        int before = jdbc.statements;
        CustomerState state = states.of(new Account("alice", "cus_alice", null, T));
        assertEquals(before + 1, jdbc.statements, "one statement for the three tables");

        Map<String, SubscriptionRecord> records = state.subscriptions().stream()
                .collect(java.util.stream.Collectors.toMap(SubscriptionRecord::subscriptionId, record -> record));
        assertEquals(Set.of("sub_alice", "sub_alice_old"), records.keySet(), "the customer's, not bob's");
        assertEquals(current, records.get("sub_alice").toSubscription());
        assertEquals(T.plusSeconds(7), records.get("sub_alice").stripeAsOf());
        assertEquals(T.plusSeconds(8), records.get("sub_alice").updatedAt());
        assertEquals(ended, records.get("sub_alice_old").toSubscription(), "nulls read back as nulls");
        assertEquals(List.of(lost), state.reversals().stream().map(ReversalRecord::toReversal).toList());
        assertEquals(T.plusSeconds(3), state.reversals().get(0).tookBackAt().orElseThrow());
        Entitlement read = state.entitlement().orElseThrow();
        assertEquals(alice.grant(), read.grant());
        assertEquals(alice.version(), read.version());

        CustomerState carol = states.of(new Account("carol", null, null, T));
        assertTrue(carol.subscriptions().isEmpty() && carol.reversals().isEmpty() && carol.entitlement().isEmpty(),
                "no customer and no entitlement yet: nothing");
        CustomerState bob = states.of(new Account("bob", "cus_bob", null, T));
        assertEquals(List.of("sub_bob"), bob.subscriptions().stream().map(SubscriptionRecord::subscriptionId).toList());
        assertEquals(List.of("refund:ch_2"), bob.reversals().stream().map(ReversalRecord::reversalId).toList());
        assertTrue(bob.entitlement().isEmpty());
    }

    @Test
    void theConsoleFiltersTheEventLogByStatusTypeCustomerAndTimeAPageAtATime() {
        JdbcWebhookEventRepository events = new JdbcWebhookEventRepository();
        events.jdbc = jdbc;
        for (int i = 0; i < 5; i++) {
            String customer = i < 3 ? "cus_alice" : "cus_bob";
            events.claim(logged("evt_" + i, i % 2 == 0 ? "invoice.paid" : "customer.subscription.updated",
                    T.plusSeconds(3600L * i), customer, i == 4 ? EventStatus.FAILED : EventStatus.PROCESSED));
        }
        EventQuery alices = EventQuery.ofCustomer("cus_alice", 2);
        assertEquals(List.of("evt_2", "evt_1"), events.search(alices).stream().map(LoggedEvent::eventId).toList(),
                "newest first, one page");
        assertEquals(3, events.count(alices));
        EventQuery secondPage = new EventQuery(Optional.empty(), Optional.empty(), Optional.of("cus_alice"),
                Optional.empty(), Optional.empty(), 2, 2);
        assertEquals(List.of("evt_0"), events.search(secondPage).stream().map(LoggedEvent::eventId).toList());
        EventQuery paidInRange = new EventQuery(Optional.of(EventStatus.PROCESSED), Optional.of("invoice.paid"),
                Optional.empty(), Optional.of(T.plusSeconds(3600)), Optional.of(T.plusSeconds(5 * 3600)), 0, 10);
        assertEquals(List.of("evt_2"), events.search(paidInRange).stream().map(LoggedEvent::eventId).toList());
        assertEquals(1, events.countWithStatusSince(EventStatus.FAILED, T.minusSeconds(60)));

        LoggedEvent one = events.find("evt_4").orElseThrow();
        assertEquals(EventStatus.FAILED, one.status());
        assertTrue(one.payload().orElseThrow().contains("\"customer\": \"cus_bob\""), one.payload().toString());
        assertEquals(Map.of(T.getEpochSecond() + 3 * 3600, 1L, T.getEpochSecond() + 4 * 3600, 1L),
                events.countsPerHour(T.plusSeconds(3 * 3600)), "per hour of Stripe's creation time");
    }

    @Test
    void theConsoleFindsAccountsByPartOfTheUserOrEmailOrByTheExactCustomer() {
        JdbcAccountRepository accounts = new JdbcAccountRepository();
        accounts.jdbc = jdbc;
        accounts.add(new Account("alice", null, "Alice@Example.com", T));
        accounts.add(new Account("malice_100%", null, null, T));
        Account bob = new Account("bob", null, "bob@example.org", T);
        accounts.add(bob);
        bob.linkCustomer("cus_Bob1");
        accounts.update(bob);

        assertEquals(List.of("alice", "malice_100%"), accounts.search("ALIC", 10).stream().map(Account::userId).toList());
        assertEquals(List.of("alice"), accounts.search("example.com", 10).stream().map(Account::userId).toList());
        assertEquals(List.of("malice_100%"), accounts.search("0%", 10).stream().map(Account::userId).toList(),
                "a % in the text is a character, not a wildcard");
        assertEquals(List.of("bob"), accounts.search("cus_Bob1", 10).stream().map(Account::userId).toList());
        assertEquals(List.of(), accounts.search("cus_Bob", 10), "a customer id matches whole only");
    }

    private static WebhookEvent logged(String id, String type, Instant created, String customer, EventStatus status) {
        String payload = "{\"id\": \"" + id + "\", \"data\": {\"object\": {\"customer\": \"" + customer + "\"}}}";
        StripeEvent event = new StripeEvent(id, type, false, created, "sub_" + id, "subscription", Optional.of(customer),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), payload);
        return new WebhookEvent(event, EventSource.WEBHOOK, created.plusSeconds(1),
                EventOutcome.first(status, created.plusSeconds(1), null));
    }

    @Test
    void writingBackARowThatIsNotThereFailsInsteadOfLosingTheWrite() {
        JdbcEntitlementRepository entitlements = new JdbcEntitlementRepository();
        entitlements.jdbc = jdbc;
        assertThrows(IllegalStateException.class, () -> entitlements.update(Entitlement.none("ghost", T)));
    }
}
