package dev.tollgate.web.admin;

import dev.tollgate.payments.application.EndpointSetup.EndpointFix;
import dev.tollgate.payments.domain.model.EndpointCheck;
import dev.tollgate.payments.domain.model.WebhookEndpoint;
import java.util.List;

/** The endpoint check and set-up as the console page and the JSON API show them (getters for the JSP's EL). */
public final class EndpointViews {

    private EndpointViews() {
    }

    /** What Stripe's endpoint for this deployment's URL lacks; {@code ok} when nothing. */
    public record CheckView(String url, String pinnedApiVersion, boolean ok, EndpointView endpoint,
                     List<String> missingTypes, List<String> problems, List<EndpointView> otherEndpoints,
                     String csrfToken) {

        public String getUrl() { return url; }
        public String getPinnedApiVersion() { return pinnedApiVersion; }
        public boolean isOk() { return ok; }
        public EndpointView getEndpoint() { return endpoint; }
        public List<String> getProblems() { return problems; }
        public String getCsrfToken() { return csrfToken; }
    }

    /** One of Stripe's endpoints; {@code apiVersion} null when it follows the account's default. */
    public record EndpointView(String id, String apiVersion, boolean enabled, List<String> enabledEvents) {

        public String getId() { return id; }
        public String getApiVersion() { return apiVersion; }
        public boolean isEnabled() { return enabled; }
        public int getEventTypeCount() { return enabledEvents.size(); }
    }

    /**
     * What a set-up did; {@code newSecret} only in the one answer to the request that created the endpoint.
     */
    public record SetUpView(List<String> done, String newSecret, String instruction, CheckView after) {

        public List<String> getDone() { return done; }
        public String getNewSecret() { return newSecret; }
        public String getInstruction() { return instruction; }
    }

    static CheckView of(EndpointCheck check, String csrfToken) {
        return new CheckView(check.url(), check.pinnedVersion(), check.isOk(),
                check.endpoint().map(EndpointViews::of).orElse(null), check.missingTypes(), check.problems(),
                check.others().stream().map(EndpointViews::of).toList(), csrfToken);
    }

    static SetUpView of(EndpointFix fix, String csrfToken) {
        return new SetUpView(fix.done(), fix.newSecret().orElse(null), fix.instruction().orElse(null),
                of(fix.after(), csrfToken));
    }

    private static EndpointView of(WebhookEndpoint endpoint) {
        return new EndpointView(endpoint.id(), endpoint.apiVersion().orElse(null), endpoint.enabled(),
                endpoint.enabledEvents());
    }
}
