package dev.tollgate.gate.it;

import dev.tollgate.gate.it.GateJarCredits.Answer;
import org.apache.tomcat.dbcp.dbcp2.BasicDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built jar's {@code Credits} against the payments schema in a real database, from many threads at once: the
 * balance never goes below zero, every key is one ledger row and one charge at most, a repeated key answers what
 * its first spend answered, and a purchase the payments WAR writes under the account's lock is never lost to a
 * spend racing it. Run once per database by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CreditSpendsIT {

    private static final int THREADS = 16;

    private TestDatabase database;
    private EntitlementRowsFixture rows;
    private BasicDataSource pool;
    private GateJarCredits credits;
    private ExecutorService threads;

    abstract TestDatabase openDatabase(String name) throws SQLException;

    /** How many sessions of this database wait for a lock another holds, as the database itself reports it. */
    abstract String lockWaitersQuery();

    @BeforeAll
    void openLedger() throws Exception {
        database = openDatabase("spends");
        rows = new EntitlementRowsFixture(database);
        pool = new BasicDataSource();
        pool.setDriverClassName(database.driverClassName());
        pool.setUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setPassword("");
        pool.setMaxTotal(THREADS + 2);
        credits = GateJarCredits.using(pool);
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    void closeLedger() throws Exception {
        threads.shutdownNow();
        pool.close();
        rows.close();
    }

    @Test
    void parallelSpendsStopAtZeroWithOneLedgerRowPerKey() throws Exception {
        String user = customerWith(95);
        long versionBefore = rows.version(user);

        List<Answer> answers = all(160, attempt -> credits.spend(user, "report-" + attempt, 10));

        long charged = answers.stream().filter(Answer::charged).count();
        assertEquals(9, charged, "95 credits pay for nine spends of 10: " + answers);
        assertEquals(95 - 9 * 10, credits.balance(user));
        assertEquals(5, stored(user, "select credits from entitlement where user_id = ?"));
        assertEquals(160, stored(user, "select count(*) from credit_ledger where user_id = ?"), "one row per key");
        assertEquals(160, stored(user, "select count(distinct source_key) from credit_ledger where user_id = ?"));
        assertEquals(-90, stored(user, "select sum(amount) from credit_ledger where user_id = ?"),
                "the ledger adds up to what the balance lost");
        assertEquals(versionBefore + 9, rows.version(user), "every charge moved the version once, refusals never");
    }

    @Test
    void parallelSpendsOfAnotherUnitStopAtZeroAndLeaveTheCreditsAlone() throws Exception {
        String user = customerWith(30);
        try (Connection connection = database.connect()) {
            update(connection, "insert into credit_ledger (user_id, source_key, amount, reason, created_at, unit)"
                    + " values (?, 'allowance:sub_u:reports:1800000000', 95, 'allowance', current_timestamp,"
                    + " 'reports')", user);
        }
        long versionBefore = rows.version(user);

        List<Answer> answers = all(160, attempt -> credits.spend(user, "reports", "report-" + attempt, 10));

        assertEquals(9, answers.stream().filter(Answer::charged).count(), "95 reports pay for nine spends of 10");
        assertEquals(5, credits.balance(user, "reports"));
        assertEquals(new GateJarCredits.Sources(5, 0, 0, 5), credits.balanceBySource(user, "reports"));
        assertEquals(30, credits.balance(user), "the credits are another balance");
        assertEquals(30, stored(user, "select credits from entitlement where user_id = ?"));
        assertEquals(versionBefore, rows.version(user), "the entitlement row holds no reports");
        assertEquals(new Answer("CHARGED", 10, false), credits.spend(user, "report-1", 10),
                "the same key in credits is another spend");
        assertEquals(20, credits.balance(user));
        assertEquals(5, credits.balance(user, "reports"));
        assertThrows(IllegalArgumentException.class, () -> credits.spend(user, "Reports!", "k", 1));
    }

    @Test
    void oneKeySpentFromManyThreadsAtOnceIsChargedOnce() throws Exception {
        String user = customerWith(100);

        List<Answer> answers = all(THREADS * 2, attempt -> credits.spend(user, "export-7", 10));

        assertTrue(answers.stream().allMatch(Answer::charged), answers.toString());
        assertEquals(1, answers.stream().filter(answer -> !answer.repeat()).count(), "one first spend, the rest repeats");
        assertEquals(90, credits.balance(user));
        assertEquals(1, stored(user, "select count(*) from credit_ledger where user_id = ?"));
    }

    @Test
    void withoutAnAccountRowTheConditionalUpdateAloneKeepsTheBalanceAtZeroOrAbove() throws Exception {
        String user = "spender_" + UUID.randomUUID();
        rows.store(user, "", "", "none", 50, null);

        List<Answer> answers = all(80, attempt -> credits.spend(user, "call-" + (attempt % 40), 3));

        assertEquals(16, answers.stream().filter(answer -> answer.charged() && !answer.repeat()).count(),
                "50 credits pay for sixteen spends of 3");
        assertEquals(2, credits.balance(user));
        assertEquals(40, stored(user, "select count(*) from credit_ledger where user_id = ?"), "one row per key");
        assertEquals(-48, stored(user, "select sum(amount) from credit_ledger where user_id = ?"));
    }

    @Test
    void aRepeatedKeyAnswersWhatItsFirstSpendAnsweredAlsoARefusal() throws Exception {
        String user = customerWith(5);

        assertEquals(new Answer("INSUFFICIENT", 10, false), credits.spend(user, "big", 10));
        rows.store(user, "", "", "none", 50, null);
        assertEquals(new Answer("INSUFFICIENT", 10, true), credits.spend(user, "big", 10),
                "the same answer though the balance would now cover it");
        assertEquals(new Answer("INSUFFICIENT", 10, true), credits.spend(user, "big", 1), "whatever is asked now");

        assertEquals(new Answer("CHARGED", 10, false), credits.spend(user, "other", 10));
        assertEquals(new Answer("CHARGED", 10, true), credits.spend(user, "other", 30));
        assertEquals(40, credits.balance(user));
    }

    @Test
    void theLedgerListsWhatMovedCreditsNewestFirst() throws Exception {
        String user = customerWith(100);
        try (Connection connection = database.connect();
             PreparedStatement bought = connection.prepareStatement("insert into credit_ledger (user_id, source_key,"
                     + " amount, reason, created_at) values (?, ?, 100, 'checkout', current_timestamp)")) {
            bought.setString(1, user);
            bought.setString(2, "cs_" + user);
            bought.execute();
        }
        credits.spend(user, "report-1", 3);
        credits.spend(user, "too-big", 1000);
        credits.spend(user, "report-2", 2);

        assertEquals(List.of("-2 spend report-2", "-3 spend report-1", "100 checkout null"), credits.entries(user, 10),
                "a refused spend moved nothing and is left out");
        assertEquals(List.of("-2 spend report-2"), credits.entries(user, 1));
        assertEquals(List.of(), credits.entries("nobody_" + UUID.randomUUID(), 10));
        assertThrows(IllegalArgumentException.class, () -> credits.entries(user, 0));
    }

    @Test
    void keysBelongToTheirUser() throws Exception {
        String ann = customerWith(10);
        String ben = customerWith(10);

        assertEquals(new Answer("CHARGED", 4, false), credits.spend(ann, "same-key", 4));
        assertEquals(new Answer("CHARGED", 4, false), credits.spend(ben, "same-key", 4), "not ann's answer");
        assertEquals(6, credits.balance(ann));
        assertEquals(6, credits.balance(ben));
    }

    @Test
    void aPurchaseWrittenUnderTheAccountLockIsNotLostToASpendRacingIt() throws Exception {
        String user = customerWith(20);
        try (Connection payments = database.connect()) {
            // What CreditGrants does in the payments WAR: lock the account, read the entitlement, write it back.
            payments.setAutoCommit(false);
            update(payments, "select user_id from account where user_id = ? for update", user);
            long read = stored(payments, user, "select credits from entitlement where user_id = ?");

            CountDownLatch started = new CountDownLatch(1);
            Future<Answer> spend = threads.submit(() -> {
                started.countDown();
                return credits.spend(user, "during-purchase", 15);
            });
            started.await();
            awaitSomeoneWaitingForALock();
            try (PreparedStatement write = payments.prepareStatement(
                    "update entitlement set credits = ?, version = version + 1 where user_id = ?")) {
                write.setLong(1, read + 100);
                write.setString(2, user);
                write.executeUpdate();
            }
            payments.commit();

            assertEquals(new Answer("CHARGED", 15, false), spend.get(10, TimeUnit.SECONDS));
        }
        assertEquals(20 + 100 - 15, credits.balance(user), "the purchase and the spend both count");
    }

    @Test
    void theBalanceBySourceSpendsThePlanAllowanceFirstAndAddsUpToTheBalance() throws Exception {
        String user = customerWith(150);
        try (Connection connection = database.connect()) {
            ledgerRow(connection, user, "cs_" + user, 100, "checkout");
            ledgerRow(connection, user, "allowance:sub_" + user + ":1800000000", 50, "allowance");
        }
        for (int report = 1; report <= 3; report++) {
            assertTrue(credits.spend(user, "report-" + report, 10).charged());
        }
        assertEquals(new GateJarCredits.Sources(20, 100, 0, 120), credits.balanceBySource(user));
        assertEquals(120, credits.balance(user));

        assertTrue(credits.spend(user, "big-report", 70).charged());
        assertEquals(new GateJarCredits.Sources(0, 50, 0, 50), credits.balanceBySource(user),
                "beyond the allowance the pack pays");
        assertEquals(new GateJarCredits.Sources(0, 0, 0, 0), credits.balanceBySource("nobody_" + user));
    }

    @Test
    void aMalformedSpendIsRefusedAndWritesNothing() throws Exception {
        String user = customerWith(10);

        assertThrows(IllegalArgumentException.class, () -> credits.spend(user, "has space", 1));
        assertThrows(IllegalArgumentException.class, () -> credits.spend(user, "", 1));
        assertThrows(IllegalArgumentException.class, () -> credits.spend(user, "k".repeat(256), 1));
        assertThrows(IllegalArgumentException.class, () -> credits.spend(user, "fine", 0));
        assertThrows(IllegalArgumentException.class, () -> credits.spend("", "fine", 1));

        assertEquals(10, credits.balance(user));
        assertEquals(0, stored(user, "select count(*) from credit_ledger where user_id = ?"));
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /** Until the database says a session waits for a lock: the spend has reached the account row the test holds. */
    private void awaitSomeoneWaitingForALock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection watcher = database.connect(); PreparedStatement waiters = watcher.prepareStatement(lockWaitersQuery())) {
            while (true) {
                try (ResultSet row = waiters.executeQuery()) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        return;
                    }
                }
                assertTrue(System.nanoTime() < deadline, "the spend never waited for the account's lock");
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
    }

    /** A user with an account row (as every buyer has) and {@code balance} credits. */
    private String customerWith(long balance) throws SQLException {
        String user = "spender_" + UUID.randomUUID();
        try (Connection connection = database.connect()) {
            update(connection, "insert into account (user_id, created_at) values (?, current_timestamp)", user);
        }
        rows.store(user, "", "", "none", balance, null);
        return user;
    }

    private interface Attempt {
        Answer run(int attempt) throws Exception;
    }

    /** Runs {@code count} attempts on all threads, released together, and returns every answer. */
    private List<Answer> all(int count, Attempt attempt) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int number = i;
            Callable<Answer> call = () -> {
                go.await();
                return attempt.run(number);
            };
            running.add(threads.submit(call));
        }
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> answer : running) {
            answers.add(answer.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    private long stored(String user, String sql) throws SQLException {
        try (Connection connection = database.connect()) {
            return stored(connection, user, sql);
        }
    }

    private static long stored(Connection connection, String user, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** A movement the payments WAR wrote: a pack's or an allowance's credits. */
    private static void ledgerRow(Connection connection, String user, String key, long amount, String reason)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into credit_ledger (user_id, source_key,"
                + " amount, reason, created_at) values (?, ?, ?, ?, current_timestamp)")) {
            insert.setString(1, user);
            insert.setString(2, key);
            insert.setLong(3, amount);
            insert.setString(4, reason);
            insert.executeUpdate();
        }
    }

    private static void update(Connection connection, String sql, String user) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, user);
            statement.execute();
        }
    }
}
