package dev.tollgate.web.admin;

import dev.tollgate.payments.application.DisputeReports;
import dev.tollgate.payments.application.PaymentsException;
import dev.tollgate.payments.application.Refunds;
import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.domain.model.Payment;
import dev.tollgate.payments.domain.model.RefundReason;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import dev.tollgate.web.EntitlementPublisher;
import dev.tollgate.web.Responses;
import dev.tollgate.web.ServiceFailures;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Money given back: refunds the admin makes and disputes the cardholders' banks open.
 * <p>
 * Refunds: {@code GET /admin/refunds?user=…} lists the user's charges at Stripe with what each may still refund;
 * {@code GET /admin/refund?user=…&charge=…&amount=…&reason=…} (amount in the currency's major units, empty for all
 * that is left) checks the refund and shows its access effect under the policy before it is confirmed;
 * {@code POST /admin/refunds/refund} ({@code user}, {@code charge}, {@code amount} in minor units, {@code reason},
 * {@code idempotencyKey} from that page) makes it, once per key. JSON at {@code /admin/api/refunds?user=} and
 * {@code /admin/api/refund?…}. Every refund is logged with the admin's name.
 * <p>
 * Disputes: {@code GET /admin/disputes} lists Stripe's newest disputes with status, amount, reason, evidence due
 * date, the user they concern and what each does to that user's access; JSON at {@code /admin/api/disputes}. Read
 * only: evidence is answered in Stripe's Dashboard.
 */
@WebServlet(urlPatterns = {"/admin/refunds", "/admin/refund", "/admin/refunds/refund", "/admin/api/refunds",
        "/admin/api/refund", "/admin/disputes", "/admin/api/disputes"})
