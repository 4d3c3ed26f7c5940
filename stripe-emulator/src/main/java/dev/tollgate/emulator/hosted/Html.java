package dev.tollgate.emulator.hosted;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/** Escaping, money and date formatting, and the page frame shared by the hosted pages. */
final class Html {
    private static final Set<String> ZERO_DECIMAL = Set.of("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw",
            "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Minor units to a display amount: 2900 usd → "$29.00", 500 jpy → "JPY 500". */
    static String money(long amount, String currency) {
        String code = currency == null ? "" : currency.toLowerCase(Locale.ROOT);
        if (ZERO_DECIMAL.contains(code)) {
            return code.toUpperCase(Locale.ROOT) + " " + amount;
        }
        String value = String.format(Locale.ROOT, "%d.%02d", amount / 100, Math.abs(amount % 100));
        return "usd".equals(code) ? "$" + value : code.toUpperCase(Locale.ROOT) + " " + value;
    }

    static String date(long epochSeconds) {
        return DATE.format(Instant.ofEpochSecond(epochSeconds));
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#222}"
                + ".banner{background:#fff3cd;padding:.4rem .6rem;font-size:.85rem;border-radius:4px}"
                + ".error{color:#b00020;font-weight:600}"
                + "input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box;margin:.2rem 0 .8rem}"
                + "button{font-size:1rem;padding:.5rem 1rem;margin:.2rem .4rem .2rem 0}"
                + "table{width:100%;border-collapse:collapse}td{padding:.3rem 0}td.amount{text-align:right}"
                + "</style></head><body><p class=\"banner\">Stripe emulator — test mode, no real money.</p>"
                + body + "</body></html>";
    }
}
