package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.model.StripeMode;
import dev.tollgate.payments.domain.service.DriftRepository;
import dev.tollgate.payments.domain.service.ReconcileRunRepository;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The console's first page: what is wrong with this deployment, as banners an admin can act on (red: money is
 * not reaching access now; amber: look soon), from the event log and the reconcile runs. Reads only.
 */
@Stateless
@Dependent
@Transactional
public class ConsoleOverview {

    /** The window of the event banners. */
    public static final Duration RECENT = Duration.ofHours(24);
    private static final int RECENT_RUNS = 100;

    @Inject
    WebhookEventRepository events;

    @Inject
    DriftRepository drifts;

    @Inject
    ReconcileRunRepository runs;

    @Inject
    StripeMode mode;

    @Inject
    Clock clock;

    @Inject
    EndpointWatch endpointWatch;

    @Inject
    StripeKeyPermissions keyPermissions;

    /** How urgent a banner is. */
    public enum Level { RED, AMBER, GREEN }

    /** One finding, with where to act on it ({@code link} relative to the console, e.g. {@code events?status=failed}). */
    public record Banner(Level level, String text, String link) {
    }

    /**
     * @param refusedDeliveries deliveries refused before they could be logged (bad signature), on this node
     * @param webhookUrl        where Stripe must send this deployment's events
     */
    public List<Banner> diagnose(long refusedDeliveries, String webhookUrl) {
        Instant since = clock.instant().minus(RECENT);
        List<Banner> banners = new ArrayList<>();
        long refused = events.countWithStatusSince(EventStatus.REFUSED, since);
        if (refused > 0) {
            banners.add(new Banner(Level.RED, refused + " event(s) in the last 24 h came in the other mode and were"
                    + " refused: this endpoint runs in " + mode.label() + " mode, Stripe sent "
                    + (mode == StripeMode.TEST ? "live" : "test") + " events (a test/live mix-up of keys or"
                    + " endpoints).", "events?status=refused"));
        }
        if (refusedDeliveries > 0) {
            banners.add(new Banner(Level.RED, refusedDeliveries + " webhook deliveries were refused since this node"
                    + " started (bad signature or unreadable body): check STRIPE_WEBHOOK_SECRET against the"
                    + " endpoint's signing secret.", ""));
        }
        long failed = events.countWithStatusSince(EventStatus.FAILED, since);
        if (failed > 0) {
            banners.add(new Banner(Level.RED, failed + " event(s) failed in the last 24 h: Stripe retries them;"
                    + " replay them once the cause is fixed.", "events?status=failed"));
        }
        long unmatched = events.countWithStatusSince(EventStatus.UNMATCHED, since);
        if (unmatched > 0) {
            banners.add(new Banner(Level.AMBER, unmatched + " event(s) in the last 24 h named a customer that"
                    + " matches no user.", "events?status=unmatched"));
        }
        long openDrift = drifts.countOpen();
        if (openDrift > 0) {
            banners.add(new Banner(Level.AMBER, openDrift + " difference(s) from Stripe found by a drift scan are"
                    + " not healed.", "reconcile"));
        }
        banners.addAll(endpointBanners(endpointWatch.observe(webhookUrl)));
        for (String lacking : keyPermissions.problems()) {
            banners.add(new Banner(Level.RED, capitalized(lacking) + ".", null));
        }
        List<ReconcileRun> recent = runs.recent(RECENT_RUNS);
        for (ReconcileJob job : ReconcileJob.values()) {
            banners.add(lastRun(job, recent.stream().filter(run -> run.job() == job).findFirst()));
        }
        return banners;
    }

    /**
     * The endpoint's problems (red; amber when its only doubt is a version left to the account's default), or that
     * Stripe could not be asked (amber), or that it is in order (green).
     */
    private static List<Banner> endpointBanners(EndpointWatch.Observation seen) {
        if (seen.check() == null) {
            return List.of(new Banner(Level.AMBER, seen.failure(), "endpoint"));
        }
        if (seen.check().isOk()) {
            return List.of(new Banner(Level.GREEN, "Stripe's webhook endpoint sends every event type Tollgate handles"
                    + " at " + seen.check().pinnedVersion() + " (checked " + seen.at() + ").", "endpoint"));
        }
        Level level = seen.check().isOnlyVersionUnknown() ? Level.AMBER : Level.RED;
        return seen.check().problems().stream().map(problem -> new Banner(level, problem, "endpoint")).toList();
    }

    private static String capitalized(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    private static Banner lastRun(ReconcileJob job, Optional<ReconcileRun> last) {
        if (last.isEmpty()) {
            return new Banner(Level.AMBER, "No " + job.dbValue() + " has run yet.", "reconcile");
        }
        ReconcileRun run = last.get();
        return switch (run.status()) {
            case FAILED -> new Banner(Level.RED, "The last " + job.dbValue() + " (run " + run.id() + ") failed: "
                    + run.lastError().orElse("no error kept"), "reconcile");
            case RUNNING -> new Banner(Level.AMBER, "A " + job.dbValue() + " (run " + run.id() + ") is running or"
                    + " was interrupted; it resumes at the next run.", "reconcile");
            default -> new Banner(Level.GREEN, "The last " + job.dbValue() + " (run " + run.id() + ") completed: "
                    + run.seen() + " seen, " + run.applied() + " applied, " + run.healed() + " healed.", "reconcile");
        };
    }
}
