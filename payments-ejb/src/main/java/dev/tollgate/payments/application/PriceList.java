package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.PlanCatalog;
import dev.tollgate.payments.domain.model.PriceRefresh;
import dev.tollgate.payments.domain.model.PriceSheet;
import dev.tollgate.payments.domain.model.PriceSheet.PackOffer;
import dev.tollgate.payments.domain.model.PriceSheet.PlanOffer;
import dev.tollgate.payments.domain.model.PriceTag;
import dev.tollgate.payments.domain.service.StripeGateway;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.logging.Logger;

/**
 * The catalog with what Stripe says each price costs, for pricing pages: read from Stripe, kept in this JVM and read
 * again once {@link PriceRefresh#interval()} has passed. Stripe's prices are the truth (an amount changed in the
 * Dashboard shows after one interval, without a restart); the catalog says which of them are for sale here.
 *
 * <p>When a refresh fails, the last prices Stripe gave are served on, marked {@link PriceSheet#stale()}, and Stripe
 * is asked again after {@link PriceRefresh#retryAfterFailure()}; with none to serve, the failure is thrown. One
 * refresh runs at a time: concurrent requests wait for it rather than each asking Stripe.
 */
@ApplicationScoped
public class PriceList {

    private static final Logger LOG = Logger.getLogger(PriceList.class.getName());

    @Inject
    PlanCatalog plans;

    @Inject
    StripeGateway stripe;

    @Inject
    PriceRefresh refresh;

    @Inject
    Clock clock;

    private PriceSheet last;
    private Instant nextAttempt = Instant.MIN;

    /**
     * The current prices: the kept ones while fresh, otherwise Stripe's now, or the kept ones marked stale when
     * Stripe cannot answer.
     *
     * @throws StripeUnavailableException when Stripe cannot answer and no prices were ever read
     * @throws StripeRejectedException    when Stripe refuses (e.g. a key without read access to prices) and no
     *                                    prices were ever read
     */
    public synchronized PriceSheet current() {
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            if (last == null) {
                throw new StripeUnavailableException("Stripe could not be asked for prices a moment ago", null);
            }
            return last;
        }
        try {
            last = read(now);
            nextAttempt = now.plus(refresh.interval());
        } catch (StripeUnavailableException | StripeRejectedException failed) {
            nextAttempt = now.plus(refresh.retryAfterFailure());
            if (last == null) {
                throw failed;
            }
            LOG.warning(() -> "Prices could not be refreshed from Stripe (" + failed.getMessage()
                    + "); serving those of " + last.fetched());
            last = last.asStale();
        }
        return last;
    }

    /**
     * How long the prices {@link #current()} answered stay as they are: until Stripe is asked again (after the
     * refresh interval, or after a failed refresh's pause); zero when the next call asks Stripe.
     */
    public synchronized Duration freshFor() {
        Duration left = Duration.between(clock.instant(), nextAttempt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * The price of that id or lookup key among the prices last read, while they are fresh, without asking Stripe: a
     * checkout takes its price from here. Empty when none were read, when they are due for a refresh or stale (a
     * lookup key may have moved to another price since: the caller asks Stripe), or when the name is not among them.
     */
    public synchronized Optional<PriceTag> kept(String priceIdOrLookupKey) {
        if (last == null || last.stale() || !clock.instant().isBefore(nextAttempt)) {
            return Optional.empty();
        }
        return Stream.concat(last.plans().stream().flatMap(plan -> plan.prices().stream()),
                        last.packs().stream().flatMap(pack -> pack.prices().stream()))
                .filter(price -> price.isNamedBy(priceIdOrLookupKey)).findFirst();
    }

    private PriceSheet read(Instant now) {
        Set<String> named = new LinkedHashSet<>();
        plans.plans().forEach(plan -> named.addAll(plan.prices()));
        plans.creditPacks().forEach(pack -> named.addAll(pack.prices()));
        List<PriceTag> known = stripe.prices(named);
        named.removeIf(name -> known.stream().anyMatch(price -> price.isNamedBy(name)));
        if (!named.isEmpty()) {
            LOG.warning(() -> "Stripe knows no active price for " + named + " of PAYMENTS_PLANS; pricing pages leave"
                    + " them out");
        }
        List<PlanOffer> planOffers = plans.plans().stream().map(plan -> new PlanOffer(plan.name(),
                plans.features(plan), plan.includes(), plans.trialOf(plan), sold(known, plan.prices()))).toList();
        List<PackOffer> packOffers = plans.creditPacks().stream()
                .map(pack -> new PackOffer(pack.name(), pack.credits(), sold(known, pack.prices()))).toList();
        return new PriceSheet(planOffers, packOffers, now, false);
    }

    /** The prices Stripe gave for these names, each once. */
    private static List<PriceTag> sold(List<PriceTag> known, Set<String> names) {
        return known.stream().filter(price -> names.stream().anyMatch(price::isNamedBy)).toList();
    }
}
