package dev.tollgate.emulator.http;

import java.time.Duration;
import dev.tollgate.emulator.state.FaultSpec;
import java.util.Random;

/**
 * A hostile API, for testing a client's retries: a rate limit (Stripe's test mode allows 25 requests per
 * second), a share of requests answered 500, a share answered only after a delay long enough for the client
 * to time out (the request is carried out first — as when Stripe's answer is lost on the way), and "the next N"
 * of each for exact tests. Shares are drawn from a generator seeded by {@code seed}, in request order.
 */
public final class ApiFaults {
    /** Stripe's limit in test mode: requests per second. */
    public static final int TEST_MODE_RATE_LIMIT = 25;

    /** What happens to one request. */
    public enum Decision { NONE, RATE_LIMITED, SERVER_ERROR, SLOW_ANSWER }

    /** The settings; see {@link #parse}. */
    public record Settings(long seed, int rateLimitPerSecond, double errors, double timeouts, Duration timeout,
            int errorsNext, int timeoutsNext, String pathPrefix) {
        public static final Settings NONE = new Settings(0, 0, 0, 0, Duration.ofSeconds(5), 0, 0, "/v1/");

        public Settings {
            if (rateLimitPerSecond < 0 || errors < 0 || errors > 1 || timeouts < 0 || timeouts > 1
                    || timeout.isNegative() || errorsNext < 0 || timeoutsNext < 0 || !pathPrefix.startsWith("/v1/")) {
                throw new IllegalArgumentException("API fault settings out of range");
            }
        }
    }

    private Settings settings = Settings.NONE;
    private Random random = new Random(0);
    private int errorsLeft;
    private int timeoutsLeft;
    private double tokens;
    private long lastRefillNanos = System.nanoTime();

    /** Applies new settings; "next N" counters start again. */
    public synchronized void configure(Settings newSettings) {
        this.settings = newSettings;
        this.random = new Random(newSettings.seed());
        this.errorsLeft = newSettings.errorsNext();
        this.timeoutsLeft = newSettings.timeoutsNext();
        this.tokens = newSettings.rateLimitPerSecond();
        this.lastRefillNanos = System.nanoTime();
    }

    public synchronized Settings settings() {
        return settings;
    }

    /** How long a slow answer waits. */
    public synchronized Duration slowAnswerDelay() {
        return settings.timeout();
    }

    /** Decides the fate of the next API request, to {@code path}; only paths under the settings' prefix meet faults. */
    public synchronized Decision next(String path) {
        if (!path.startsWith(settings.pathPrefix())) {
            return Decision.NONE;
        }
        if (settings.rateLimitPerSecond() > 0 && !takeToken()) {
            return Decision.RATE_LIMITED;
        }
        if (errorsLeft > 0) {
            errorsLeft--;
            return Decision.SERVER_ERROR;
        }
        if (timeoutsLeft > 0) {
            timeoutsLeft--;
            return Decision.SLOW_ANSWER;
        }
        double errorDraw = random.nextDouble();
        double timeoutDraw = random.nextDouble();
        if (errorDraw < settings.errors()) {
            return Decision.SERVER_ERROR;
        }
        return timeoutDraw < settings.timeouts() ? Decision.SLOW_ANSWER : Decision.NONE;
    }

    /** A token bucket holding one second's worth of requests. */
    private boolean takeToken() {
        long now = System.nanoTime();
        int rate = settings.rateLimitPerSecond();
        tokens = Math.min(rate, tokens + (now - lastRefillNanos) / 1e9 * rate);
        lastRefillNanos = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** True for the keys {@link #parse} understands, so a combined fault spec can be split. */
    public static boolean isApiKey(String key) {
        return switch (key) {
            case "rate_limit", "api_errors", "api_timeouts", "api_timeout", "api_errors_next", "api_timeouts_next",
                    "api_seed", "api_path" -> true;
            default -> false;
        };
    }

    /**
     * Reads {@code rate_limit=on|N,api_errors=0.1,api_timeouts=0.05,api_timeout=3s,api_errors_next=2,
     * api_timeouts_next=1,api_seed=7,api_path=/v1/customers}; missing keys are off; {@code api_path} limits every
     * API fault to the requests whose path starts with it (default: all of {@code /v1/}).
     */
    public static Settings parse(String spec) {
        return FaultSpec.fold(spec, Settings.NONE, (s, key, value) -> switch (key) {
            case "api_seed" -> new Settings(Long.parseLong(value), s.rateLimitPerSecond(), s.errors(),
                    s.timeouts(), s.timeout(), s.errorsNext(), s.timeoutsNext(), s.pathPrefix());
            case "rate_limit" -> new Settings(s.seed(), rate(value), s.errors(), s.timeouts(),
                    s.timeout(), s.errorsNext(), s.timeoutsNext(), s.pathPrefix());
            case "api_errors" -> new Settings(s.seed(), s.rateLimitPerSecond(), Double.parseDouble(value),
                    s.timeouts(), s.timeout(), s.errorsNext(), s.timeoutsNext(), s.pathPrefix());
            case "api_timeouts" -> new Settings(s.seed(), s.rateLimitPerSecond(), s.errors(),
                    Double.parseDouble(value), s.timeout(), s.errorsNext(), s.timeoutsNext(), s.pathPrefix());
            case "api_timeout" -> new Settings(s.seed(), s.rateLimitPerSecond(), s.errors(), s.timeouts(),
                    FaultSpec.duration(value), s.errorsNext(), s.timeoutsNext(), s.pathPrefix());
            case "api_errors_next" -> new Settings(s.seed(), s.rateLimitPerSecond(), s.errors(),
                    s.timeouts(), s.timeout(), Integer.parseInt(value), s.timeoutsNext(), s.pathPrefix());
            case "api_timeouts_next" -> new Settings(s.seed(), s.rateLimitPerSecond(), s.errors(),
                    s.timeouts(), s.timeout(), s.errorsNext(), Integer.parseInt(value), s.pathPrefix());
            case "api_path" -> new Settings(s.seed(), s.rateLimitPerSecond(), s.errors(), s.timeouts(),
                    s.timeout(), s.errorsNext(), s.timeoutsNext(), value);
            default -> throw new IllegalArgumentException("unknown API fault '" + key + "'");
        });
    }

    /** {@code on} (or {@code true}) is Stripe's test-mode limit, 25 per second; {@code off} is none. */
    private static int rate(String value) {
        return switch (value) {
            case "on", "true" -> TEST_MODE_RATE_LIMIT;
            case "off", "false" -> 0;
            default -> Integer.parseInt(value);
        };
    }

}
