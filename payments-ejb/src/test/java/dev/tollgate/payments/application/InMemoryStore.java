package dev.tollgate.payments.application;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.config.SettingSource;
import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CreditEntry;
import dev.tollgate.payments.domain.model.CustomerState;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.FormerCustomer;
import dev.tollgate.payments.domain.model.OpenedCheckout;
import dev.tollgate.payments.domain.model.ReversalRecord;
import dev.tollgate.payments.domain.model.SubscriptionRecord;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.CustomerStateRepository;
import dev.tollgate.payments.domain.service.AllowanceWindowRepository;
import dev.tollgate.payments.domain.service.CreditLedger;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import dev.tollgate.payments.domain.service.OpenedCheckouts;
import dev.tollgate.payments.domain.model.ChangeCause;
import dev.tollgate.payments.domain.model.EntitlementChange;
import dev.tollgate.payments.domain.service.ReversalRepository;
import dev.tollgate.payments.domain.service.StripeGateway;
import dev.tollgate.payments.domain.service.SubscriptionRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repositories as maps, for tests of the sync rules without a database (locks are no-ops here). Like the
 * database, the store hands out copies and keeps what was added or updated, so a change that is never written back
 * is lost here too.
 */
final class InMemoryStore {

    final Map<String, Account> accounts = new HashMap<>();
    final Map<String, Entitlement> entitlements = new HashMap<>();
    /** Every entitlement change written, oldest first. */
    final List<EntitlementChange> history = new ArrayList<>();
    final Map<String, SubscriptionRecord> subscriptions = new HashMap<>();
    final Map<String, ReversalRecord> reversals = new HashMap<>();
    /** The ledger by source key, in the order its movements were added (the database's id order). */
    final Map<String, CreditEntry> credits = new LinkedHashMap<>();
    /** {@code allowance_window}: subscription → (user, next window's start). */
    final Map<String, Map.Entry<String, Instant>> allowanceWindows = new LinkedHashMap<>();
    /** Statements sent to {@code allowance_window}, reads and writes: none for a catalog that schedules nothing. */
    int allowanceWindowStatements;
    /** {@code checkout_opened} by Checkout id. */
    final Map<String, OpenedCheckout> openedCheckouts = new LinkedHashMap<>();
    /** Deleted customers by their id, in the order they were unlinked. */
    final Map<String, FormerCustomer> formerCustomers = new LinkedHashMap<>();

    AccountRepository accountRepository() {
        return new AccountRepository() {
            @Override public Optional<Account> find(String userId) {
                return Optional.ofNullable(accounts.get(userId)).map(InMemoryStore::copy);
            }
            @Override public Optional<Account> findByCustomer(String customer) {
                return accounts.values().stream().filter(a -> customer.equals(a.stripeCustomerId())).findFirst()
                        .map(InMemoryStore::copy);
            }
            @Override public Optional<Account> findByCustomerForUpdate(String customer) {
                return findByCustomer(customer);
            }
            @Override public void add(Account account) { accounts.put(account.userId(), copy(account)); }
            @Override public List<Account> search(String text, int limit) {
                throw new UnsupportedOperationException("the console's search is proven on a database");
            }
            @Override public List<Account> withCustomersAfter(String after, int limit) {
                return accounts.values().stream().filter(a -> a.hasCustomer() && a.userId().compareTo(after) > 0)
                        .sorted(java.util.Comparator.comparing(Account::userId)).limit(limit)
                        .map(InMemoryStore::copy).toList();
            }
            @Override public void update(Account account) { replace(accounts, account.userId(), copy(account)); }
            @Override public void lock(Account account) { }
            @Override public void addFormerCustomer(FormerCustomer former) {
                if (formerCustomers.putIfAbsent(former.customerId(), former) != null) {
                    throw new IllegalStateException("customer " + former.customerId() + " was unlinked before");
                }
            }
            @Override public List<FormerCustomer> formerCustomers(String userId) {
                return formerCustomers.values().stream().filter(f -> f.userId().equals(userId)).toList();
            }
            @Override public Optional<FormerCustomer> findFormerCustomer(String customer) {
                return Optional.ofNullable(formerCustomers.get(customer));
            }
        };
    }

    EntitlementRepository entitlementRepository() {
        return new EntitlementRepository() {
            @Override public Optional<Entitlement> find(String userId) {
                return Optional.ofNullable(entitlements.get(userId)).map(InMemoryStore::copy);
            }
            @Override public List<Entitlement> findAll(java.util.Collection<String> userIds) {
                return userIds.stream().map(this::find).flatMap(Optional::stream).toList();
            }
            @Override public void add(Entitlement entitlement) {
                entitlements.put(entitlement.userId(), copy(entitlement));
            }
            @Override public void update(Entitlement entitlement) {
                replace(entitlements, entitlement.userId(), copy(entitlement));
                if (entitlement.movedSinceStored()) {
                    history.add(EntitlementChange.of(entitlement, ChangeCause.current()));
                }
                entitlement.stored();
            }
            @Override public List<EntitlementChange> history(String userId, int limit) {
                List<EntitlementChange> newestFirst = new ArrayList<>(history);
                java.util.Collections.reverse(newestFirst);
                return newestFirst.stream().filter(change -> change.userId().equals(userId)).limit(limit).toList();
            }
        };
    }