public class ReversalsServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ReversalsServlet.class.getName());
    /** Stripe's charge ids; checked before use, so a refusal never repeats what a client sent. */
    private static final Pattern CHARGE = Pattern.compile("(ch|py)_[A-Za-z0-9]{1,200}");
    private static final Pattern KEY = Pattern.compile("tollgate-refund-[0-9a-f-]{36}");

    @Inject
    Refunds refunds;

    @Inject
    DisputeReports disputes;

    @Inject
    ServiceFailures failures;

    @Inject
    EntitlementPublisher publisher;

    @Inject
    PaymentsRuntime runtime;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        ConsoleFormat format = new ConsoleFormat(runtime.config().adminTimeZone());
        if (request.getServletPath().endsWith("/disputes")) {
            ConsolePage.answer(request, response, RefundViews.disputes(disputes.newest(), format), "disputes",
                    "disputes", "Disputes", "disputes", format);
            return;
        }
        String user = parameter(request, "user");
        if (request.getServletPath().endsWith("/refunds")) {
            RefundViews.RefundsView view;
            try {
                List<Payment> payments = user.isEmpty() ? List.of() : refunds.paymentsOf(user);
                view = new RefundViews.RefundsView(user, payments.stream()
                        .map(payment -> RefundViews.payment(payment, format)).toList(), RefundViews.REASONS, null);
            } catch (PaymentsException refused) {
                failures.answer(refused, request, response, "refunds page of " + Responses.oneLine(user));
                return;
            } catch (StripeUnavailableException | StripeRejectedException failed) {
                LOG.warning(() -> "Stripe could not list the charges of " + Responses.oneLine(user) + ": "
                        + failed.getMessage());
                view = new RefundViews.RefundsView(user, List.of(), RefundViews.REASONS,
                        stripeSentence(failed, "list this user's charges"));
            }
            ConsolePage.answer(request, response, view, "refunds", "refunds", user.isEmpty() ? "Refunds"
                    : "Refunds for " + user, "refunds", format);
            return;
        }
        String charge = parameter(request, "charge");
        Optional<RefundReason> reason = RefundReason.fromStripe(parameter(request, "reason"));
        if (!CHARGE.matcher(charge).matches() || reason.isEmpty()) {
            badRequest(request, response, "Give a charge (ch_…) and a reason: " + String.join(", ",
                    RefundViews.REASONS) + ".", "refund preview");
            return;
        }
        try {
            Payment payment = refunds.payment(user, charge);
            String typed = parameter(request, "amount");
            long amount;
            try {
                amount = typed.isEmpty() ? payment.refundable() : ConsoleFormat.minorUnits(typed, payment.currency());
            } catch (NumberFormatException | ArithmeticException malformed) {
                badRequest(request, response, "Give the amount in the charge's currency, e.g. 5 or 5.50.",
                        "refund preview of " + charge + " with a malformed amount");
                return;
            }
            Refunds.Preview preview = refunds.preview(user, charge, amount);
            String key = "tollgate-refund-" + UUID.randomUUID();
            ConsolePage.answer(request, response, RefundViews.preview(user, preview, reason.get(), key, format),
                    "preview", "refund", "Refund " + charge, "refunds", format);
        } catch (PaymentsException refused) {
            failures.answer(refused, request, response, "refund preview of " + charge);
        } catch (StripeUnavailableException | StripeRejectedException failed) {
            stripeFailed(request, response, failed, "read the charge", "refund preview of " + charge);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!ConsolePage.isPostTo("/admin/refunds/refund", request, response)) {
            return;
        }
        String user = parameter(request, "user");
        String charge = parameter(request, "charge");
        String key = parameter(request, "idempotencyKey");
        Optional<RefundReason> reason = RefundReason.fromStripe(parameter(request, "reason"));
        String amountText = parameter(request, "amount");
        if (!CHARGE.matcher(charge).matches() || reason.isEmpty() || !amountText.matches("[0-9]{1,15}")
                || !KEY.matcher(key).matches()) {
            badRequest(request, response, "This refund form is incomplete or was not made by the console: open the"
                    + " refund from the refunds page again. Nothing was refunded.", "refund without a complete form");
            return;
        }
        long amount = Long.parseLong(amountText);
        String what = "refund of " + amount + " (minor units) of " + charge + " for " + Responses.oneLine(user)
                + ", reason " + reason.get().stripeName() + ", by " + Responses.oneLine(request.getRemoteUser());
        Refunds.Refunded refunded;
        try {
            refunded = refunds.refund(user, charge, amount, reason.get(), key);
        } catch (PaymentsException refused) {
            failures.answer(refused, request, response, what);
            return;
        } catch (StripeUnavailableException | StripeRejectedException failed) {
            stripeFailed(request, response, failed, "make the refund", what);
            return;
        }
        refunded.change().ifPresent(change -> publisher.publishCommitted(List.of(change)));
        LOG.info(() -> "Refund " + refunded.refund().id() + " (" + refunded.refund().status() + "): " + what);
        ConsolePage.redirectWith(request, response, "refunds?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8),
                "Refunded " + ConsoleFormat.money(refunded.refund().amount(), refunded.refund().currency()) + " of "
                        + charge + " (" + refunded.refund().id() + ", " + refunded.refund().status() + "). "
                        + accessSentence(refunded));
    }

    private static String accessSentence(Refunds.Refunded refunded) {
        if (!refunded.applied()) {
            return "Stripe could not be asked for the charge after it; the access change comes with Stripe's"
                    + " charge.refunded event.";
        }
        // No change from this request: the refund takes nothing (a partial one), or Stripe's charge.refunded
        // reached the webhook before the console read the charge back and applied it first.
        return refunded.change().map(change -> "Access was updated at once (version " + change.version() + ").")
                .orElse("Access needed no change here: the stored entitlement already reflects this refund.");
    }

    private static String parameter(HttpServletRequest request, String name) {
        return Optional.ofNullable(request.getParameter(name)).map(String::trim).orElse("");
    }

    private static void badRequest(HttpServletRequest request, HttpServletResponse response, String sentence,
                                   String what) throws IOException, ServletException {
        Responses.refuse(LOG, request, response, 400, "Refund refused", sentence, what);
    }

    /** Stripe's own reason is shown (it names amounts, never secrets), escaped: the error page writes HTML as is. */
    private static void stripeFailed(HttpServletRequest request, HttpServletResponse response, RuntimeException failed,
                                     String doing, String what) throws IOException, ServletException {
        LOG.warning(() -> "Stripe failed in " + what + ": " + Responses.oneLine(failed.getMessage()));
        Responses.page(request, response, 502, "Stripe failed", escaped(stripeSentence(failed, doing)));
    }

    private static String stripeSentence(RuntimeException failed, String doing) {
        return failed instanceof StripeUnavailableException
                ? "Stripe did not answer (down, slow or rate limited), so the console could not " + doing
                        + "; nothing was refunded. Try again in a minute."
                : "Stripe refused to " + doing + "; nothing was refunded. Stripe said: "
                        + failed.getMessage().replaceFirst("^Stripe refused the request: ", "");
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
