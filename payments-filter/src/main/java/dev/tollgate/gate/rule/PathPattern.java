package dev.tollgate.gate.rule;

/**
 * The path side of a rule, matched against the request's path within the application (servlet path plus path
 * info, as the container decoded and normalised it). A trailing slash never matters: {@code /pro/} and
 * {@code /pro} are the same path, in patterns and in requests.
 *
 * <p>Forms ({@value #LEGAL_FORMS}): {@code /*} (or {@code /**}) matches everything; {@code /pro/*} (or
 * {@code /pro/**}) matches {@code /pro} and everything beneath it, but not {@code /professional}; {@code *.pdf}
 * matches by extension; anything else is one exact path.
 */
public final class PathPattern {

    /** The legal forms, for error messages and documentation. */
    public static final String LEGAL_FORMS = "/*, /<prefix>/*, *.<extension>, /<exact/path>";

    private enum Kind { EVERYTHING, PREFIX, EXTENSION, EXACT }

    private final String text;
    private final Kind kind;
    /** Prefix without its slash, the extension with its dot, or the exact path without a trailing slash. */
    private final String stem;

    private PathPattern(String text, Kind kind, String stem) {
        this.text = text;
        this.kind = kind;
        this.stem = stem;
    }

    /** Parses a pattern; {@code null} when {@code text} is none of the legal forms. */
    static PathPattern parse(String text) {
        if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        if (text.equals("/*") || text.equals("/**")) {
            return new PathPattern(text, Kind.EVERYTHING, "");
        }
        if (text.startsWith("*.")) {
            String extension = text.substring(1);
            return extension.length() > 1 && isLiteral(extension) ? new PathPattern(text, Kind.EXTENSION, extension) : null;
        }
        if (!text.startsWith("/")) {
            return null;
        }
        for (String wildcard : new String[] {"/**", "/*"}) {
            if (text.endsWith(wildcard)) {
                String prefix = withoutTrailingSlash(text.substring(0, text.length() - wildcard.length()));
                return prefix.length() > 1 && isLiteral(prefix) ? new PathPattern(text, Kind.PREFIX, prefix) : null;
            }
        }
        String exact = withoutTrailingSlash(text);
        return isLiteral(exact) ? new PathPattern(text, Kind.EXACT, exact) : null;
    }

    /** Whether this pattern matches every path (a catch-all, which can only be the last rule). */
    public boolean isCatchAll() {
        return kind == Kind.EVERYTHING;
    }

    /** Whether {@code path} (starting with {@code /}, possibly ending with one) matches. Allocates nothing. */
    public boolean matches(String path) {
        int length = path.length() > 1 && path.charAt(path.length() - 1) == '/' ? path.length() - 1 : path.length();
        switch (kind) {
            case EVERYTHING:
                return true;
            case PREFIX:
                return length >= stem.length() && path.startsWith(stem)
                        && (length == stem.length() || path.charAt(stem.length()) == '/');
            case EXTENSION:
                return length > stem.length() && path.regionMatches(length - stem.length(), stem, 0, stem.length());
            default:
                return length == stem.length() && path.startsWith(stem);
        }
    }

    /** The pattern as normalised: trailing slash gone, {@code **} written as {@code *}. */
    public String normalised() {
        switch (kind) {
            case EVERYTHING:
                return "/*";
            case PREFIX:
                return stem + "/*";
            case EXTENSION:
                return "*" + stem;
            default:
                return stem.isEmpty() ? "/" : stem;
        }
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean isLiteral(String part) {
        return part.indexOf('*') < 0;
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
