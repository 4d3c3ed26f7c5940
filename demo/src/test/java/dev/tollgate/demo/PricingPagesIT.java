package dev.tollgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.StripeClient;
import com.stripe.model.Price;
import com.stripe.param.PriceCreateParams;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample app's pricing and credits pages over HTTP against the real embedded Tomcat: the plans with the
 * emulator's prices (through the gate jar's {@code Prices} and the payments WAR's {@code /billing/prices}), a price
 * changed in Stripe shown without a restart, and a user's credits: balance, ledger and the pack to buy, bought. The
 * catalog names the plans by lookup key here, so that a new price taking over the key changes what the page shows;
 * the order matters only because the change comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PricingPagesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    private static DemoServer demo;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoServer.start(DemoOptions.defaults().onPorts(0, 0).withDataDir(dataDir)
                .withSetting("PAYMENTS_PLANS", "basic=basic_monthly;pro=pro_monthly;credits:100=price_credits_100")
                .withSetting("PAYMENTS_PRICES_REFRESH_SECONDS", "1"));
        demo.addUser("carol");
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    @Order(1)
    void thePricingPageShowsTheEmulatorsPricesToAnyone() throws Exception {
        HttpResponse<String> pricing = new Browser(demo.appUrl()).get("/pricing");

        assertEquals(200, pricing.statusCode(), pricing.body());
        String page = pricing.body();
        assertTrue(page.contains("<span class=\"price\" id=\"price-basic\">9.00 USD</span>"), page);
        assertTrue(page.contains("<span class=\"price\" id=\"price-pro\">29.00 USD</span>"), page);
        assertTrue(page.contains("a month"), page);
        assertTrue(page.contains("value=\"price_basic_monthly\"") && page.contains("value=\"price_pro_monthly\""),
                "the forms post the ids Stripe gave for the lookup keys");
        assertTrue(page.indexOf("id=\"subscribe-basic\"") < page.indexOf("id=\"subscribe-pro\""),
                "in the catalog's order");
        assertFalse(page.contains("$9") || page.contains("$29"), "nothing hard-coded");
        assertFalse(page.contains("prices-unavailable"), page);
    }

    @Test
    @Order(2)
    void theCreditsPageShowsTheBalanceTheLedgerAndThePackAndABuyAddsOneLine() throws Exception {
        Browser carol = new Browser(demo.appUrl());
        carol.signIn("carol", "carol");

        HttpResponse<String> before = carol.get("/credits");
        assertEquals(200, before.statusCode(), before.body());
        assertTrue(before.body().contains("<b id=\"credit-balance\">0</b>"), before.body());
        assertTrue(before.body().contains("id=\"ledger-empty\""), before.body());
        assertTrue(before.body().contains("<span class=\"price\" id=\"pack-price-100\">10.00 USD</span>"),
                before.body());
        assertTrue(before.body().contains("id=\"buy-credits-100\""), before.body());

        HttpResponse<String> paid = carol.buyWithTestCard("price_credits_100", "/credits");
        carol.assertRedirect(carol.get(carol.location(paid)), "/welcome");
        HttpResponse<String> welcome = carol.get("/welcome");
        assertTrue(welcome.body().contains("you now have 100 credits"), welcome.body());

        HttpResponse<String> after = carol.get("/credits");
        assertTrue(after.body().contains("<b id=\"credit-balance\">100</b>"), after.body());
        assertEquals(1, after.body().split("class=\"ledger-entry\"", -1).length - 1, after.body());
        assertTrue(after.body().contains("Credits bought") && after.body().contains("<td class=\"amount\">+100</td>"),
                after.body());
    }

    @Test
    @Order(3)
    void aPriceChangedInStripeShowsOnThePricingPageAfterTheRefreshInterval() throws Exception {
        StripeClient stripe = StripeClient.builder().setApiKey("sk_test_pricing_pages")
                .setApiBase(demo.emulator().baseUrl()).build();
        // Stripe never changes a price's amount: a new price takes the lookup key over.
        Price raised = stripe.v1().prices().create(PriceCreateParams.builder().setProduct("prod_pro")
                .setCurrency("usd").setUnitAmount(3900L).setLookupKey("pro_monthly").setTransferLookupKey(true)
                .setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build()).build());

        Browser anyone = new Browser(demo.appUrl());
        Instant deadline = Instant.now().plus(PATIENCE);
        String page = anyone.get("/pricing").body();
        while (!page.contains("39.00 USD") && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            page = anyone.get("/pricing").body();
        }
        assertTrue(page.contains("<span class=\"price\" id=\"price-pro\">39.00 USD</span>"), page);
        assertTrue(page.contains("value=\"" + raised.getId() + "\""), "the form now sells the new price");
        assertTrue(page.contains("<span class=\"price\" id=\"price-basic\">9.00 USD</span>"), "Basic unchanged");
    }
}
