package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CustomerState;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.ReversalRecord;
import dev.tollgate.payments.domain.model.SubscriptionRecord;
import dev.tollgate.payments.domain.service.CustomerStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The three reads of a recompute as one statement: every webhook that changes access pays a round trip and a
 * statement's overhead per read, and these run under the account's lock, so each is lock time too
 * (docs/benchmarks.md, "Webhooks"). A {@code union all} of the three tables' rows, each row in one shape: a
 * column for every name the three column lists hold (the names they share have one type in all three), the
 * other tables' columns null. So each table's own reader reads its rows by name, as in its repository.
 */
@ApplicationScoped
public class JdbcCustomerStateRepository implements CustomerStateRepository {

    /** The type of each column, for the typed nulls that PostgreSQL needs to line the parts of the union up. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("subscription_id", "varchar"), Map.entry("customer_id", "varchar"),
            Map.entry("status", "varchar"), Map.entry("prices", "varchar"),
            Map.entry("current_period_start", "timestamp with time zone"),
            Map.entry("current_period_end", "timestamp with time zone"),
            Map.entry("cancel_at_period_end", "boolean"), Map.entry("created_at", "timestamp with time zone"),
            Map.entry("stripe_as_of", "bigint"), Map.entry("updated_at", "timestamp with time zone"),
            Map.entry("invoice_paid_at", "timestamp with time zone"),
            Map.entry("past_due_since", "timestamp with time zone"),
            Map.entry("reversal_id", "varchar"), Map.entry("kind", "varchar"), Map.entry("charge_id", "varchar"),
            Map.entry("amount", "bigint"), Map.entry("full_reversal", "boolean"),
            Map.entry("took_back_at", "timestamp with time zone"), Map.entry("user_id", "varchar"),
            Map.entry("plan", "varchar"), Map.entry("plans", "varchar"), Map.entry("features", "varchar"),
            Map.entry("stripe_features", "varchar"), Map.entry("stripe_features_as_of", "timestamp with time zone"),
            Map.entry("access_until", "timestamp with time zone"), Map.entry("renews_at", "timestamp with time zone"),
            Map.entry("credits", "bigint"), Map.entry("version", "bigint"));

    private static final int SUBSCRIPTION = 1;
    private static final int REVERSAL = 2;
    private static final int ENTITLEMENT = 3;

    private static final NamedSql STATE = NamedSql.of(String.join(" union all ",
            part(SUBSCRIPTION, JdbcSubscriptionRepository.COLUMNS, "stripe_subscription", "customer_id = :customerId"),
            part(REVERSAL, JdbcReversalRepository.COLUMNS, "payment_reversal", "customer_id = :customerId"),
            part(ENTITLEMENT, JdbcEntitlementRepository.COLUMNS, "entitlement", "user_id = :userId")));

    @Inject
    TransactionalJdbc jdbc;

    @Override
    public CustomerState of(Account account) {
        List<SubscriptionRecord> subscriptions = new ArrayList<>();
        List<ReversalRecord> reversals = new ArrayList<>();
        Optional<Entitlement> entitlement = Optional.empty();
        // without a customer, customer_id = null matches no row: only the entitlement is read
        for (Object row : STATE.in(jdbc).bind("customerId", account.stripeCustomerId())
                .bind("userId", account.userId()).list(JdbcCustomerStateRepository::read)) {
            if (row instanceof SubscriptionRecord record) {
                subscriptions.add(record);
            } else if (row instanceof ReversalRecord record) {
                reversals.add(record);
            } else {
                entitlement = Optional.of((Entitlement) row);
            }
        }
        return new CustomerState(List.copyOf(subscriptions), List.copyOf(reversals), entitlement);
    }

    private static Object read(ResultSet row) throws SQLException {
        return switch (row.getInt("state_part")) {
            case SUBSCRIPTION -> JdbcSubscriptionRepository.read(row);
            case REVERSAL -> JdbcReversalRepository.read(row);
            case ENTITLEMENT -> JdbcEntitlementRepository.read(row);
            default -> throw new IllegalStateException("no part " + row.getInt("state_part"));
        };
    }

    /** One table's rows in the union's shape: its own columns, a typed null for every other column. */
    private static String part(int part, String columns, String table, String condition) {
        Set<String> own = names(columns);
        String shaped = allNames().stream()
                .map(name -> own.contains(name) ? name : "cast(null as " + TYPES.get(name) + ") as " + name)
                .collect(Collectors.joining(", "));
        return "select " + part + " as state_part, " + shaped + " from " + table + " where " + condition;
    }

    /** Every column name of the three lists, in their order, each once; one missing from the types fails here. */
    private static Set<String> allNames() {
        Set<String> all = new LinkedHashSet<>();
        all.addAll(names(JdbcSubscriptionRepository.COLUMNS));
        all.addAll(names(JdbcReversalRepository.COLUMNS));
        all.addAll(names(JdbcEntitlementRepository.COLUMNS));
        all.stream().filter(name -> !TYPES.containsKey(name)).findFirst().ifPresent(name -> {
            throw new IllegalStateException("no type for the column " + name);
        });
        return all;
    }

    private static Set<String> names(String columns) {
        return new LinkedHashSet<>(Arrays.asList(columns.split(",\\s*")));
    }
}
