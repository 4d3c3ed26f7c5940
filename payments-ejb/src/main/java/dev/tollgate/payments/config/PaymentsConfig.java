package dev.tollgate.payments.config;

import dev.tollgate.payments.domain.model.AccessPolicy;
import dev.tollgate.payments.domain.model.CheckoutPages;
import dev.tollgate.payments.domain.model.SyncSettings;
import dev.tollgate.payments.domain.model.StripeMode;
import dev.tollgate.payments.domain.model.PlanCatalog;
import dev.tollgate.payments.domain.model.PriceRefresh;
import dev.tollgate.payments.domain.model.ReconcileSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every setting Tollgate's payments side needs, read once at start and checked before anything runs.
 * Variable names are the public contract (README, docs/design.md). {@link #toString()} never shows a secret.
 */
public final class PaymentsConfig {

    public static final String STRIPE_SECRET_KEY = "STRIPE_SECRET_KEY";
    public static final String STRIPE_WEBHOOK_SECRET = "STRIPE_WEBHOOK_SECRET";
    public static final String STRIPE_PUBLISHABLE_KEY = "STRIPE_PUBLISHABLE_KEY";
    public static final String STRIPE_API_BASE = "STRIPE_API_BASE";
    public static final String PAYMENTS_APP_URL = "PAYMENTS_APP_URL";
    public static final String PAYMENTS_SUCCESS_URL = "PAYMENTS_SUCCESS_URL";
    public static final String PAYMENTS_CANCEL_URL = "PAYMENTS_CANCEL_URL";
    public static final String PAYMENTS_PORTAL_RETURN_URL = "PAYMENTS_PORTAL_RETURN_URL";
    public static final String PAYMENTS_RETURN_URLS = "PAYMENTS_RETURN_URLS";
    public static final String PAYMENTS_ALLOW_PROMOTION_CODES = "PAYMENTS_ALLOW_PROMOTION_CODES";
    public static final String PAYMENTS_AUTOMATIC_TAX = "PAYMENTS_AUTOMATIC_TAX";
    public static final String PAYMENTS_TAX_ID_COLLECTION = "PAYMENTS_TAX_ID_COLLECTION";
    public static final String PAYMENTS_PLANS = "PAYMENTS_PLANS";
    public static final String PAYMENTS_DATASOURCE = "PAYMENTS_DATASOURCE";
    public static final String PAYMENTS_DATA_DIR = "PAYMENTS_DATA_DIR";
    public static final String PAYMENTS_GRACE_DAYS = "PAYMENTS_GRACE_DAYS";
    public static final String PAYMENTS_REVOKE_ON_REFUND = "PAYMENTS_REVOKE_ON_REFUND";
    public static final String PAYMENTS_REVOKE_ON_LOST_DISPUTE = "PAYMENTS_REVOKE_ON_LOST_DISPUTE";
    public static final String PAYMENTS_STRIPE_ENTITLEMENTS = "PAYMENTS_STRIPE_ENTITLEMENTS";
    public static final String PAYMENTS_WEBHOOK_MAX_BYTES = "PAYMENTS_WEBHOOK_MAX_BYTES";
    public static final String PAYMENTS_UNMATCHED_AFTER_SECONDS = "PAYMENTS_UNMATCHED_AFTER_SECONDS";
    public static final String PAYMENTS_MONITORING_TOKEN = "PAYMENTS_MONITORING_TOKEN";
    public static final String PAYMENTS_HANDOFF_SECRET = "PAYMENTS_HANDOFF_SECRET";
    public static final String PAYMENTS_STRIPE_TIMEOUT_MS = "PAYMENTS_STRIPE_TIMEOUT_MS";
    public static final String PAYMENTS_STRIPE_RETRIES = "PAYMENTS_STRIPE_RETRIES";
    public static final String PAYMENTS_RECONCILE_CATCH_UP_MINUTES = "PAYMENTS_RECONCILE_CATCH_UP_MINUTES";
    public static final String PAYMENTS_RECONCILE_DRIFT_HOURS = "PAYMENTS_RECONCILE_DRIFT_HOURS";
    public static final String PAYMENTS_RECONCILE_OVERLAP_MINUTES = "PAYMENTS_RECONCILE_OVERLAP_MINUTES";
    public static final String PAYMENTS_RECONCILE_FROM = "PAYMENTS_RECONCILE_FROM";
    public static final String PAYMENTS_RECONCILE_RATE = "PAYMENTS_RECONCILE_RATE";
    public static final String PAYMENTS_RECONCILE_LEASE_SECONDS = "PAYMENTS_RECONCILE_LEASE_SECONDS";
    public static final String PAYMENTS_ADMIN_TIME_ZONE = "PAYMENTS_ADMIN_TIME_ZONE";
    public static final String PAYMENTS_STALENESS_MS = "PAYMENTS_STALENESS_MS";
    public static final String PAYMENTS_PRICES_REFRESH_SECONDS = "PAYMENTS_PRICES_REFRESH_SECONDS";

    /** Shortest monitoring token accepted: long enough that guessing it over HTTP is hopeless. */
    static final int MONITORING_TOKEN_MIN_LENGTH = 24;
    /** The HMAC-SHA256 key length; the gate jar's HandOff refuses a shorter secret the same way. */
    static final int HANDOFF_SECRET_MIN_BYTES = 32;

    private final String secretKey;
    private final List<String> webhookSecrets;
    private final StripeMode mode;
    private final Optional<URI> apiBase;
    private final URI appUrl;
    private final String successUrl;
    private final String cancelUrl;
    private final URI portalReturnUrl;
    private final ReturnUrls returnUrls;
    private final boolean allowPromotionCodes;
    private final boolean automaticTax;
    private final boolean taxIdCollection;
    private final PlanCatalog plans;
    private final Optional<String> dataSourceName;
    private final Path dataDir;
    private final int graceDays;
    private final boolean revokeOnRefund;
    private final boolean revokeOnLostDispute;
    private final boolean stripeEntitlements;
    private final int webhookMaxBytes;
    private final Duration unmatchedAfter;
    private final Optional<String> monitoringToken;
    private final Optional<String> handOffSecret;
    private final Duration stripeTimeout;
    private final int stripeRetries;
    private final ReconcileSettings reconcile;
    private final java.time.ZoneId adminTimeZone;
    private final Duration stalenessBound;
    private final PriceRefresh priceRefresh;

    private PaymentsConfig(Reader r) {
        this.secretKey = r.secretKey;
        this.webhookSecrets = r.webhookSecrets;
        this.mode = r.mode;
        this.apiBase = r.apiBase;
        this.appUrl = r.appUrl;
        this.successUrl = r.successUrl;
        this.cancelUrl = r.cancelUrl;
        this.portalReturnUrl = r.portalReturnUrl;
        this.returnUrls = r.returnUrls;
        this.allowPromotionCodes = r.allowPromotionCodes;
        this.automaticTax = r.automaticTax;
        this.taxIdCollection = r.taxIdCollection;
        this.plans = r.plans;
        this.dataSourceName = r.dataSourceName;
        this.dataDir = r.dataDir;
        this.graceDays = r.graceDays;
        this.revokeOnRefund = r.revokeOnRefund;
        this.revokeOnLostDispute = r.revokeOnLostDispute;
        this.stripeEntitlements = r.stripeEntitlements;
        this.webhookMaxBytes = r.webhookMaxBytes;
        this.unmatchedAfter = r.unmatchedAfter;
        this.monitoringToken = r.monitoringToken;
        this.handOffSecret = r.handOffSecret;
        this.stripeTimeout = r.stripeTimeout;
        this.stripeRetries = r.stripeRetries;
        this.reconcile = r.reconcile;
        this.adminTimeZone = r.adminTimeZone;
        this.stalenessBound = r.stalenessBound;
        this.priceRefresh = r.priceRefresh;
    }

    /**
     * Reads and validates every setting.
     *
     * @throws ConfigurationException naming each variable that is missing or malformed
     */
    public static PaymentsConfig load(SettingSource source) {
        Reader reader = new Reader(source);
        reader.readAll();
        if (!reader.problems.isEmpty()) {
            throw new ConfigurationException(reader.problems);
        }
        return new PaymentsConfig(reader);
    }

    public String secretKey() { return secretKey; }
    public List<String> webhookSecrets() { return webhookSecrets; }
    public StripeMode mode() { return mode; }
    public Optional<URI> apiBase() { return apiBase; }
    public URI appUrl() { return appUrl; }
    public String successUrl() { return successUrl; }
    public String cancelUrl() { return cancelUrl; }
    public PlanCatalog plans() { return plans; }
    public Optional<String> dataSourceName() { return dataSourceName; }
    public Path dataDir() { return dataDir; }
    public int graceDays() { return graceDays; }
    public boolean revokeOnRefund() { return revokeOnRefund; }
    public boolean revokeOnLostDispute() { return revokeOnLostDispute; }
    /** Whether Stripe Entitlements features of the customer are merged into its features. */
    public boolean stripeEntitlements() { return stripeEntitlements; }
    public int webhookMaxBytes() { return webhookMaxBytes; }
    public Duration unmatchedAfter() { return unmatchedAfter; }

    /** The access policy these settings describe. */
    public AccessPolicy accessPolicy() {
        return new AccessPolicy(plans, Duration.ofDays(graceDays), revokeOnRefund, revokeOnLostDispute);
    }

    public SyncSettings syncSettings() {
        return new SyncSettings(stripeEntitlements, unmatchedAfter);
    }

    /**
     * The return page under {@code PAYMENTS_APP_URL}, {@code PAYMENTS_CANCEL_URL}, and where the customer portal
     * sends the user back to.
     */
    public CheckoutPages checkoutPages() {
        String base = appUrl.toString().replaceAll("/+$", "");
        return new CheckoutPages(base + "/billing/return?session_id={CHECKOUT_SESSION_ID}", cancelUrl,
                portalReturnUrl.toString());
    }
    /** The app pages a billing form may name to send its user back to ({@code return_to}); none by default. */
    public ReturnUrls returnUrls() { return returnUrls; }
    /** Whether Checkout offers a promotion code field (codes are made in Stripe's Dashboard). */
    public boolean allowPromotionCodes() { return allowPromotionCodes; }
    /** Whether Checkout has Stripe Tax compute the tax, from the address it then asks for. */
    public boolean automaticTax() { return automaticTax; }
    /** Whether Checkout lets a business buyer give its tax ID (and company name). */
    public boolean taxIdCollection() { return taxIdCollection; }
    /** The Bearer token that lets a monitoring system read /health's details; empty = only the admin role. */
    public Optional<String> monitoringToken() { return monitoringToken; }
    /** The secret an app with its own login signs hand-offs with; empty = only container security names users. */
    public Optional<String> handOffSecret() { return handOffSecret; }
    /** The connect time-out and, separately, the read time-out of every call to Stripe. */
    public Duration stripeTimeout() { return stripeTimeout; }
    /** How often stripe-java repeats a call that failed on the network, a 409, a 429 or a 5xx. */
    public int stripeRetries() { return stripeRetries; }

    public ReconcileSettings reconcileSettings() { return reconcile; }

    /** The time zone the admin console shows dates in (a browser's language is not a time zone); default UTC. */
    public java.time.ZoneId adminTimeZone() { return adminTimeZone; }

    /**
     * The gate's staleness bound as the console explains it: the same setting the gate reads (default 1000 ms);
     * the gate in an app may be configured apart, by its own context-param.
     */
    public Duration stalenessBound() { return stalenessBound; }

    /** How long prices read from Stripe are shown before Stripe is asked again; default 300 s. */
    public PriceRefresh priceRefresh() { return priceRefresh; }

    @Override
    public String toString() {
        return "PaymentsConfig[mode=" + mode.label() + ", appUrl=" + appUrl + ", apiBase="
                + apiBase.map(URI::toString).orElse("stripe") + ", plans=" + plans.planNames()
                + ", webhookSecrets=" + webhookSecrets.size() + "]";
    }

    /** Collects every problem instead of stopping at the first, so one failed start shows them all. */
    private static final class Reader {
        private final SettingSource source;
        private final List<String> problems = new ArrayList<>();

        String secretKey;
        List<String> webhookSecrets = List.of();
        StripeMode mode = StripeMode.TEST;
        Optional<URI> apiBase = Optional.empty();
        URI appUrl;
        String successUrl;
        String cancelUrl;
        URI portalReturnUrl;
        ReturnUrls returnUrls = ReturnUrls.NONE;
        boolean allowPromotionCodes;
        boolean automaticTax;
        boolean taxIdCollection;
        PlanCatalog plans = PlanCatalog.empty();
        Optional<String> dataSourceName;
        Path dataDir;
        int graceDays;
        boolean revokeOnRefund;
        boolean revokeOnLostDispute;
        boolean stripeEntitlements;
        int webhookMaxBytes;
        Duration unmatchedAfter;
        Optional<String> monitoringToken = Optional.empty();
        Optional<String> handOffSecret = Optional.empty();
        Duration stripeTimeout;
        int stripeRetries;
        ReconcileSettings reconcile;
        java.time.ZoneId adminTimeZone = java.time.ZoneId.of("UTC");
        Duration stalenessBound;
        PriceRefresh priceRefresh;

        Reader(SettingSource source) {
            this.source = source;
        }

        void readAll() {
            readKeys();
            readWebhookSecrets();
            apiBase = source.get(STRIPE_API_BASE).flatMap(value -> absoluteUrl(STRIPE_API_BASE, value));
            appUrl = source.get(PAYMENTS_APP_URL).flatMap(value -> absoluteUrl(PAYMENTS_APP_URL, value))
                    .orElse(null);
            if (appUrl == null && !source.get(PAYMENTS_APP_URL).isPresent()) {
                problems.add(PAYMENTS_APP_URL + " is not set: give the public URL of the payments WAR, "
                        + "e.g. https://shop.example.com/payments");
            }
            if (appUrl != null && mode == StripeMode.LIVE && !"https".equals(appUrl.getScheme())) {
                problems.add(PAYMENTS_APP_URL + " must be https in live mode");
            }
            successUrl = source.get(PAYMENTS_SUCCESS_URL).orElse("/");
            cancelUrl = source.get(PAYMENTS_CANCEL_URL).orElse("/");
            readPortalReturnUrl();
            readReturnUrls();
            allowPromotionCodes = yesNo(PAYMENTS_ALLOW_PROMOTION_CODES, false);
            automaticTax = yesNo(PAYMENTS_AUTOMATIC_TAX, false);
            taxIdCollection = yesNo(PAYMENTS_TAX_ID_COLLECTION, false);
            readPlans();
            dataSourceName = source.get(PAYMENTS_DATASOURCE);
            dataDir = Path.of(source.get(PAYMENTS_DATA_DIR)
                    .orElse(System.getProperty("user.home") + "/.tollgate"));
            graceDays = nonNegativeInt(PAYMENTS_GRACE_DAYS, 3);
            revokeOnRefund = yesNo(PAYMENTS_REVOKE_ON_REFUND, true);
            revokeOnLostDispute = yesNo(PAYMENTS_REVOKE_ON_LOST_DISPUTE, true);
            stripeEntitlements = yesNo(PAYMENTS_STRIPE_ENTITLEMENTS, false);
            webhookMaxBytes = nonNegativeInt(PAYMENTS_WEBHOOK_MAX_BYTES, 1024 * 1024);
            unmatchedAfter = Duration.ofSeconds(nonNegativeInt(PAYMENTS_UNMATCHED_AFTER_SECONDS, 3600));
            readMonitoringToken();
            readHandOffSecret();
            stripeTimeout = Duration.ofMillis(nonNegativeInt(PAYMENTS_STRIPE_TIMEOUT_MS, 5000));
            if (stripeTimeout.isZero()) {
                problems.add(PAYMENTS_STRIPE_TIMEOUT_MS + " must be at least 1 (milliseconds); 0 would wait for ever");
            }
            stripeRetries = nonNegativeInt(PAYMENTS_STRIPE_RETRIES, 2);
            readReconcile();
            readAdminTimeZone();
            // The gate validates its own setting; here it only explains, so a value the gate reads otherwise
            // never stops this WAR: anything but a plain number of milliseconds shows the gate's default.
            stalenessBound = Duration.ofMillis(source.get(PAYMENTS_STALENESS_MS).filter(v -> v.matches("\\d{1,9}"))
                    .map(Long::parseLong).orElse(1000L));
            int refreshSeconds = nonNegativeInt(PAYMENTS_PRICES_REFRESH_SECONDS, 300);
            if (refreshSeconds == 0) {
                problems.add(PAYMENTS_PRICES_REFRESH_SECONDS + " must be at least 1 (seconds)");
            }
            priceRefresh = new PriceRefresh(Duration.ofSeconds(Math.max(1, refreshSeconds)));
        }

        private void readAdminTimeZone() {
            source.get(PAYMENTS_ADMIN_TIME_ZONE).ifPresent(value -> {
                try {
                    adminTimeZone = java.time.ZoneId.of(value.trim());
                } catch (java.time.DateTimeException unknown) {
                    problems.add(PAYMENTS_ADMIN_TIME_ZONE + " must be a time zone id such as Europe/Berlin,"
                            + " America/New_York or UTC; it is \"" + value + "\"");
                }
            });
        }

        /** Catch-up hourly and a drift scan daily by default; Stripe paced below its limits (25/s test, 100/s live). */
        private void readReconcile() {
            Optional<Instant> from = source.get(PAYMENTS_RECONCILE_FROM).flatMap(value -> {
                try {
                    return Optional.of(value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC)
                            .toInstant() : Instant.parse(value));
                } catch (DateTimeParseException malformed) {
                    problems.add(PAYMENTS_RECONCILE_FROM + " must be a date (2026-11-01) or an instant"
                            + " (2026-11-01T00:00:00Z), got '" + value + "'");
                    return Optional.empty();
                }
            });
            int rate = nonNegativeInt(PAYMENTS_RECONCILE_RATE, mode == StripeMode.LIVE ? 80 : 20);
            if (rate == 0) {
                problems.add(PAYMENTS_RECONCILE_RATE + " must be at least 1 (Stripe requests per second)");
            }
            int leaseSeconds = nonNegativeInt(PAYMENTS_RECONCILE_LEASE_SECONDS, 60);
            if (leaseSeconds < 5) {
                problems.add(PAYMENTS_RECONCILE_LEASE_SECONDS + " must be at least 5 (seconds)");
            }
            reconcile = new ReconcileSettings(Duration.ofMinutes(nonNegativeInt(PAYMENTS_RECONCILE_OVERLAP_MINUTES, 60)),
                    from, interval(PAYMENTS_RECONCILE_CATCH_UP_MINUTES, Duration.ofMinutes(1), 60),
                    interval(PAYMENTS_RECONCILE_DRIFT_HOURS, Duration.ofHours(1), 24), Math.max(1, rate),
                    Duration.ofSeconds(Math.max(5, leaseSeconds)));
        }

        /**
         * Stripe needs an absolute URL to send the user back from its portal: {@code PAYMENTS_PORTAL_RETURN_URL}, by
         * default {@code PAYMENTS_SUCCESS_URL} taken relative to {@code PAYMENTS_APP_URL} ({@code /} = the site's
         * root).
         */
        private void readPortalReturnUrl() {
            Optional<String> given = source.get(PAYMENTS_PORTAL_RETURN_URL);
            if (given.isPresent()) {
                portalReturnUrl = absoluteUrl(PAYMENTS_PORTAL_RETURN_URL, given.get()).orElse(null);
            } else if (appUrl != null) {
                try {
                    portalReturnUrl = appUrl.resolve(successUrl);
                } catch (IllegalArgumentException malformed) {
                    problems.add(PAYMENTS_SUCCESS_URL + " is not a URL, got '" + successUrl + "'");
                }
            }
        }

        private void readReturnUrls() {
            Optional<String> given = source.get(PAYMENTS_RETURN_URLS);
            if (given.isPresent() && appUrl != null) {
                try {
                    returnUrls = ReturnUrls.parse(given.get(), appUrl);
                } catch (IllegalArgumentException malformed) {
                    problems.add(PAYMENTS_RETURN_URLS + " lists folders of app pages: " + malformed.getMessage());
                }
            }
        }

        private void readMonitoringToken() {
            monitoringToken = source.get(PAYMENTS_MONITORING_TOKEN);
            if (monitoringToken.isPresent() && (monitoringToken.get().length() < MONITORING_TOKEN_MIN_LENGTH
                    || !monitoringToken.get().matches("[\\x21-\\x7e]+"))) {
                // the value itself is a secret: never repeated in the message
                problems.add(PAYMENTS_MONITORING_TOKEN + " must be at least " + MONITORING_TOKEN_MIN_LENGTH
                        + " printable characters without spaces, e.g. from: openssl rand -hex 32");
                monitoringToken = Optional.empty();
            }
        }

        private void readHandOffSecret() {
            handOffSecret = source.get(PAYMENTS_HANDOFF_SECRET).map(String::trim);
            if (handOffSecret.isPresent()
                    && handOffSecret.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    < HANDOFF_SECRET_MIN_BYTES) {
                // the value itself is a secret: never repeated in the message
                problems.add(PAYMENTS_HANDOFF_SECRET + " must be at least " + HANDOFF_SECRET_MIN_BYTES
                        + " bytes, e.g. from: openssl rand -hex 32");
                handOffSecret = Optional.empty();
            }
        }

        private void readKeys() {
            Optional<String> secret = source.get(STRIPE_SECRET_KEY);
            if (secret.isEmpty()) {
                problems.add(STRIPE_SECRET_KEY + " is not set: give the secret key (sk_test_… or sk_live_…) "
                        + "or a restricted key (rk_…)");
                return;
            }
            secretKey = secret.get();
            if (secretKey.startsWith("pk_")) {
                problems.add(STRIPE_SECRET_KEY + " holds a publishable key (pk_…): it must be the secret key "
                        + "(sk_…) or a restricted key (rk_…)");
                return;
            }
            Optional<StripeMode> secretMode = modeOf(secretKey, "sk_", "rk_");
            if (secretMode.isEmpty()) {
                problems.add(STRIPE_SECRET_KEY + " is not a Stripe secret key: expected sk_test_…, sk_live_…, "
                        + "rk_test_… or rk_live_…");
                return;
            }
            mode = secretMode.get();
            source.get(STRIPE_PUBLISHABLE_KEY).ifPresent(publishable -> {
                Optional<StripeMode> publishableMode = modeOf(publishable, "pk_");
                if (publishableMode.isEmpty()) {
                    problems.add(STRIPE_PUBLISHABLE_KEY + " is not a publishable key: expected pk_test_… or pk_live_…");
                } else if (publishableMode.get() != mode) {
                    problems.add(STRIPE_PUBLISHABLE_KEY + " is a " + publishableMode.get().label() + " key but "
                            + STRIPE_SECRET_KEY + " is a " + mode.label() + " key: test and live keys are mixed");
                }
            });
        }

        private static Optional<StripeMode> modeOf(String key, String... prefixes) {
            for (String prefix : prefixes) {
                if (key.startsWith(prefix + "test_") && key.length() > prefix.length() + 5) {
                    return Optional.of(StripeMode.TEST);
                }
                if (key.startsWith(prefix + "live_") && key.length() > prefix.length() + 5) {
                    return Optional.of(StripeMode.LIVE);
                }
            }
            return Optional.empty();
        }

        private void readWebhookSecrets() {
            Optional<String> raw = source.get(STRIPE_WEBHOOK_SECRET);
            if (raw.isEmpty()) {
                problems.add(STRIPE_WEBHOOK_SECRET + " is not set: give the endpoint's signing secret (whsec_…); "
                        + "without it no webhook can be trusted");
                return;
            }
            List<String> secrets = Arrays.stream(raw.get().split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (secrets.isEmpty() || secrets.stream().anyMatch(s -> !s.startsWith("whsec_") || s.length() < 10)) {
                problems.add(STRIPE_WEBHOOK_SECRET + " must be one or more comma-separated signing secrets, "
                        + "each starting with whsec_");
                return;
            }
            webhookSecrets = secrets;
        }

        private void readPlans() {
            Optional<String> raw = source.get(PAYMENTS_PLANS);
            if (raw.isEmpty()) {
                problems.add(PAYMENTS_PLANS + " is not set: give the price catalog, e.g. "
                        + "pro=price_pro_monthly;basic=price_basic_monthly, or a properties file path");
                return;
            }
            try {
                plans = PlanCatalog.parse(raw.get());
            } catch (IllegalArgumentException malformed) {
                problems.add(PAYMENTS_PLANS + " is malformed: " + malformed.getMessage());
            }
        }

        private Optional<URI> absoluteUrl(String name, String value) {
            try {
                URI uri = URI.create(value);
                if (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (IllegalArgumentException malformed) {
                // reported below
            }
            problems.add(name + " must be an absolute http(s) URL, got '" + value + "'");
            return Optional.empty();
        }

        private boolean yesNo(String name, boolean defaultValue) {
            Optional<String> raw = source.get(name);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            if ("true".equalsIgnoreCase(raw.get()) || "false".equalsIgnoreCase(raw.get())) {
                return Boolean.parseBoolean(raw.get());
            }
            problems.add(name + " must be true or false, got '" + raw.get() + "'");
            return defaultValue;
        }

        /**
         * A reconcile interval in {@code unit}s, fractions allowed ({@code 0.5}), so a test or an impatient operator
         * can run a job every few seconds; 0 means only when asked; anything else must come to a second at least.
         */
        private Duration interval(String name, Duration unit, int defaultUnits) {
            Optional<String> raw = source.get(name);
            if (raw.isEmpty()) {
                return unit.multipliedBy(defaultUnits);
            }
            try {
                BigDecimal units = new BigDecimal(raw.get().trim());
                long millis = units.multiply(BigDecimal.valueOf(unit.toMillis())).setScale(0, RoundingMode.HALF_UP)
                        .longValueExact();
                if (millis == 0 && units.signum() == 0 || millis >= 1000) {
                    return Duration.ofMillis(millis);
                }
            } catch (NumberFormatException | ArithmeticException malformed) {
                // reported below
            }
            problems.add(name + " must be 0 (only when asked) or a number that comes to a second at least"
                    + " (fractions allowed: 0.5), got '" + raw.get() + "'");
            return unit.multipliedBy(defaultUnits);
        }

        private int nonNegativeInt(String name, int defaultValue) {
            Optional<String> raw = source.get(name);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            try {
                int value = Integer.parseInt(raw.get());
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException malformed) {
                // reported below
            }
            problems.add(name + " must be a whole number ≥ 0, got '" + raw.get() + "'");
            return defaultValue;
        }
    }
}
