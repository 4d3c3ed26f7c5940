package dev.tollgate.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The first POST form of a page, read the way a browser would submit it: its action and its named inputs. */
record HtmlForm(String action, Map<String, String> fields) {

    private static final Pattern FORM = Pattern.compile(
            "<form\\b([^>]*\\bmethod=\"post\"[^>]*)>(.*?)</form>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);

    static HtmlForm firstPostForm(String html) {
        Matcher form = FORM.matcher(html);
        if (!form.find()) {
            throw new AssertionError("no POST form on the page:\n" + html);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form.group(2));
        while (input.find()) {
            String name = attribute(input.group(1), "name");
            if (name != null) {
                String value = attribute(input.group(1), "value");
                fields.put(name, value == null ? "" : value);
            }
        }
        String action = attribute(form.group(1), "action");
        return new HtmlForm(action == null ? "" : action, fields);
    }

    /** The same form with {@code name} filled in; fails if the page has no such field. */
    HtmlForm with(String name, String value) {
        if (!fields.containsKey(name)) {
            throw new AssertionError("the form has no field '" + name + "', only " + fields.keySet());
        }
        Map<String, String> filled = new LinkedHashMap<>(fields);
        filled.put(name, value);
        return new HtmlForm(action, filled);
    }

    private static String attribute(String attributes, String name) {
        Matcher value = Pattern.compile("\\b" + name + "=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE).matcher(attributes);
        return value.find() ? value.group(1).replace("&amp;", "&") : null;
    }
}
