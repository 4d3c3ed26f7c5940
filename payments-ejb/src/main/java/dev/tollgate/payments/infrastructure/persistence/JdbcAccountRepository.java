package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.FormerCustomer;
import dev.tollgate.payments.domain.service.AccountAlreadyAddedException;
import dev.tollgate.payments.domain.service.AccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Accounts as plain statements in the caller's transaction, like the rest of the entitlement state (see
 * docs/design.md, "Persistence"): every webhook that changes access finds and locks its account first.
 */
@ApplicationScoped
public class JdbcAccountRepository implements AccountRepository {

    private static final String SELECT = "select user_id, stripe_customer_id, email, created_at from account ";
    /** Deleted customers live in a table of their own (account_customer_history), reached by these statements. */
    private static final String FORMER_CUSTOMERS =
            "select user_id, stripe_customer_id, unlinked_at from account_customer_history ";

    private static final NamedSql FIND = NamedSql.of(SELECT + "where user_id = :userId");

    private static final NamedSql FIND_BY_CUSTOMER = NamedSql.of(SELECT + "where stripe_customer_id = :customerId");

    /** Every webhook that changes access starts with this one. */
    private static final NamedSql FIND_BY_CUSTOMER_FOR_UPDATE = NamedSql.of(SELECT
            + "where stripe_customer_id = :customerId for update");

    private static final NamedSql LOCK = NamedSql.of("select user_id from account where user_id = :userId for update");

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public Optional<Account> find(String userId) {
        return FIND.in(jdbc).bind("userId", userId).findOne(JdbcAccountRepository::read);
    }

    @Override
    public Optional<Account> findByCustomer(String stripeCustomerId) {
        return FIND_BY_CUSTOMER.in(jdbc).bind("customerId", stripeCustomerId).findOne(JdbcAccountRepository::read);
    }

    @Override
    public Optional<Account> findByCustomerForUpdate(String stripeCustomerId) {
        Optional<Account> found = FIND_BY_CUSTOMER_FOR_UPDATE.in(jdbc).bind("customerId", stripeCustomerId)
                .findOne(JdbcAccountRepository::read);
        found.ifPresent(account -> jdbc.noteInCurrentTransaction(new RowLock(account.userId())));
        return found;
    }

    @Override
    public void add(Account account) {
        try {
            jdbc.withHandle(handle -> handle.createUpdate("insert into account (user_id, stripe_customer_id, email,"
                            + " created_at) values (:userId, :customerId, :email, :createdAt)")
                    .bind("userId", account.userId())
                    .bind("customerId", account.stripeCustomerId())
                    .bind("email", account.email())
                    .bind("createdAt", account.createdAt())
                    .execute());
        } catch (JdbiException failure) {
            // A new account has no customer yet, so the user id (the primary key) is the one unique key that can
            // clash: only a concurrent insert of the same user's account, which has committed.
            if (UniqueViolation.isCauseOf(failure) && !account.hasCustomer()) {
                throw new AccountAlreadyAddedException(account.userId());
            }
            throw failure;
        }
    }

    @Override
    public List<Account> withCustomersAfter(String afterUserId, int limit) {
        return jdbc.withHandle(handle -> handle.createQuery(SELECT
                        + "where stripe_customer_id is not null and user_id > :after order by user_id")
                .bind("after", afterUserId)
                .setMaxRows(limit)
                .map((row, context) -> read(row))
                .list());
    }

    @Override
    public List<Account> search(String text, int limit) {
        return jdbc.withHandle(handle -> handle.createQuery(SELECT + "where lower(user_id) like :pattern escape '!'"
                        + " or lower(email) like :pattern escape '!' or stripe_customer_id = :text order by user_id")
                .bind("pattern", "%" + text.toLowerCase(java.util.Locale.ROOT).replaceAll("[!%_]", "!$0") + "%")
                .bind("text", text)
                .setMaxRows(limit)
                .map((row, context) -> read(row))
                .list());
    }

    /** Only the customer link of an account ever changes (linked, or let go of when deleted). */
    @Override
    public void update(Account account) {
        jdbc.updateOne("account", account.userId(), handle -> handle.createUpdate(
                        "update account set stripe_customer_id = :customerId where user_id = :userId")
                .bind("customerId", account.stripeCustomerId())
                .bind("userId", account.userId()));
    }

    /** Sends nothing when this transaction locked the row already (found it for update): that lock holds. */
    @Override
    public void lock(Account account) {
        if (!jdbc.noteInCurrentTransaction(new RowLock(account.userId()))) {
            return;
        }
        boolean found = LOCK.in(jdbc).bind("userId", account.userId()).findOne(row -> row.getString("user_id"))
                .isPresent();
        if (!found) {
            throw new IllegalStateException("account " + account.userId() + " is not stored");
        }
    }

    @Override
    public void addFormerCustomer(FormerCustomer former) {
        jdbc.withHandle(handle -> handle.createUpdate("insert into account_customer_history (stripe_customer_id,"
                        + " user_id, unlinked_at) values (:customerId, :userId, :unlinkedAt)")
                .bind("customerId", former.customerId())
                .bind("userId", former.userId())
                .bind("unlinkedAt", former.unlinkedAt())
                .execute());
    }

    @Override
    public List<FormerCustomer> formerCustomers(String userId) {
        return jdbc.withHandle(handle -> handle.createQuery(FORMER_CUSTOMERS
                        + "where user_id = :userId order by unlinked_at, stripe_customer_id")
                .bind("userId", userId)
                .map(JdbcAccountRepository::readFormerCustomer)
                .list());
    }

    @Override
    public Optional<FormerCustomer> findFormerCustomer(String stripeCustomerId) {
        return jdbc.withHandle(handle -> handle.createQuery(FORMER_CUSTOMERS
                        + "where stripe_customer_id = :customerId")
                .bind("customerId", stripeCustomerId)
                .map(JdbcAccountRepository::readFormerCustomer)
                .findOne());
    }

    private static FormerCustomer readFormerCustomer(ResultSet row, StatementContext context) throws SQLException {
        return new FormerCustomer(row.getString("user_id"), row.getString("stripe_customer_id"),
                Rows.instant(row, "unlinked_at"));
    }

    private static Account read(ResultSet row) throws SQLException {
        return new Account(row.getString("user_id"), row.getString("stripe_customer_id"), row.getString("email"),
                Rows.instant(row, "created_at"));
    }

    /** The lock this transaction holds on an account's row. */
    private record RowLock(String userId) {
    }
}
