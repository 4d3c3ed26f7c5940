package dev.tollgate.web.admin;

import dev.tollgate.gate.CreditSources;
import dev.tollgate.payments.application.AccessDiagnosis;
import dev.tollgate.payments.application.CustomerReports.CustomerFile;
import dev.tollgate.payments.application.StripeSide;
import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.Allowance;
import dev.tollgate.payments.domain.model.CreditEntry;
import dev.tollgate.payments.domain.model.Drift;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChange;
import dev.tollgate.payments.domain.model.Invoice;
import dev.tollgate.payments.domain.model.Payment;
import dev.tollgate.payments.domain.model.ReversalRecord;
import dev.tollgate.payments.domain.model.StripeMode;
import dev.tollgate.payments.domain.model.Subscription;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Customers as the console's pages and JSON write them: ISO-8601 times, and the same in the admin's zone. */
final class CustomerViews {

    private CustomerViews() {
    }

    record AccountRow(String userId, String email, String customerId, String created, String createdText) {
    }

    record EntitlementView(String plan, String plans, String features, String status, String accessUntil,
                           String accessUntilText, long credits, long version, String updated, String updatedText,
                           boolean accessNow) {
    }

    record SubscriptionRow(String id, String status, String prices, String periodEnd, String periodEndText,
                           boolean cancelAtPeriodEnd) {
    }

    record ReversalRow(String id, String kind, String chargeId, long amountMinorUnits, boolean full, String status,
                       String tookBack, String tookBackText) {
    }

    record CreditRow(long amount, String unit, String reason, String source, String at, String atText) {
    }

    /** Where the balance came from; {@code total} is what the sources add up to, next to the stored balance. */
    record CreditSourcesView(long planAllowance, long packs, long grants, long total) {
    }

    record DriftRow(long id, long runId, String ours, String stripe, String reason, String found, String foundText,
                    String healedText, Long healedVersion) {
    }

    record InvoiceRow(String id, String number, String status, String currency, long amountDue,
                      String amountDueText, long amountPaid, String amountPaidText, String created,
                      String createdText, String periodStart, String periodStartText, String periodEnd,
                      String periodEndText, String hostedUrl) {
    }

    /**
     * One of Stripe's lists of the customer: its newest rows, or why Stripe could not give them.
     *
     * @param more whether Stripe holds older ones (the page links to the customer in Stripe's Dashboard)
     */
    record StripeList<T>(List<T> rows, boolean more, String failure) {
    }

    /**
     * What Stripe says about the customer now.
     *
     * @param failure why the subscriptions could not be read
     * @param dashboardUrl the customer in Stripe's Dashboard (of the configured mode), where everything older is
     */
    record StripeView(List<SubscriptionRow> subscriptions, String failure, StripeList<InvoiceRow> invoices,
                      StripeList<RefundViews.PaymentRow> payments, String dashboardUrl) {
    }

    /** One version the entitlement took, and why it was written. */
    record ChangeRow(long version, String plan, String status, boolean grantsAccess, String accessUntil,
                     String accessUntilText, long credits, String cause, String causeRef, String changed,
                     String changedText) {
    }

    record CustomerView(AccountRow account, EntitlementView entitlement, List<ChangeRow> history,
                        List<SubscriptionRow> ourSubscriptions, StripeView stripe, List<ReversalRow> reversals,
                        List<CreditRow> credits, CreditSourcesView creditSources,
                        Map<String, CreditSourcesView> unitSources, List<DriftRow> drift,
                        List<String> formerCustomers, List<EventViews.EventRow> events) {
    }

    record CheckView(int point, String question, String verdict, String finding, String fix) {
    }

    record DiagnosisView(String userId, boolean accessNow, String summary, List<CheckView> checks) {
    }

    static AccountRow account(Account account, ConsoleFormat format) {
        return new AccountRow(account.userId(), account.email(), account.stripeCustomerId(),
                iso(account.createdAt()), format.time(account.createdAt()));
    }

    static CustomerView of(CustomerFile file, Optional<StripeView> stripe, ConsoleFormat format) {
        Instant now = Instant.now();
        return new CustomerView(account(file.account(), format),
                file.entitlement().map(entitlement -> entitlement(entitlement, now, format)).orElse(null),
                file.history().stream().map(change -> change(change, format)).toList(),
                file.subscriptions().stream().map(subscription -> subscription(subscription, format)).toList(),
                stripe.orElse(null),
                file.reversals().stream().map(reversal -> reversal(reversal, format)).toList(),
                file.credits().stream().map(credit -> credit(credit, format)).toList(),
                creditSources(file.ledger(), Allowance.CREDITS),
                unitSources(file.ledger()),
                file.drift().stream().map(drift -> drift(drift, format)).toList(),
                file.formerCustomers().stream().map(former -> former.customerId() + " (deleted, unlinked "
                        + format.time(former.unlinkedAt()) + ")").toList(),
                file.events().stream().map(event -> EventViews.row(event, format)).toList());
    }

