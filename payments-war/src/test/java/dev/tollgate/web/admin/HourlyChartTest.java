package dev.tollgate.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HourlyChartTest {

    private static final Instant NOW = Instant.parse("2026-12-03T17:35:00Z");
    private static final ConsoleFormat UTC = new ConsoleFormat(ZoneId.of("UTC"));

    @Test
    void fortyEightBarsEndWithTheCurrentHourAndTheLargestFillsThePlot() {
        long currentHour = Instant.parse("2026-12-03T17:00:00Z").getEpochSecond();
        long twoHoursAgo = currentHour - 2 * 3600;
        HourlyChart.Chart chart = HourlyChart.of(Map.of(currentHour, 10L, twoHoursAgo, 5L), NOW, UTC);

        assertEquals(48, chart.bars().size());
        assertEquals(15, chart.total());
        assertEquals(10, chart.max());
        HourlyChart.Bar last = chart.bars().get(47);
        assertEquals(10, last.count());
        assertEquals(140, last.height(), "the largest hour fills the plot");
        assertEquals(0, last.y());
        assertEquals(70, chart.bars().get(45).height(), "half the count, half the height");
        assertEquals(0, chart.bars().get(0).height());
        assertEquals(Instant.parse("2026-12-01T18:00:00Z"), HourlyChart.since(NOW));
    }

    @Test
    void aSingleEventAmongThousandsIsStillVisibleAndEverySixthHourIsLabelled() {
        long currentHour = Instant.parse("2026-12-03T17:00:00Z").getEpochSecond();
        HourlyChart.Chart chart = HourlyChart.of(Map.of(currentHour, 5000L, currentHour - 3600, 1L), NOW, UTC);

        assertEquals(1, chart.bars().get(46).height());
        assertEquals("18:00", chart.bars().get(0).label());
        assertEquals("", chart.bars().get(1).label());
        assertTrue(chart.bars().stream().filter(bar -> !bar.label().isEmpty()).count() == 8);
    }
}
