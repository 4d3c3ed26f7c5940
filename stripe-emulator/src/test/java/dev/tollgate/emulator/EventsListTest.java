package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.StripeCollection;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.EventListParams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/events}: newest first, cursors both ways, type filters, created filters, retrieve. */
class EventsListTest extends EmulatorTest {
    private final List<String> customerIds = new ArrayList<>();

    @BeforeEach
    void startWithFiveCustomers() throws Exception {
        for (int i = 0; i < 5; i++) {
            customerIds.add(stripe.v1().customers().create(
                    CustomerCreateParams.builder().setEmail("user" + i + "@example.com").build()).getId());
        }
    }

    @Test
    void eventsPageNewestFirstWithCursorsBothWays() throws Exception {
        StripeCollection<Event> first = stripe.v1().events().list(EventListParams.builder().setLimit(2L).build());
        assertEquals(2, first.getData().size());
        assertTrue(first.getHasMore());
        assertEquals(customerIds.get(4), ((Customer) first.getData().get(0).getDataObjectDeserializer()
                .getObject().orElseThrow()).getId());

        StripeCollection<Event> second = stripe.v1().events().list(EventListParams.builder().setLimit(2L)
                .setStartingAfter(first.getData().get(1).getId()).build());
        StripeCollection<Event> last = stripe.v1().events().list(EventListParams.builder().setLimit(2L)
                .setStartingAfter(second.getData().get(1).getId()).build());
        assertEquals(1, last.getData().size());
        assertFalse(last.getHasMore());

        StripeCollection<Event> back = stripe.v1().events().list(EventListParams.builder().setLimit(2L)
                .setEndingBefore(last.getData().get(0).getId()).build());
        assertEquals(ids(second.getData()), ids(back.getData()));
        assertTrue(back.getHasMore());

        List<String> all = new ArrayList<>();
        stripe.v1().events().list(EventListParams.builder().setLimit(2L).build()).autoPagingIterable()
                .forEach(event -> all.add(event.getId()));
        assertEquals(5, all.size());
        assertEquals(all.get(2), stripe.v1().events().retrieve(all.get(2)).getId());
    }

    @Test
    void eventsFilterByTypeWildcardAndCreated() throws Exception {
        stripe.v1().customers().update(customerIds.get(0), CustomerUpdateParams.builder().setName("Zoe").build());

        List<Event> updated = stripe.v1().events().list(EventListParams.builder().setType("customer.updated")
                .build()).getData();
        assertEquals(1, updated.size());
        assertEquals("Zoe", ((Customer) updated.get(0).getDataObjectDeserializer().getObject().orElseThrow())
                .getName());
        assertTrue(updated.get(0).getData().getPreviousAttributes().containsKey("name"),
                "previous_attributes names the changed field");

        assertEquals(6, stripe.v1().events().list(EventListParams.builder().setType("customer.*").build())
                .getData().size());
        long created = updated.get(0).getCreated();
        assertEquals(6, stripe.v1().events().list(EventListParams.builder()
                .setCreated(EventListParams.Created.builder().setLte(created).build()).build()).getData().size());
        assertEquals(0, stripe.v1().events().list(EventListParams.builder()
                .setCreated(EventListParams.Created.builder().setGt(created).build()).build()).getData().size());
    }

    @Test
    void customersAreListedByEmail() throws Exception {
        List<Customer> found = stripe.v1().customers().list(CustomerListParams.builder()
                .setEmail("user3@example.com").build()).getData();
        assertEquals(List.of(customerIds.get(3)), found.stream().map(Customer::getId).toList());
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(Event::getId).toList();
    }
}
