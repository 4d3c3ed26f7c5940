package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.model.ReconcileSettings;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.service.WebhookVerification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The order in which a catch-up applies what it lists, with Stripe scripted: Stripe lists newest first, and a
 * change whose events a page boundary splits is applied whole, oldest first, so its subscription's event comes
 * before the ones that would otherwise ask Stripe for it; progress names the oldest event applied.
 */
class CatchUpTest {

    private static final Instant T = Instant.parse("2026-12-03T08:00:00Z");

    private final ScriptedStripe stripe = new ScriptedStripe();
    private final List<String> applied = new ArrayList<>();
    private final List<String> savedProgress = new ArrayList<>();

    @Test
    void aChangeSplitByAPageBoundaryIsAppliedWholeOldestFirst() {
        // three checkouts a minute apart, four events each, one second apart; pages of three split each of them
        for (int checkout = 0; checkout < 3; checkout++) {
            for (int event = 0; event < 4; event++) {
                stripe.events.add(event("evt_" + checkout + event, T.plusSeconds(60L * checkout + event),
                        "cus_" + checkout));
            }
        }
        stripe.pageSize = 3;
        ReconcileRun run = run();

        catchUp().run(run, lease(), stripe.politely(20), change -> { });

        assertEquals(List.of("evt_20", "evt_21", "evt_22", "evt_23", "evt_10", "evt_11", "evt_12", "evt_13",
                "evt_00", "evt_01", "evt_02", "evt_03"), applied);
        assertEquals(Arrays.asList(null, "evt_20", "evt_10", "evt_00"), savedProgress,
                "after each page: the oldest event applied so far; a resumed run lists the held ones again");
        assertEquals(4, stripe.calls, "one call per page, no fetch");
        assertEquals(12, run.seen(), "each event counted once, when it is dealt with");
    }

    /**
     * A burst: 200 checkouts within two seconds, their four events each interleaved two by two, as concurrent
     * checkouts' are; more than {@link CatchUp#MOST_HELD} would wait by time, so only the customers of the last
     * page's worth do, and still every checkout is applied whole, oldest first, with progress from the fourth page.
     */
    @Test
    void inABurstOnlyTheLastListedWaitAndEveryChangeStaysWhole() {
        for (int pair = 0; pair < 100; pair++) {
            for (int event = 0; event < 4; event++) {
                for (int checkout = 2 * pair; checkout < 2 * pair + 2; checkout++) {
                    stripe.events.add(event(String.format("evt_%03d_%d", checkout, event), T.plusSeconds(pair / 50),
                            "cus_" + checkout));
                }
            }
        }

        catchUp().run(run(), lease(), stripe.politely(20), change -> { });

        assertEquals(800, applied.size());
        for (int checkout = 0; checkout < 200; checkout++) {
            String prefix = String.format("evt_%03d_", checkout);
            List<Integer> places = new ArrayList<>();
            for (int event = 0; event < 4; event++) {
                places.add(applied.indexOf(prefix + event));
            }
            assertEquals(places.stream().sorted().toList(), places, "checkout " + checkout + " oldest first");
            assertTrue(places.get(3) - places.get(0) < 8, "checkout " + checkout + " applied whole: " + places);
        }
        assertEquals(8, savedProgress.size(), "one save per page");
        assertTrue(savedProgress.stream().skip(3).allMatch(Objects::nonNull),
                "progress from the fourth page on: " + savedProgress);
    }

    private CatchUp catchUp() {
        CatchUp catchUp = new CatchUp();
        catchUp.stripe = stripe;
        catchUp.books = books();
        catchUp.clock = Clock.fixed(T.plusSeconds(600), ZoneOffset.UTC);
        catchUp.settings = new ReconcileSettings(Duration.ofMinutes(60), Optional.of(T.minusSeconds(3600)),
                Duration.ZERO, Duration.ZERO, 20, Duration.ofSeconds(60));
        catchUp.intake = new WebhookIntake() {
            @Override
            public WebhookReceipt receiveListed(StripeEvent event) {
                applied.add(event.id());
                return new WebhookReceipt.Acknowledged("processed", List.of());
            }
        };
        catchUp.endpoint = new WebhookVerification() {
            @Override public StripeEvent verify(String payload, String signatureHeader) { throw new AssertionError(); }
            @Override public StripeEvent readLogged(String payload) { throw new AssertionError(); }
            @Override public boolean liveMode() { return false; }
        };
        return catchUp;
    }

    private ReconcileRun run() {
        return ReconcileRun.starting(ReconcileJob.CATCH_UP, "a", false, T.plusSeconds(600));
    }

    private JobLease lease() {
        return JobLease.take(books(), ReconcileJob.CATCH_UP, "a", Duration.ofSeconds(60),
                Clock.fixed(T.plusSeconds(600), ZoneOffset.UTC)).orElseThrow();
    }

    /** Bookkeeping that always holds the lease, logged nothing before, and notes the progress of each save. */
    private ReconcileBookkeeping books() {
        return new ReconcileBookkeeping() {
            @Override public boolean acquire(ReconcileJob job, String holder, Instant now, Instant until) {
                return true;
            }
            @Override public boolean renew(ReconcileJob job, String holder, Instant until) {
                return true;
            }
            @Override public boolean saveWhileHolding(ReconcileRun run, String holder, Instant until) {
                savedProgress.add(run.progress().orElse(null));
                return true;
            }
            @Override public Optional<Instant> catchUpCheckpoint() {
                return Optional.empty();
            }
            @Override public Set<String> logged(Collection<String> eventIds) {
                return Set.of();
            }
        };
    }

    private static StripeEvent event(String id, Instant created, String customer) {
        return new StripeEvent(id, "invoice.paid", false, created, "in_" + id, "invoice", Optional.of(customer),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "{}");
    }
}
