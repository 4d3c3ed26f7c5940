package dev.tollgate.web.billing;

import dev.tollgate.payments.domain.model.PriceSheet;
import dev.tollgate.payments.domain.model.PriceSheet.PackOffer;
import dev.tollgate.payments.domain.model.PriceSheet.PlanOffer;
import dev.tollgate.payments.domain.model.PriceTag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * {@code GET /billing/prices} for the gate jar ({@code Accept: text/plain}): the same prices as the JSON, flat, in
 * the JDK's properties format, so that the gate, which brings no JSON library into an app, reads them with
 * {@link Properties#load} instead of a parser of its own. Offers and prices are numbered from 1 in the catalog's
 * order:
 * <pre>
 * stale=false
 * fetched=2026-12-03T12\:00\:00Z
 * fresh_for_seconds=300
 * plan.1.name=pro
 * plan.1.features=courses,reports
 * plan.1.trial_days=14
 * plan.1.price.1.id=price_pro_monthly
 * plan.1.price.1.lookup_key=pro_monthly
 * plan.1.price.1.formatted=29.00 USD
 * plan.1.price.1.interval=month
 * plan.1.price.1.interval_count=1
 * pack.1.name=credits\:100
 * pack.1.credits=100
 * pack.1.price.1.id=price_c100
 * </pre>
 * {@code fresh_for_seconds} says how long these prices stay as they are here (until the WAR asks Stripe again), so
 * the gate keeps them that long. A key without a value is left out. This is an internal format between the two jars
 * of one release; apps read the JSON.
 */
final class PricesText {

    /** The media type the gate asks for, and this answer's. */
    static final String MEDIA_TYPE = "text/plain";

    private final Properties text = new Properties();

    private PricesText() {
    }

    /** The text of {@code sheet}, which stays as it is for {@code freshFor}. */
    static String of(PriceSheet sheet, Duration freshFor) {
        PricesText flat = new PricesText();
        flat.put("stale", sheet.stale());
        flat.put("fetched", sheet.fetched());
        flat.put("fresh_for_seconds", freshFor.toSeconds());
        int number = 0;
        for (PlanOffer plan : sheet.plans()) {
            String prefix = "plan." + ++number + ".";
            flat.put(prefix + "name", plan.name());
            flat.put(prefix + "features", String.join(",", new TreeSet<>(plan.features())));
            flat.put(prefix + "trial_days", plan.trial().map(trial -> trial.days()).orElse(null));
            flat.prices(prefix, plan.prices());
        }
        number = 0;
        for (PackOffer pack : sheet.packs()) {
            String prefix = "pack." + ++number + ".";
            flat.put(prefix + "name", pack.name());
            flat.put(prefix + "credits", pack.credits());
            flat.prices(prefix, pack.prices());
        }
        return flat.written();
    }

    private void prices(String offer, List<PriceTag> prices) {
        int number = 0;
        for (PriceTag price : prices) {
            String prefix = offer + "price." + ++number + ".";
            put(prefix + "id", price.id());
            put(prefix + "lookup_key", price.lookupKey());
            put(prefix + "formatted", price.amount().map(money -> money.formatted()).orElse(null));
            put(prefix + "interval", price.interval().orElse(null));
            put(prefix + "interval_count", price.oneTime() ? null : price.intervalCount());
        }
    }

    private void put(String key, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            text.setProperty(key, value.toString());
        }
    }

    /** Written by the JDK, which escapes what the format needs escaped (its first line is a date comment). */
    private String written() {
        StringWriter out = new StringWriter();
        try {
            text.store(out, null);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString();
    }
}
