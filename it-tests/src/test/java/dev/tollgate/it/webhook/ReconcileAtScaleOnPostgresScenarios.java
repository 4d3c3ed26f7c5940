package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.emulator.delivery.FaultPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The "Done when", at its size: with the emulator dropping 30 % of the webhooks, 1,000 customers
 * ({@code -Dreconcile.scale.customers}) pay on PostgreSQL — most for pro, every tenth for basic, and every seventh
 * cancels at once — then one catch-up brings every customer to Stripe's state: the status Stripe gives the
 * subscription, its plan while it pays, access exactly then. The figures are printed. About 50 s on the 2-core
 * build machine, most of it the customers paying.
 */
class ReconcileAtScaleOnPostgresScenarios {

    private static final int PAYERS = 8;
    private static final double DROPPED = 0.3;

    @Test
    void oneCatchUpBringsEveryCustomerToStripesStateWithAThirdOfTheWebhooksLost() throws Exception {
        int size = Integer.getInteger("reconcile.scale.customers", 1000);
        try (WebhookStage stage = WebhookStage.start(DemoDatabase.Kind.POSTGRESQL,
                WebhookStage::reconcilingOnlyWhenAsked)) {
            Rows rows = stage.rows();
            long setUp = System.nanoTime();
            stage.emulator().webhookFaults(FaultPlan.seeded(17).dropping(DROPPED));
            List<WebhookStage.Subscriber> customers;
            try {
                customers = payInParallel(stage, size);
            } finally {
                stage.emulator().webhookFaults(FaultPlan.NONE);
            }
            int behind = 0;
            for (WebhookStage.Subscriber customer : customers) {
                behind += matchesStripe(stage, rows, customer).isEmpty() ? 0 : 1;
            }
            System.out.printf("%,d customers paid in %.0f s, %.0f %% of webhooks dropped: %,d not at Stripe's state%n",
                    size, (System.nanoTime() - setUp) / 1e9, DROPPED * 100, behind);
            assertTrue(behind > 0, "dropped webhooks left customers behind Stripe, or this proves nothing");

            JsonObject run = new AdminApi(stage.webhookUrl().resolve(".."), Duration.ofMinutes(30))
                    .postOk("reconcile/catch-up", "").getAsJsonObject("run");

            double seconds = Duration.between(Instant.parse(run.get("startedAt").getAsString()),
                    Instant.parse(run.get("finishedAt").getAsString())).toNanos() / 1e9;
            System.out.printf("catch-up: %,d events listed, %,d applied in %.1f s (%,.0f events/s), %d Stripe calls%n",
                    run.get("seen").getAsLong(), run.get("applied").getAsLong(), seconds,
                    run.get("seen").getAsLong() / seconds, run.get("stripeCalls").getAsLong());
            assertEquals("completed", run.get("status").getAsString(), run.toString());
            List<String> wrong = new ArrayList<>();
            for (WebhookStage.Subscriber customer : customers) {
                matchesStripe(stage, rows, customer).ifPresent(wrong::add);
            }
            assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size()
                    + " customers differ from Stripe after one catch-up");
        }
    }

    private static Optional<String> matchesStripe(WebhookStage stage, Rows rows, WebhookStage.Subscriber customer)
            throws Exception {
        return StripeTruth.differenceFromStripe(stage.stripe(), rows, customer.user(), customer.subscriptionId());
    }

    private static List<WebhookStage.Subscriber> payInParallel(WebhookStage stage, int size) throws Exception {
        ExecutorService payers = Executors.newFixedThreadPool(PAYERS);
        try {
            List<Future<WebhookStage.Subscriber>> paying = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int number = i;
                String user = String.format("scale%05d", i);
                paying.add(payers.submit(() -> {
                    WebhookStage.Subscriber subscriber = stage.subscribe(user, number % 10 == 9
                            ? "price_basic_monthly" : StripeEvents.PRO_PRICE, PaidCheckouts.PAYING_CARD, null);
                    if (number % 7 == 3) {
                        stage.stripe().v1().subscriptions().cancel(subscriber.subscriptionId());
                    }
                    return subscriber;
                }));
            }
            List<WebhookStage.Subscriber> paid = new ArrayList<>();
            for (Future<WebhookStage.Subscriber> each : paying) {
                paid.add(each.get(10, TimeUnit.MINUTES));
            }
            return paid;
        } finally {
            payers.shutdownNow();
        }
    }
}
