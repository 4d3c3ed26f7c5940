package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.FormerCustomer;
import dev.tollgate.payments.domain.service.AccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Accounts as plain statements in the caller's transaction, like the rest of the entitlement state (see
 * docs/design.md, "Persistence"): every webhook that changes access finds and locks its account first.
 */
@ApplicationScoped
public class JdbcAccountRepository extends MappedRepository<Account> implements AccountRepository {

    /** Deleted customers live in a table of their own (account_customer_history), reached by these statements. */
    private static final String FORMER_CUSTOMERS =
            "select user_id, stripe_customer_id, unlinked_at from account_customer_history ";

    public JdbcAccountRepository() {
        super("account", "user_id", List.of("stripe_customer_id", "email", "created_at"));
    }

    @Override
    public Optional<Account> find(String userId) {
        return one("where user_id = ?", userId);
    }

    @Override
    public Optional<Account> findByCustomer(String stripeCustomerId) {
        return one("where stripe_customer_id = ?", stripeCustomerId);
    }

    @Override
    public Optional<Account> findByCustomerForUpdate(String stripeCustomerId) {
        Optional<Account> found = one("where stripe_customer_id = ? for update", stripeCustomerId);
        found.ifPresent(account -> jdbc.noteInCurrentTransaction(new RowLock(account.userId())));
        return found;
    }

    /** Sends nothing when this transaction locked the row already (found it for update): that lock holds. */
    @Override
    public void lock(Account account) {
        if (!jdbc.noteInCurrentTransaction(new RowLock(account.userId()))) {
            return;
        }
        jdbc.one("select user_id from account where user_id = ? for update", account.userId(), row -> true)
                .orElseThrow(() -> new IllegalStateException("account " + account.userId() + " is not stored"));
    }

    @Override
    public void addFormerCustomer(FormerCustomer former) {
        jdbc.execute("insert into account_customer_history (stripe_customer_id, user_id, unlinked_at) values (?, ?, ?)",
                former.customerId(), former.userId(), former.unlinkedAt());
    }

    @Override
    public List<FormerCustomer> formerCustomers(String userId) {
        return jdbc.list(FORMER_CUSTOMERS + "where user_id = ? order by unlinked_at, stripe_customer_id", userId,
                JdbcAccountRepository::readFormerCustomer);
    }

    @Override
    public Optional<FormerCustomer> findFormerCustomer(String stripeCustomerId) {
        return jdbc.one(FORMER_CUSTOMERS + "where stripe_customer_id = ?", stripeCustomerId,
                JdbcAccountRepository::readFormerCustomer);
    }

    private static FormerCustomer readFormerCustomer(ResultSet row) throws SQLException {
        return new FormerCustomer(row.getString("user_id"), row.getString("stripe_customer_id"),
                TransactionalJdbc.instant(row, "unlinked_at"));
    }

    /** The lock this transaction holds on an account's row. */
    private record RowLock(String userId) {
    }

    /** The whole row is written; only the customer link ever changes (linked, or let go of when deleted). */
    @Override
    Object[] written(Account account) {
        return new Object[] {account.stripeCustomerId(), account.email(), account.createdAt(), account.userId()};
    }

    @Override
    Account read(ResultSet row) throws SQLException {
        return new Account(row.getString("user_id"), row.getString("stripe_customer_id"), row.getString("email"),
                TransactionalJdbc.instant(row, "created_at"));
    }
}