    static StripeView stripe(StripeSide.Listing subscriptions, StripeSide.Newest<Invoice> invoices,
                             StripeSide.Newest<Payment> payments, String dashboardUrl, ConsoleFormat format) {
        return new StripeView(subscriptions.subscriptions()
                .map(list -> list.stream().map(s -> subscription(s, format)).toList()).orElse(List.of()),
                subscriptions.failure().orElse(null),
                new StripeList<>(invoices.items().stream().map(invoice -> invoice(invoice, format)).toList(),
                        invoices.more(), invoices.failure().orElse(null)),
                new StripeList<>(payments.items().stream().map(payment -> RefundViews.payment(payment, format))
                        .toList(), payments.more(), payments.failure().orElse(null)),
                dashboardUrl);
    }

    /** The customer in Stripe's Dashboard; test-mode objects live under {@code /test}. */
    static String dashboardUrl(String customerId, StripeMode mode) {
        return "https://dashboard.stripe.com/" + (mode == StripeMode.TEST ? "test/" : "") + "customers/"
                + URLEncoder.encode(customerId, StandardCharsets.UTF_8);
    }

    private static InvoiceRow invoice(Invoice invoice, ConsoleFormat format) {
        String currency = invoice.currency();
        return new InvoiceRow(invoice.id(), invoice.number(), invoice.status(), currency, invoice.amountDue(),
                ConsoleFormat.money(invoice.amountDue(), currency), invoice.amountPaid(),
                ConsoleFormat.money(invoice.amountPaid(), currency), iso(invoice.created()),
                format.time(invoice.created()), iso(invoice.periodStart()), format.time(invoice.periodStart()),
                iso(invoice.periodEnd()), format.time(invoice.periodEnd()), httpsOrNull(invoice.hostedUrl()));
    }

    /** Only a web address is linked: the page never renders another scheme Stripe (or a stand-in) might send. */
    private static String httpsOrNull(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static ChangeRow change(EntitlementChange change, ConsoleFormat format) {
        return new ChangeRow(change.version(), change.plan(), change.status().stripeName(), change.grantsAccess(),
                iso(change.accessUntil()), format.time(change.accessUntil()), change.credits(),
                change.cause().source().dbValue(), change.cause().reference(), iso(change.changedAt()),
                format.time(change.changedAt()));
    }

    static DiagnosisView diagnosis(AccessDiagnosis.Diagnosis diagnosis) {
        return new DiagnosisView(diagnosis.userId(), diagnosis.accessNow(), diagnosis.summary(),
                diagnosis.checks().stream().map(check -> new CheckView(check.point(), check.question(),
                        check.verdict().name().toLowerCase(Locale.ROOT), check.finding(), check.fix())).toList());
    }

    private static EntitlementView entitlement(Entitlement entitlement, Instant now, ConsoleFormat format) {
        return new EntitlementView(entitlement.plan(), String.join(", ", entitlement.plans()),
                String.join(", ", entitlement.features()), entitlement.status().stripeName(),
                iso(entitlement.accessUntil()), format.time(entitlement.accessUntil()), entitlement.credits(),
                entitlement.version(), iso(entitlement.updatedAt()), format.time(entitlement.updatedAt()),
                entitlement.grantsAccessAt(now));
    }

    private static SubscriptionRow subscription(Subscription subscription, ConsoleFormat format) {
        return new SubscriptionRow(subscription.id(), subscription.status().stripeName(),
                String.join(", ", subscription.prices()), iso(subscription.currentPeriodEnd()),
                format.time(subscription.currentPeriodEnd()), subscription.cancelAtPeriodEnd());
    }

    private static ReversalRow reversal(ReversalRecord record, ConsoleFormat format) {
        var reversal = record.toReversal();
        Instant tookBack = record.tookBackAt().orElse(null);
        return new ReversalRow(reversal.id(), reversal.kind().name().toLowerCase(Locale.ROOT), reversal.chargeId(),
                reversal.amount(), reversal.full(), reversal.status(), iso(tookBack), format.time(tookBack));
    }

    private static CreditRow credit(CreditEntry entry, ConsoleFormat format) {
        return new CreditRow(entry.amount(), entry.unit(), entry.reason(), entry.sourceKey(), iso(entry.createdAt()),
                format.time(entry.createdAt()));
    }

    /** Where each unit other than credits came from (a plan's allowance in {@code reports}), by unit name. */
    private static Map<String, CreditSourcesView> unitSources(List<CreditEntry> ledger) {
        Map<String, CreditSourcesView> byUnit = new TreeMap<>();
        ledger.stream().map(CreditEntry::unit).filter(unit -> !Allowance.CREDITS.equals(unit)).distinct()
                .forEach(unit -> byUnit.put(unit, creditSources(ledger, unit)));
        return byUnit;
    }

    private static CreditSourcesView creditSources(List<CreditEntry> ledger, String unit) {
        CreditSources sources = CreditSources.of(ledger.stream().filter(entry -> unit.equals(entry.unit()))
                .map(entry -> new CreditSources.Movement(entry.amount(), entry.reason())).toList());
        return new CreditSourcesView(sources.planAllowance(), sources.packs(), sources.grants(), sources.total());
    }

    private static DriftRow drift(Drift drift, ConsoleFormat format) {
        return new DriftRow(drift.id().orElse(0L), drift.runId(), drift.ours(), drift.stripe(), drift.reason(),
                iso(drift.foundAt()), format.time(drift.foundAt()), format.time(drift.healedAt().orElse(null)),
                drift.healedVersion().orElse(null));
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
