package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog with Stripe's prices, as a pricing page shows it: each plan and credit pack with what it costs.
 *
 * @param plans   the catalog's plans in its order
 * @param packs   the catalog's credit packs in its order
 * @param fetched when Stripe was asked for these prices
 * @param stale   whether the last attempt to refresh them failed, so these are the last ones Stripe gave
 */
public record PriceSheet(List<PlanOffer> plans, List<PackOffer> packs, Instant fetched, boolean stale) {

    public PriceSheet {
        plans = List.copyOf(plans);
        packs = List.copyOf(packs);
    }

    /** The same prices, marked as kept after a failed refresh. */
    public PriceSheet asStale() {
        return new PriceSheet(plans, packs, fetched, true);
    }

    /**
     * A plan and the prices that sell it.
     *
     * @param features every feature it unlocks, those of included plans too
     * @param trial    the free trial a first subscription starts with, if any
     */
    public record PlanOffer(String name, Set<String> features, Set<String> includes, Optional<Trial> trial,
                            List<PriceTag> prices) {
        public PlanOffer {
            prices = List.copyOf(prices);
        }
    }

    /** A credit pack, how many credits one purchase adds, and the prices that sell it. */
    public record PackOffer(String name, long credits, List<PriceTag> prices) {
        public PackOffer {
            prices = List.copyOf(prices);
        }
    }
}
