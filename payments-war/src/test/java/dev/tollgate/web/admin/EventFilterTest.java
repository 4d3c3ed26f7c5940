package dev.tollgate.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.web.FakeHttp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void datesAndTimesAreReadInTheAdminsZoneAndInstantsAsGiven() {
        EventFilter filter = EventFilter.from(FakeHttp.Request.get("/admin/events").parameter("status", "failed")
                .parameter("type", "invoice.paid").parameter("customer", "cus_123")
                .parameter("from", "2026-12-01").parameter("to", "2026-12-02T08:30").parameter("offset", "50")
                .build(), BERLIN, 50).orElseThrow();

        assertEquals(Optional.of(EventStatus.FAILED), filter.query().status());
        assertEquals(Optional.of(Instant.parse("2026-11-30T23:00:00Z")), filter.query().from());
        assertEquals(Optional.of(Instant.parse("2026-12-02T07:30:00Z")), filter.query().to());
        assertEquals(50, filter.query().offset());
        assertEquals("events?status=failed&type=invoice.paid&customer=cus_123&from=2026-12-01"
                + "&to=2026-12-02T08%3A30&offset=100", filter.pageLink(100));
        assertEquals(Optional.of(Instant.parse("2026-12-01T00:00:00Z")), EventFilter.from(FakeHttp.Request
                .get("/admin/events").parameter("from", "2026-12-01T00:00:00Z").build(), BERLIN, 50)
                .orElseThrow().query().from());
    }

    @Test
    void aMalformedFieldIsRefusedNotGuessed() {
        for (String[] field : new String[][]{{"status", "lost"}, {"type", "x' or 1=1"}, {"customer", "bob"},
                {"from", "yesterday"}, {"to", "2026-13-01"}, {"offset", "-1"}}) {
            assertTrue(EventFilter.from(FakeHttp.Request.get("/admin/events").parameter(field[0], field[1]).build(),
                    BERLIN, 50).isEmpty(), field[0] + "=" + field[1]);
        }
    }
}
