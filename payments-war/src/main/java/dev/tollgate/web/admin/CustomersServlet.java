package dev.tollgate.web.admin;

import dev.tollgate.payments.application.AccessDiagnosis;
import dev.tollgate.payments.application.CustomerReports;
import dev.tollgate.payments.application.EntitlementService;
import dev.tollgate.payments.application.StripeSide;
import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.domain.model.ChangeCause;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import dev.tollgate.web.EntitlementPublisher;
import dev.tollgate.web.Responses;
import dev.tollgate.web.stripe.RefusedDeliveries;
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
import java.util.logging.Logger;

/**
 * Customers: {@code GET /admin/customers?q=…} finds users by user id, email or Stripe customer id;
 * {@code GET /admin/customer?user=…} shows everything stored about one, next to what Stripe lists now;
 * {@code GET /admin/customer/why?user=…} answers "why no access?" at the four failure points;
 * {@code POST /admin/customer/resync} ({@code user=…}) re-reads the customer from Stripe through the one sync
 * every webhook uses. JSON at {@code /admin/api/customers?q=}, {@code /admin/api/customer?user=} and
 * {@code /admin/api/customer/why?user=}.
 */
@WebServlet(urlPatterns = {"/admin/customers", "/admin/customer", "/admin/customer/why", "/admin/customer/resync",
        "/admin/api/customers", "/admin/api/customer", "/admin/api/customer/why"})
public class CustomersServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(CustomersServlet.class.getName());

    @Inject
    CustomerReports customers;

    @Inject
    AccessDiagnosis diagnosis;

    @Inject
    StripeSide stripeSide;

    @Inject
    EntitlementService entitlements;

    @Inject
    EntitlementPublisher publisher;

    @Inject
    RefusedDeliveries refusedDeliveries;

    @Inject
    PaymentsRuntime runtime;

    record Found(String query, List<CustomerViews.AccountRow> accounts) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        ConsoleFormat format = new ConsoleFormat(runtime.config().adminTimeZone());
        String path = request.getServletPath();
        if (path.endsWith("/customers")) {
            String query = Optional.ofNullable(request.getParameter("q")).map(String::trim).orElse("");
            Found found = new Found(query, query.isEmpty() || query.length() > 320 ? List.of()
                    : customers.search(query).stream().map(account -> CustomerViews.account(account, format)).toList());
            ConsolePage.answer(request, response, found, "found", "customers", "Customers", "customers", format);
            return;
        }
        String user = Optional.ofNullable(request.getParameter("user")).map(String::trim).orElse("");
        Optional<CustomerReports.CustomerFile> file = user.isEmpty() ? Optional.empty() : customers.file(user);
        if (file.isEmpty()) {
            Responses.refuse(LOG, request, response, 404, "No such customer",
                    "No user of this name has come to the payments service.", "customer " + Responses.oneLine(user));
            return;
        }
        String customer = file.get().account().stripeCustomerId();
        StripeSide.Listing listing = customer == null
                ? new StripeSide.Listing(Optional.of(List.of()), Optional.empty())
                : stripeSide.subscriptionsOf(customer);
        if (path.endsWith("/why")) {
            AccessDiagnosis.Diagnosis found = diagnosis.diagnose(user, listing.subscriptions(),
                    refusedDeliveries.snapshot(), runtime.config().stalenessBound()).orElseThrow();
            CustomerViews.DiagnosisView view = CustomerViews.diagnosis(found);
            request.setAttribute("stripeFailure", listing.failure().orElse(null));
            ConsolePage.answer(request, response, view, "diagnosis", "why", "Why no access? " + user, "customers",
                    format);
            return;
        }
        request.setAttribute("grantKey", CreditGrantServlet.newKey());
        CustomerViews.StripeView stripe = customer == null
                ? CustomerViews.stripe(listing, StripeSide.Newest.none(), StripeSide.Newest.none(), null, format)
                : CustomerViews.stripe(listing, stripeSide.invoicesOf(customer), stripeSide.paymentsOf(customer),
                        CustomerViews.dashboardUrl(customer, runtime.config().mode()), format);
        CustomerViews.CustomerView view = CustomerViews.of(file.get(), Optional.of(stripe), format);
        ConsolePage.answer(request, response, view, "customer", "customer", "Customer " + user, "customers", format);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!ConsolePage.isPostTo("/admin/customer/resync", request, response)) {
            return;
        }
        String user = Optional.ofNullable(request.getParameter("user")).map(String::trim).orElse("");
        if (user.isEmpty() || customers.file(user).isEmpty()) {
            Responses.refuse(LOG, request, response, 404, "No such customer",
                    "No user of this name has come to the payments service.", "resync of " + Responses.oneLine(user));
            return;
        }
        String back = "customer?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        String message;
        try (ChangeCause.Scope cause = ChangeCause.of(ChangeCause.Source.CONSOLE,
                "resync by " + request.getRemoteUser()).open()) {
            Optional<EntitlementChanged> changed = entitlements.syncUser(user);
            changed.ifPresent(change -> publisher.publishCommitted(List.of(change)));
            message = changed.map(change -> "Resynced " + user + " from Stripe: the entitlement changed (version "
                    + change.version() + ").").orElse("Resynced " + user + " from Stripe: nothing had changed.");
        } catch (RuntimeException failed) {
            boolean stripe = dev.tollgate.payments.application.Causes.find(failed, StripeUnavailableException.class)
                    .isPresent() || dev.tollgate.payments.application.Causes.find(failed, StripeRejectedException.class)
                    .isPresent();
            if (!stripe) {
                throw failed;
            }
            LOG.warning(() -> "Resync of " + Responses.oneLine(user) + " failed at Stripe: " + failed);
            message = "Resync of " + user + " failed: Stripe did not answer or refused; nothing was changed. Try again"
                    + " in a minute.";
        }
        LOG.info(() -> "Resync of " + Responses.oneLine(user) + " by " + Responses.oneLine(request.getRemoteUser()));
        ConsolePage.redirectWith(request, response, back, message);
    }
}
