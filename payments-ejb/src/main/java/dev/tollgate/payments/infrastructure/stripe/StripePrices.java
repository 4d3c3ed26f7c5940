package dev.tollgate.payments.infrastructure.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.param.PriceListParams;
import com.stripe.param.PriceRetrieveParams;
import dev.tollgate.payments.domain.model.Money;
import dev.tollgate.payments.domain.model.PriceTag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the catalog's prices with as few calls as Stripe allows: one list call per ten lookup keys (Stripe's most
 * per {@code GET /v1/prices}), and one retrieve per price named by id (Stripe lists prices by lookup key, product
 * or type, never by a list of ids). Each comes with its product, expanded in the same call, for its name.
 */
final class StripePrices {

    /** Stripe's most {@code lookup_keys[]} per list call. */
    static final int MAX_LOOKUP_KEYS = 10;

    private final StripeClient client;

    StripePrices(StripeClient client) {
        this.client = client;
    }

    /** The prices named, each once, in the order named; a name Stripe does not know is left out. */
    List<PriceTag> named(Collection<String> priceIdsOrLookupKeys) throws StripeException {
        Map<String, PriceTag> byId = new LinkedHashMap<>();
        List<String> lookupKeys = new ArrayList<>();
        for (String name : priceIdsOrLookupKeys) {
            if (name.startsWith("price_")) {
                byId(name).ifPresent(price -> byId.putIfAbsent(price.id(), price));
            } else {
                lookupKeys.add(name);
            }
        }
        for (int from = 0; from < lookupKeys.size(); from += MAX_LOOKUP_KEYS) {
            List<String> some = lookupKeys.subList(from, Math.min(lookupKeys.size(), from + MAX_LOOKUP_KEYS));
            PriceListParams params = PriceListParams.builder().addAllLookupKey(some).setActive(true)
                    .setLimit((long) MAX_LOOKUP_KEYS).addExpand("data.product").build();
            for (Price price : client.v1().prices().list(params).getData()) {
                byId.putIfAbsent(price.getId(), toPriceTag(price));
            }
        }
        return List.copyOf(byId.values());
    }

    private Optional<PriceTag> byId(String id) throws StripeException {
        try {
            return Optional.of(toPriceTag(client.v1().prices().retrieve(id,
                    PriceRetrieveParams.builder().addExpand("product").build())));
        } catch (InvalidRequestException unknown) {
            if (Integer.valueOf(404).equals(unknown.getStatusCode())) {
                return Optional.empty();
            }
            throw unknown;
        }
    }

    static PriceTag toPriceTag(Price price) {
        Optional<Money> amount = Optional.ofNullable(price.getUnitAmount())
                .map(minorUnits -> new Money(minorUnits, price.getCurrency()));
        Price.Recurring recurring = price.getRecurring();
        long intervalCount = recurring == null ? 0
                : Optional.ofNullable(recurring.getIntervalCount()).orElse(1L);
        String productName = price.getProductObject() == null ? null : price.getProductObject().getName();
        return new PriceTag(price.getId(), price.getLookupKey(), amount,
                Optional.ofNullable(recurring).map(Price.Recurring::getInterval), intervalCount, productName);
    }
}
