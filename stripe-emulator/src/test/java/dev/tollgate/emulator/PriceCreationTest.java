package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Price;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.PriceRetrieveParams;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/prices} through stripe-java, in strict mode: a new price of a seeded product, in any currency, and
 * a lookup key moved to a new price ({@code transfer_lookup_key}), which is how Stripe changes what a key costs.
 */
class PriceCreationTest {

    private StripeEmulator emulator;
    private StripeClient stripe;

    @BeforeEach
    void start() {
        emulator = StripeEmulator.builder().port(0).strict(true).build().start();
        stripe = StripeClient.builder().setApiKey("sk_test_prices").setApiBase(emulator.baseUrl()).build();
    }

    @AfterEach
    void stop() {
        emulator.stop();
    }

    @Test
    void aNewPriceIsListedByItsLookupKeyWithItsProduct() throws Exception {
        Price yen = stripe.v1().prices().create(PriceCreateParams.builder().setProduct("prod_pro").setCurrency("jpy")
                .setUnitAmount(980L).setLookupKey("pro_yen_quarterly").setRecurring(PriceCreateParams.Recurring
                        .builder().setInterval(PriceCreateParams.Recurring.Interval.MONTH).setIntervalCount(3L)
                        .build()).build());

        assertTrue(yen.getId().startsWith("price_"));
        List<Price> listed = stripe.v1().prices().list(PriceListParams.builder().addLookupKey("pro_yen_quarterly")
                .addExpand("data.product").build()).getData();
        assertEquals(1, listed.size());
        assertEquals(980L, listed.get(0).getUnitAmount());
        assertEquals("jpy", listed.get(0).getCurrency());
        assertEquals("month", listed.get(0).getRecurring().getInterval());
        assertEquals(3L, listed.get(0).getRecurring().getIntervalCount());
        assertEquals("Pro", listed.get(0).getProductObject().getName());
        assertEquals("recurring", stripe.v1().prices().retrieve(yen.getId(),
                PriceRetrieveParams.builder().addExpand("product").build()).getType());
    }

    @Test
    void aLookupKeyMovesOnlyWhenAskedTo() throws Exception {
        PriceCreateParams.Builder raised = PriceCreateParams.builder().setProduct("prod_pro").setCurrency("usd")
                .setUnitAmount(3900L).setLookupKey("pro_monthly").setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build());

        InvalidRequestException taken = assertThrows(InvalidRequestException.class,
                () -> stripe.v1().prices().create(raised.build()));
        assertEquals("lookup_key", taken.getStripeError().getParam());

        Price moved = stripe.v1().prices().create(raised.setTransferLookupKey(true).build());
        Price listed = stripe.v1().prices().list(PriceListParams.builder().addLookupKey("pro_monthly").build())
                .getData().get(0);
        assertEquals(moved.getId(), listed.getId());
        assertEquals(3900L, listed.getUnitAmount());
        assertNull(stripe.v1().prices().retrieve("price_pro_monthly").getLookupKey(), "the old price lost the key");
        assertEquals(2900L, stripe.v1().prices().retrieve("price_pro_monthly").getUnitAmount(), "and kept its amount");
    }

    @Test
    void aPriceOfAnUnknownProductIsRefused() {
        InvalidRequestException unknown = assertThrows(InvalidRequestException.class, () -> stripe.v1().prices()
                .create(PriceCreateParams.builder().setProduct("prod_nope").setCurrency("usd").setUnitAmount(100L)
                        .build()));
        assertEquals(400, unknown.getStatusCode(), "a missing object named in a parameter: 400, as at Stripe");
        assertEquals("resource_missing", unknown.getCode());
        assertEquals("product", unknown.getStripeError().getParam());
    }
}