    SubscriptionRepository subscriptionRepository() {
        return new SubscriptionRepository() {
            @Override public Optional<SubscriptionRecord.Moment> moment(String id) {
                return find(id).map(record -> new SubscriptionRecord.Moment(record.stripeAsOf(),
                        record.paymentsSeen().anInvoiceWasPaid()));
            }
            @Override public Optional<SubscriptionRecord> find(String id) {
                return Optional.ofNullable(subscriptions.get(id)).map(InMemoryStore::copy);
            }
            @Override public Optional<SubscriptionRecord> findForUpdate(String id) { return find(id); }
            @Override public List<SubscriptionRecord> ofCustomer(String customer) {
                return subscriptions.values().stream()
                        .filter(r -> customer.equals(r.customerId())).map(InMemoryStore::copy).toList();
            }
            @Override public List<SubscriptionRecord> ofCustomers(java.util.Collection<String> customers) {
                return customers.stream().flatMap(customer -> ofCustomer(customer).stream()).toList();
            }
            @Override public void add(SubscriptionRecord record) {
                subscriptions.put(record.subscriptionId(), copy(record));
            }
            @Override public void update(SubscriptionRecord record) {
                replace(subscriptions, record.subscriptionId(), copy(record));
            }
        };
    }

    /** The three repositories' reads, put together as the one statement puts them. */
    CustomerStateRepository customerStateRepository() {
        return account -> new CustomerState(
                account.hasCustomer() ? subscriptionRepository().ofCustomer(account.stripeCustomerId()) : List.of(),
                account.hasCustomer() ? reversalRepository().ofCustomer(account.stripeCustomerId()) : List.of(),
                entitlementRepository().find(account.userId()));
    }

    ReversalRepository reversalRepository() {
        return new ReversalRepository() {
            @Override public Optional<ReversalRecord> find(String id) {
                return Optional.ofNullable(reversals.get(id)).map(InMemoryStore::copy);
            }
            @Override public List<ReversalRecord> ofCustomer(String customer) {
                return reversals.values().stream().filter(r -> customer.equals(r.customerId()))
                        .map(InMemoryStore::copy).toList();
            }
            @Override public List<ReversalRecord> ofCustomers(java.util.Collection<String> customers) {
                return customers.stream().flatMap(customer -> ofCustomer(customer).stream()).toList();
            }
            @Override public void add(ReversalRecord record) { reversals.put(record.reversalId(), copy(record)); }
            @Override public void update(ReversalRecord record) {
                replace(reversals, record.reversalId(), copy(record));
            }
        };
    }

    /** The Checkouts recorded as opened, by id, settled or not. */
    OpenedCheckouts openedCheckouts() {
        return new OpenedCheckouts() {
            @Override
            public void add(OpenedCheckout opened) {
                openedCheckouts.put(opened.checkoutId(), opened);
            }

            @Override
            public void settle(String checkoutId, OpenedCheckout.Settlement how, Instant at) {
                openedCheckouts.computeIfPresent(checkoutId, (id, opened) -> opened.isSettled() ? opened
                        : new OpenedCheckout(id, opened.userId(), opened.customerId(), opened.mode(), opened.priceId(),
                        opened.sells(), opened.openedAt(), Optional.of(at)));
            }

            @Override
            public List<OpenedCheckout> unsettledPurchases(int limit) {
                return openedCheckouts.values().stream().filter(opened -> !opened.isSettled())
                        .filter(opened -> opened.mode() == OpenedCheckout.Mode.PAYMENT)
                        .sorted(java.util.Comparator.comparing(OpenedCheckout::openedAt)).limit(limit).toList();
            }

            @Override
            public Instant recordedSince() {
                return Instant.EPOCH;
            }
        };
    }

    CreditLedger creditLedger() {
        return new CreditLedger() {
            @Override public Optional<CreditEntry> findBySource(String key) {
                return Optional.ofNullable(credits.get(key));
            }
            @Override public void add(CreditEntry entry) { credits.put(entry.sourceKey(), entry); }
            @Override public List<CreditEntry> ofUser(String userId, int limit) {
                throw new UnsupportedOperationException("the console's ledger is proven on a database");
            }
            @Override public List<CreditEntry> allOfUser(String userId) {
                return credits.values().stream().filter(entry -> userId.equals(entry.userId())).toList();
            }
            @Override public Optional<CreditEntry> latest(String userId, String unit, String reason,
                                                          String keyPrefix) {
                return allOfUser(userId).stream().filter(entry -> unit.equals(entry.unit())
                        && reason.equals(entry.reason()) && entry.sourceKey().startsWith(keyPrefix))
                        .reduce((older, newer) -> newer);
            }
            @Override public long spentAfter(CreditEntry entry) {
                return -allOfUser(entry.userId()).stream().dropWhile(earlier -> earlier != entry).skip(1)
                        .filter(later -> CreditEntry.SPENT.equals(later.reason()) && entry.unit().equals(later.unit()))
                        .mapToLong(CreditEntry::amount).sum();
            }
            @Override public long balance(String userId, String unit) {
                return allOfUser(userId).stream().filter(entry -> unit.equals(entry.unit()))
                        .mapToLong(CreditEntry::amount).sum();
            }
        };
    }

