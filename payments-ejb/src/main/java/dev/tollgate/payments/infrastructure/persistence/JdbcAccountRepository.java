package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.service.AccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Accounts as plain statements in the caller's transaction, like the rest of the entitlement state (see
 * docs/design.md, "Persistence"): every webhook that changes access finds and locks its account first.
 */
@ApplicationScoped
public class JdbcAccountRepository implements AccountRepository {

    private static final String COLUMNS = "select user_id, stripe_customer_id, email, created_at from account";

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public Optional<Account> find(String userId) {
        return jdbc.one(COLUMNS + " where user_id = ?", userId, JdbcAccountRepository::read);
    }

    @Override
    public Optional<Account> findByCustomer(String stripeCustomerId) {
        return jdbc.one(COLUMNS + " where stripe_customer_id = ?", stripeCustomerId, JdbcAccountRepository::read);
    }

    @Override
    public Optional<Account> findByCustomerForUpdate(String stripeCustomerId) {
        Optional<Account> found = jdbc.one(COLUMNS + " where stripe_customer_id = ? for update", stripeCustomerId,
                JdbcAccountRepository::read);
        found.ifPresent(account -> jdbc.noteInCurrentTransaction(new RowLock(account.userId())));
        return found;
    }

    @Override
    public void add(Account account) {
        jdbc.execute("insert into account (user_id, stripe_customer_id, email, created_at) values (?, ?, ?, ?)",
                account.userId(), account.stripeCustomerId(), account.email(), account.createdAt());
    }

    @Override
    public void update(Account account) {
        jdbc.updateOne("update account set stripe_customer_id = ? where user_id = ?", account.stripeCustomerId(),
                account.userId());
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

    /** The lock this transaction holds on an account's row. */
    private record RowLock(String userId) {
    }

    private static Account read(ResultSet row) throws SQLException {
        return new Account(row.getString("user_id"), row.getString("stripe_customer_id"), row.getString("email"),
                TransactionalJdbc.instant(row, "created_at"));
    }
}
