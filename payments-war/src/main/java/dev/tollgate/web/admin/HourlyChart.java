package dev.tollgate.web.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events per hour for the last 48 hours as the bars of a small SVG chart, drawn on the server (the pages carry no
 * script). The JSP only writes out the rectangles computed here.
 */
final class HourlyChart {

    static final int HOURS = 48;
    static final int WIDTH = 960;
    static final int HEIGHT = 172;
    private static final int BAR_SLOT = WIDTH / HOURS;
    /** The bars' area; the hour labels go below it. */
    static final int PLOT_HEIGHT = 140;

    /** One hour's bar; {@code label} is set every sixth hour. */
    record Bar(int x, int y, int width, int height, long count, String hour, String label, int labelX) {
    }

    /** The bars, the largest count (the scale) and the total. */
    record Chart(List<Bar> bars, long max, long total, int width, int height, int baseline, int plotHeight) {
    }

    /** The first hour the chart shows, for a chart drawn at {@code now}. */
    static Instant since(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
    }

    /** @param perHour hour start (epoch seconds) → events, as the event log counts them */
    static Chart of(Map<Long, Long> perHour, Instant now, ConsoleFormat format) {
        Instant first = since(now);
        long max = Math.max(1, perHour.values().stream().mapToLong(Long::longValue).max().orElse(0));
        long total = 0;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < HOURS; i++) {
            Instant hour = first.plus(Duration.ofHours(i));
            long count = perHour.getOrDefault(hour.getEpochSecond(), 0L);
            total += count;
            int height = (int) Math.round((double) count / max * PLOT_HEIGHT);
            if (count > 0 && height == 0) {
                height = 1;
            }
            ZonedDateTime local = hour.atZone(format.zone());
            String label = i % 6 == 0 ? String.format("%02d:00", local.getHour()) : "";
            bars.add(new Bar(i * BAR_SLOT + 1, PLOT_HEIGHT - height, BAR_SLOT - 2, height, count,
                    format.time(hour), label, i * BAR_SLOT + 1));
        }
        return new Chart(bars, max, total, WIDTH, HEIGHT, PLOT_HEIGHT + 18, PLOT_HEIGHT);
    }
}
