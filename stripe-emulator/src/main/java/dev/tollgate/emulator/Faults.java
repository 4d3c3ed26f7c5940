package dev.tollgate.emulator;

import dev.tollgate.emulator.delivery.FaultPlan;
import dev.tollgate.emulator.http.ApiFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One fault spec for both sides, as the command line, the environment and the control surface take it:
 * API keys ({@code rate_limit}, {@code api_*}) go to {@link ApiFaults}, the rest to the webhook {@link FaultPlan}.
 */
record Faults(FaultPlan webhooks, ApiFaults.Settings api) {

    static Faults parse(String spec) {
        List<String> webhookPairs = new ArrayList<>();
        List<String> apiPairs = new ArrayList<>();
        if (spec != null) {
            for (String pair : spec.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')).trim() : pair.trim();
                (ApiFaults.isApiKey(key.toLowerCase(Locale.ROOT)) ? apiPairs : webhookPairs).add(pair);
            }
        }
        return new Faults(FaultPlan.parse(String.join(",", webhookPairs)),
                ApiFaults.parse(String.join(",", apiPairs)));
    }

    static String describe(ApiFaults.Settings api) {
        return "rate_limit=" + api.rateLimitPerSecond() + ",api_errors=" + api.errors() + ",api_timeouts="
                + api.timeouts() + ",api_timeout=" + api.timeout().toMillis() + "ms,api_seed=" + api.seed()
                + ",api_path=" + api.pathPrefix();
    }
}
