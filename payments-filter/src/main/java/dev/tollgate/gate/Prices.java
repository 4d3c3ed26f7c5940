package dev.tollgate.gate;

import dev.tollgate.gate.internal.Settings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The payments WAR's prices ({@code GET /billing/prices}) for the app's own pricing page: each plan and credit pack
 * with what Stripe says it costs, already written in the currency's major unit ("29.00 USD", "1980 JPY",
 * "1.500 KWD"). The payments WAR reads Stripe and keeps the prices for {@code PAYMENTS_PRICES_REFRESH_SECONDS}; this
 * class keeps the WAR's answer as long as the WAR says it stays as it is (until the WAR asks Stripe again), so a page
 * render does not cost a request to the WAR each time.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * <%@ page import="dev.tollgate.gate.Prices" %>
 * <% Prices prices = Prices.of(request); %>
 * <% for (Prices.Offer plan : prices.getPlans()) { Prices.Price price = plan.prices().get(0); %>
 *   <form method="post" action="/payments/billing/checkout">
 *     <h2><%= plan.name() %></h2> <p><%= price.formatted() %> <%= price.period() %></p>
 *     <input type="hidden" name="price" value="<%= price.id() %>"><button>Subscribe</button>
 *   </form>
 * <% } %>
 * }</pre>
 * {@link #of} also leaves the prices in the request attribute {@value #REQUEST_ATTRIBUTE} for EL
 * ({@code ${prices.plans}}, {@code ${prices.available}}, {@code ${prices.stale}}); an offer and a price are records,
 * which EL reads from Jakarta EL 6 (Tomcat 11, EE 11) on, and scriptlets everywhere.
 *
 * <h2>Configuration</h2>
 * {@code PAYMENTS_PRICES_URL} (context-param, environment variable or system property): the full URL of
 * {@code /billing/prices}. Without it the payments WAR is taken to be at {@code /payments} on this server, asked on
 * {@code localhost} at the port the request came in on: set it when the WAR is elsewhere or behind TLS.
 *
 * <p>The gate asks with {@code Accept: text/plain} and reads the WAR's flat answer with the JDK's
 * {@link Properties}: it brings no JSON library into the app. When the payments WAR cannot be asked, the prices kept
 * from its last answer are shown on, {@linkplain #isStale() stale}, as the WAR does with Stripe's; with none kept,
 * the prices are {@linkplain #isAvailable() unavailable} (no offers) and one line is logged; the page says so instead
 * of failing.
 */
public final class Prices {

    /** The request attribute (and EL name) under which {@link #of} leaves this request's prices. */
    public static final String REQUEST_ATTRIBUTE = "prices";
    /** The setting naming the URL of the payments WAR's {@code /billing/prices}. */
    public static final String URL_SETTING = "PAYMENTS_PRICES_URL";

    /** What the gate asks for, and the WAR's flat answer is: properties, which the JDK reads. */
    private static final String FLAT_TEXT = "text/plain";
    private static final Logger LOG = Logger.getLogger(Prices.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();
    /** The WAR's answers, kept per URL for as long as it says they stay fresh. */
    private static final KeptPrices KEPT = new KeptPrices(Prices::ask, Instant::now);

    private final boolean available;
    private final boolean stale;
    private final List<Offer> plans;
    private final List<Offer> creditPacks;

    private Prices(boolean available, boolean stale, List<Offer> plans, List<Offer> creditPacks) {
        this.available = available;
        this.stale = stale;
        this.plans = List.copyOf(plans);
        this.creditPacks = List.copyOf(creditPacks);
    }

    /**
     * This request's prices: the payments WAR's, kept in this JVM while the WAR says they are fresh, then left in the
     * request attribute.
     */
    public static Prices of(HttpServletRequest request) {
        Object kept = request.getAttribute(REQUEST_ATTRIBUTE);
        if (kept instanceof Prices prices) {
            return prices;
        }
        Prices prices = KEPT.at(urlFor(request));
        request.setAttribute(REQUEST_ATTRIBUTE, prices);
        return prices;
    }

    /** The prices answered at {@code url} (the payments WAR's {@code /billing/prices}) now, or none available. */
    public static Prices from(URI url) {
        return ask(url).prices();
    }

    /** The WAR's answer at {@code url} and how long it stays fresh; unavailable prices when it gave none. */
    static Answer ask(URI url) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Accept", FLAT_TEXT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                LOG.warning(() -> "No prices to show: " + url + " answered " + answer.statusCode());
                return Answer.NONE;
            }
            if (!answer.headers().firstValue("Content-Type").orElse("").startsWith(FLAT_TEXT)) {
                LOG.warning(() -> "No prices to show: " + url + " is not the payments WAR's /billing/prices");
                return Answer.NONE;
            }
            return read(answer.body());
        } catch (IOException | IllegalArgumentException unreadable) {
            LOG.warning(() -> "No prices to show: " + url + " could not be read (" + unreadable + ")");
            return Answer.NONE;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Answer.NONE;
        }
    }

    /**
     * Prices read from the flat answer {@code /billing/prices} gives to {@code Accept: text/plain}.
     *
     * @throws IllegalArgumentException when it is not that answer
     */
    static Answer read(String text) throws IOException {
        Properties answer = new Properties();
        answer.load(new StringReader(text));
        if (answer.getProperty("fetched") == null) {
            throw new IllegalArgumentException("no \"fetched\" in the answer");
        }
        Prices prices = new Prices(true, Boolean.parseBoolean(answer.getProperty("stale")),
                Offer.readAll(answer, "plan."), Offer.readAll(answer, "pack."));
        return new Answer(prices, Duration.ofSeconds(number(answer, "fresh_for_seconds", 0)));
    }

    static Prices unavailable() {
        return new Prices(false, false, List.of(), List.of());
    }

    /** The same prices, marked as kept after the payments WAR could not be asked. */
    Prices asStale() {
        return new Prices(available, true, plans, creditPacks);
    }

    private static URI urlFor(HttpServletRequest request) {
        ServletContext context = request.getServletContext();
        String configured = new Settings(List.of(
                new Settings.Source("context-param", context::getInitParameter),
                new Settings.Source("environment variable", System::getenv),
                new Settings.Source("system property", System::getProperty))).get(URL_SETTING);
        return URI.create(configured != null ? configured
                : request.getScheme() + "://localhost:" + request.getLocalPort() + "/payments/billing/prices");
    }

    /** The whole number at {@code key}, or {@code otherwise} when there is none. */
    private static long number(Properties answer, String key, long otherwise) {
        String value = answer.getProperty(key);
        return value == null ? otherwise : Long.parseLong(value.strip());
    }

    /**
     * A WAR's answer and how long it stays as it is there.
     *
     * @param freshFor how long the WAR keeps these prices before it asks Stripe again; zero for no prices
     */
    record Answer(Prices prices, Duration freshFor) {
        static final Answer NONE = new Answer(unavailable(), Duration.ZERO);
    }

    /** Whether the payments WAR gave prices; false when it could not be asked or had none yet. */
    public boolean isAvailable() {
        return available;
    }

    /** Whether these are the last prices Stripe gave before a refresh failed. */
    public boolean isStale() {
        return stale;
    }

    /** The catalog's plans, in its order. */
    public List<Offer> getPlans() {
        return plans;
    }

    /** The catalog's credit packs, in its order. */
    public List<Offer> getCreditPacks() {
        return creditPacks;
    }

    /** The plan of that name, if it is for sale. */
    public Optional<Offer> plan(String name) {
        return plans.stream().filter(plan -> plan.name().equals(name)).findFirst();
    }

    /**
     * A plan or a credit pack and the prices that sell it.
     *
     * @param name      the catalog's name
     * @param features  the features it unlocks, those of the plans it includes too; none for a credit pack
     * @param trialDays the free trial a first subscription starts with, in days, or null
     * @param credits   how many credits one purchase of a pack adds; 0 for a plan
     * @param prices    the prices that sell it; empty when Stripe knows none of them
     */
    public record Offer(String name, List<String> features, Integer trialDays, long credits, List<Price> prices) {

        public Offer {
            features = List.copyOf(features);
            prices = List.copyOf(prices);
        }

        /** The offers numbered 1, 2, … under {@code prefix} ("plan." or "pack."), in that order. */
        static List<Offer> readAll(Properties answer, String prefix) {
            List<Offer> offers = new ArrayList<>();
            for (int number = 1; answer.getProperty(prefix + number + ".name") != null; number++) {
                offers.add(read(answer, prefix + number + "."));
            }
            return offers;
        }

        private static Offer read(Properties answer, String prefix) {
            String features = answer.getProperty(prefix + "features", "");
            List<Price> prices = new ArrayList<>();
            for (int number = 1; answer.getProperty(prefix + "price." + number + ".id") != null; number++) {
                prices.add(Price.read(answer, prefix + "price." + number + "."));
            }
            long trial = number(answer, prefix + "trial_days", -1);
            return new Offer(answer.getProperty(prefix + "name"),
                    features.isEmpty() ? List.of() : List.of(features.split(",")),
                    trial < 0 ? null : Math.toIntExact(trial), number(answer, prefix + "credits", 0), prices);
        }
    }

    /**
     * One Stripe price.
     *
     * @param id            the id to post as the checkout form's {@code price}
     * @param lookupKey     its lookup key, or null
     * @param formatted     the amount in the currency's major unit and its code, e.g. "29.00 USD"; null for a price
     *                      without one fixed amount
     * @param interval      {@code day}, {@code week}, {@code month} or {@code year}; null for a one-time price
     * @param intervalCount how many intervals one period lasts; 0 for a one-time price
     */
    public record Price(String id, String lookupKey, String formatted, String interval, long intervalCount) {

        static Price read(Properties answer, String prefix) {
            return new Price(answer.getProperty(prefix + "id"), answer.getProperty(prefix + "lookup_key"),
                    answer.getProperty(prefix + "formatted"), answer.getProperty(prefix + "interval"),
                    number(answer, prefix + "interval_count", 0));
        }

        /** Whether it is charged every period rather than once. */
        public boolean recurring() {
            return interval != null;
        }

        /** How often it is charged, in words: "a month", "every 3 months", "a year", "once". */
        public String period() {
            if (interval == null) {
                return "once";
            }
            return intervalCount <= 1 ? "a " + interval : "every " + intervalCount + " " + interval + "s";
        }
    }
}