    AllowanceWindowRepository allowanceWindowRepository() {
        return new AllowanceWindowRepository() {
            @Override public void schedule(String subscriptionId, String userId, Instant nextStart) {
                allowanceWindowStatements++;
                allowanceWindows.put(subscriptionId, Map.entry(userId, nextStart));
            }
            @Override public void unschedule(String subscriptionId) {
                allowanceWindowStatements++;
                allowanceWindows.remove(subscriptionId);
            }
            @Override public void unscheduleDue(String userId, Instant now) {
                allowanceWindowStatements++;
                allowanceWindows.values().removeIf(due -> due.getKey().equals(userId) && !due.getValue().isAfter(now));
            }
            @Override public List<String> usersDue(Instant now, int max) {
                allowanceWindowStatements++;
                return allowanceWindows.values().stream().filter(due -> !due.getValue().isAfter(now))
                        .map(Map.Entry::getKey).distinct().limit(max).toList();
            }
        };
    }

    /** An update, like the database's, only of a row that is there. */
    private static <T> void replace(Map<String, T> rows, String key, T row) {
        if (rows.replace(key, row) == null) {
            throw new IllegalStateException("no stored row " + key + " to update");
        }
    }

    private static Account copy(Account account) {
        return new Account(account.userId(), account.stripeCustomerId(), account.email(), account.createdAt());
    }

    private static Entitlement copy(Entitlement e) {
        return Entitlement.restored(e.userId(), e.grant(), e.stripeFeatures(), e.stripeFeaturesAsOf(), e.credits(),
                e.version(), e.updatedAt());
    }

    private static SubscriptionRecord copy(SubscriptionRecord record) {
        return SubscriptionRecord.restored(record.toSubscription(), record.stripeAsOf().getEpochSecond(),
                record.updatedAt(), record.invoicePaidAt().orElse(null), record.pastDueSince().orElse(null));
    }

    private static ReversalRecord copy(ReversalRecord record) {
        return ReversalRecord.restored(record.toReversal(), record.stripeAsOf().getEpochSecond(), record.updatedAt(),
                record.tookBackAt().orElse(null));
    }

    /** The event handlers over {@link #customerSync} of this store. */
    EventHandlers eventHandlers(StripeGateway stripe, Clock clock, PaymentsConfig config) {
        EventHandlers handlers = new EventHandlers();
        handlers.accounts = accountRepository();
        handlers.customerSync = customerSync(stripe, clock, config);
        handlers.creditGrants = creditGrants(clock);
        handlers.stripe = stripe;
        handlers.settings = config.syncSettings();
        handlers.clock = clock;
        return handlers;
    }

    /** {@link CheckoutRecords} kept in this store. */
    CheckoutRecords checkoutRecords(Clock clock) {
        CheckoutRecords records = new CheckoutRecords();
        records.opened = openedCheckouts();
        records.clock = clock;
        return records;
    }

    /** {@link CreditGrants} that keep their ledger and entitlements in this store. */
    CreditGrants creditGrants(Clock clock) {
        CreditGrants grants = new CreditGrants();
        grants.accounts = accountRepository();
        grants.entitlements = entitlementRepository();
        grants.ledger = creditLedger();
        grants.opened = openedCheckouts();
        grants.clock = clock;
        return grants;
    }

    /** A valid test-mode configuration with {@code plans} as its {@code PAYMENTS_PLANS}. */
    static PaymentsConfig configWithPlans(String plans) {
        Map<String, String> settings = Map.of(
                "STRIPE_SECRET_KEY", "sk_test_51Example", "STRIPE_WEBHOOK_SECRET", "whsec_example123",
                "PAYMENTS_APP_URL", "http://localhost/payments", "PAYMENTS_PLANS", plans);
        return PaymentsConfig.load(new SettingSource(settings::get, name -> null));
    }

    /** A {@link CustomerSync} that keeps its state in this store and asks {@code stripe}. */
    CustomerSync customerSync(StripeGateway stripe, Clock clock, PaymentsConfig config) {
        CustomerSync sync = new CustomerSync();
        sync.stripe = stripe;
        sync.accounts = accountRepository();
        sync.subscriptions = subscriptionRepository();
        sync.entitlements = entitlementRepository();
        sync.reversals = reversalRepository();
        sync.customerStates = customerStateRepository();
        sync.clock = clock;
        sync.policy = config.accessPolicy();
        sync.allowances = new PlanAllowances();
        sync.allowances.catalog = config.plans();
        sync.allowances.ledger = creditLedger();
        sync.allowances.windows = allowanceWindowRepository();
        sync.settings = config.syncSettings();
        return sync;
    }
}
