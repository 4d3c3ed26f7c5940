package dev.tollgate.web.admin;

import dev.tollgate.payments.application.DisputeReports;
import dev.tollgate.payments.application.Refunds;
import dev.tollgate.payments.domain.model.Dispute;
import dev.tollgate.payments.domain.model.Payment;
import dev.tollgate.payments.domain.model.RefundReason;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Refunds and disputes as the console's pages and JSON write them: money by currency, times in the admin's zone. */
final class RefundViews {

    /** Stripe's refund reasons, as the form offers them. */
    static final List<String> REASONS = Arrays.stream(RefundReason.values()).map(RefundReason::stripeName).toList();

    private RefundViews() {
    }

    record PaymentRow(String chargeId, String paymentIntentId, String created, String createdText, long amount,
                      String currency, String amountText, long refunded, String refundedText, long refundable,
                      String refundableText, String refundableField, String status, boolean disputed,
                      String description) {
    }

    record RefundsView(String user, List<PaymentRow> payments, List<String> reasons,
                       String failure) {
    }

    /**
     * A refund about to be confirmed.
     *
     * @param idempotencyKey made when this preview was shown and sent back by its form: posting the form twice
     *                       refunds once
     */
    record PreviewView(String user, PaymentRow payment, long amount, String amountText, String reason, boolean full,
                       String change, String effect, String idempotencyKey) {
    }

    record DisputeRow(String id, String chargeId, String customerId, String userId, long amount, String currency,
                      String amountText, String reason, String status, boolean open, String evidenceDueBy,
                      String evidenceDueByText, String created, String createdText, String change, String effect) {
    }

    record DisputesView(List<DisputeRow> disputes, boolean more, String failure) {
    }

    static PaymentRow payment(Payment payment, ConsoleFormat format) {
        String currency = payment.currency();
        return new PaymentRow(payment.chargeId(), payment.paymentIntentId(), CustomerViews.iso(payment.created()),
                format.time(payment.created()), payment.amount(), currency, ConsoleFormat.money(payment.amount(), currency),
                payment.amountRefunded(), ConsoleFormat.money(payment.amountRefunded(), currency), payment.refundable(),
                ConsoleFormat.money(payment.refundable(), currency),
                ConsoleFormat.amountField(payment.refundable(), currency),
                !payment.paid() ? "not paid" : payment.refundable() == 0 ? "refunded"
                        : payment.amountRefunded() > 0 ? "partially refunded" : "paid",
                payment.disputed(), payment.description());
    }

    static PreviewView preview(String user, Refunds.Preview preview, RefundReason reason, String idempotencyKey,
                               ConsoleFormat format) {
        Payment payment = preview.payment();
        return new PreviewView(user, payment(payment, format), preview.amount(),
                ConsoleFormat.money(preview.amount(), payment.currency()), reason.stripeName(),
                payment.becomesFullyRefundedBy(preview.amount()), change(preview.effect().change()),
                preview.effect().sentence(), idempotencyKey);
    }

    static DisputesView disputes(DisputeReports.Listing listing, ConsoleFormat format) {
        return new DisputesView(listing.disputes().stream().map(line -> dispute(line, format)).toList(), listing.more(),
                listing.failure().orElse(null));
    }

    private static DisputeRow dispute(DisputeReports.Line line, ConsoleFormat format) {
        Dispute dispute = line.dispute();
        return new DisputeRow(dispute.id(), dispute.chargeId(), dispute.customerId(), line.userId(), dispute.amount(),
                dispute.currency(), ConsoleFormat.money(dispute.amount(), dispute.currency()), dispute.reason(),
                dispute.status(), dispute.isOpen(), CustomerViews.iso(dispute.evidenceDueBy()),
                format.time(dispute.evidenceDueBy()), CustomerViews.iso(dispute.created()),
                format.time(dispute.created()), change(line.effect().change()), line.effect().sentence());
    }

    private static String change(Enum<?> change) {
        return change.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
