package dev.tollgate.gate;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The payments WAR's prices kept in this JVM, per URL, so a pricing page does not ask the WAR on every render. An
 * answer is kept as long as the WAR says its own copy stays as it is ({@code fresh_for_seconds}: until it asks Stripe
 * again), at most {@link #LONGEST}. When the WAR cannot be asked, the prices it gave last are served on, marked
 * stale, and it is asked again after {@link #RETRY_AFTER_FAILURE}, as the WAR does with Stripe's prices; with none
 * kept, "unavailable" is kept for that pause too, so a WAR that is down is not asked by every render.
 *
 * <p>One request to the WAR at a time per URL: renders that find the prices due wait for it rather than each asking.
 * At most {@link #MOST_URLS} URLs are kept (there is normally one), the least recently used let go first.
 */
final class KeptPrices {

    /** The longest an answer is kept, whatever the WAR says. */
    static final Duration LONGEST = Duration.ofHours(1);
    /** How long after a failed request the WAR is asked again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);
    /** How many URLs' answers are kept. */
    static final int MOST_URLS = 16;

    private static final Logger LOG = Logger.getLogger(KeptPrices.class.getName());

    private final Function<URI, Prices.Answer> war;
    private final Supplier<Instant> clock;
    private final Map<URI, Slot> slots = Collections.synchronizedMap(new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, Slot> eldest) {
            return size() > MOST_URLS;
        }
    });

    /**
     * @param war   asks the payments WAR at a URL
     * @param clock the time now
     */
    KeptPrices(Function<URI, Prices.Answer> war, Supplier<Instant> clock) {
        this.war = war;
        this.clock = clock;
    }

    /** The prices at {@code url}: the kept ones while fresh, otherwise the WAR's now, or the kept ones marked stale. */
    Prices at(URI url) {
        return slots.computeIfAbsent(url, Slot::new).current();
    }

    /** One URL's kept answer; its lock is held while the WAR is asked. */
    private final class Slot {

        private final URI url;
        private Prices prices;
        private Instant due = Instant.MIN;

        Slot(URI url) {
            this.url = url;
        }

        synchronized Prices current() {
            Instant now = clock.get();
            if (now.isBefore(due)) {
                return prices;
            }
            Prices.Answer answer = war.apply(url);
            if (answer.prices().isAvailable()) {
                prices = answer.prices();
                due = now.plus(answer.freshFor().compareTo(LONGEST) > 0 ? LONGEST : answer.freshFor());
            } else {
                if (prices != null && prices.isAvailable()) {
                    LOG.warning(() -> "Showing the prices kept from " + url + ": it gave none just now");
                    prices = prices.isStale() ? prices : prices.asStale();
                } else {
                    prices = answer.prices();
                }
                due = now.plus(RETRY_AFTER_FAILURE);
            }
            return prices;
        }
    }
}
