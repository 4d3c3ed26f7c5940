package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Account;
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

    /** The lock this transaction holds on an account's row. */
    private record RowLock(String userId) {
    }

    /** The whole row is written; only the customer link ever changes. */
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
