package dev.tollgate.web.billing;

import dev.tollgate.payments.application.PriceList;
import dev.tollgate.payments.domain.model.PriceSheet;
import dev.tollgate.payments.domain.model.PriceSheet.PackOffer;
import dev.tollgate.payments.domain.model.PriceSheet.PlanOffer;
import dev.tollgate.payments.domain.model.PriceTag;
import dev.tollgate.payments.domain.model.Trial;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import dev.tollgate.web.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * {@code GET /billing/prices}: the catalog ({@code PAYMENTS_PLANS}) with what Stripe says each price costs, as JSON
 * for a pricing page; open to anyone, as a pricing page is. Each price carries Stripe's {@code unit_amount} in minor
 * units, its {@code currency}, and {@code amount} and {@code formatted} in the currency's major unit (29.00 USD,
 * 500 JPY, 1.500 KWD). Prices are read from Stripe once per {@code PAYMENTS_PRICES_REFRESH_SECONDS} ({@link PriceList});
 * when Stripe cannot be asked, the last prices it gave are answered with {@code "stale": true} and the header
 * {@value #STALE_HEADER}, and with none to answer, 503 and a JSON error. Asked with {@code Accept: text/plain}
 * (the gate jar's {@code Prices}), the same prices are answered flat ({@link PricesText}) with how long they stay
 * fresh.
 */
@WebServlet(urlPatterns = "/billing/prices")
public class PricesServlet extends HttpServlet {

    /** Set to {@code true} on an answer of prices kept after a failed refresh. */
    public static final String STALE_HEADER = "Tollgate-Prices-Stale";
    /** Seconds a client waits before asking again when no prices can be given. */
    static final int RETRY_AFTER_SECONDS = 10;

    private static final Logger LOG = Logger.getLogger(PricesServlet.class.getName());

    @Inject
    PriceList prices;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PriceSheet sheet;
        try {
            sheet = prices.current();
        } catch (StripeUnavailableException | StripeRejectedException failed) {
            LOG.warning(() -> "Refused the prices with 503: Stripe gave none yet ("
                    + Responses.oneLine(failed.getMessage()) + ")");
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            Responses.json(response, 503, new ErrorJson("prices_unavailable",
                    "The prices cannot be read from the payment provider right now; try again shortly."));
            return;
        }
        if (sheet.stale()) {
            response.setHeader(STALE_HEADER, "true");
        }
        if (asksForText(request)) {
            Duration freshFor = prices.freshFor();
            response.setStatus(200);
            response.setContentType(PricesText.MEDIA_TYPE + ";charset=UTF-8");
            response.setHeader("Cache-Control", "max-age=" + freshFor.toSeconds());
            response.getWriter().print(PricesText.of(sheet, freshFor));
            return;
        }
        Responses.json(response, 200, new PricesJson(sheet.stale(), sheet.fetched().toString(),
                sheet.plans().stream().map(PlanJson::of).toList(),
                sheet.packs().stream().map(PackJson::of).toList()));
    }

    /** The gate jar asks for {@link PricesText}; everyone else gets the JSON, whatever else they accept. */
    private static boolean asksForText(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(PricesText.MEDIA_TYPE) && !accept.contains("application/json");
    }

    record ErrorJson(String error, String message) {
    }

    /** The answer; Stripe's snake_case, as the rest of the JSON this WAR writes. */
    record PricesJson(boolean stale, String fetched, List<PlanJson> plans, List<PackJson> credit_packs) {
    }

    record PlanJson(String name, Set<String> features, Set<String> includes, Integer trial_days,
                    Boolean trial_requires_card, List<PriceJson> prices) {
        static PlanJson of(PlanOffer plan) {
            Trial trial = plan.trial().orElse(null);
            return new PlanJson(plan.name(), new TreeSet<>(plan.features()), new TreeSet<>(plan.includes()),
                    trial == null ? null : trial.days(), trial == null ? null : trial.cardRequired(),
                    plan.prices().stream().map(PriceJson::of).toList());
        }
    }

    record PackJson(String name, long credits, List<PriceJson> prices) {
        static PackJson of(PackOffer pack) {
            return new PackJson(pack.name(), pack.credits(), pack.prices().stream().map(PriceJson::of).toList());
        }
    }

    /**
     * One price: {@code type} {@code recurring} (with {@code interval} and {@code interval_count}) or
     * {@code one_time}; amounts are left out for a price without one fixed amount.
     */
    record PriceJson(String id, String lookup_key, String product, String type, String interval,
                     Long interval_count, Long unit_amount, String currency, String amount, String formatted) {
        static PriceJson of(PriceTag price) {
            return new PriceJson(price.id(), price.lookupKey(), price.productName(),
                    price.oneTime() ? "one_time" : "recurring", price.interval().orElse(null),
                    price.oneTime() ? null : price.intervalCount(),
                    price.amount().map(money -> money.minorUnits()).orElse(null),
                    price.amount().map(money -> money.currency()).orElse(null),
                    price.amount().map(money -> money.decimal()).orElse(null),
                    price.amount().map(money -> money.formatted()).orElse(null));
        }
    }
}
