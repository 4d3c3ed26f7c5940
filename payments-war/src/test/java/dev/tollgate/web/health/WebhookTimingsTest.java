package dev.tollgate.web.health;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookTimingsTest {

    @Test
    void eachDeliveryCountsInItsBucketAndEveryLargerOneAndUnderItsStatus() {
        WebhookTimings timings = new WebhookTimings();

        timings.record(200, 3_000_000);       // 3 ms
        timings.record(200, 10_000_000);      // exactly 10 ms: in the 0.01 bucket (le = less or equal)
        timings.record(503, 700_000_000);     // 0.7 s
        timings.record(400, 60_000_000_000L); // a minute: beyond every bound

        assertArrayEquals(new long[] {1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4}, timings.cumulativeCounts());
        assertEquals(Map.of(200, 2L, 400, 1L, 503, 1L), timings.countsByStatus());
        assertEquals(60.713, timings.totalSeconds(), 1e-9);
    }

    @Test
    void theTextFormatEscapesLabelValuesAndWritesWholeNumbersPlainly() {
        String text = new PrometheusText().family("t_events", "gauge", "Events.")
                .sample("t_events", 3, "type", "a\"b\\c\nd").sample("t_seconds", 0.25).toString();

        assertEquals("# HELP t_events Events.\n# TYPE t_events gauge\n"
                + "t_events{type=\"a\\\"b\\\\c\\nd\"} 3\nt_seconds 0.25\n", text);
    }
}
