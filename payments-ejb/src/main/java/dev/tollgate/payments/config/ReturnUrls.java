package dev.tollgate.payments.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The app pages a billing form may name as its way back ({@code PAYMENTS_RETURN_URLS}): where Checkout's return page,
 * Checkout's back link and the customer portal send the user, when a second app on the site (say one that signs its
 * users in itself) wants its users back in itself rather than at {@code PAYMENTS_SUCCESS_URL}. Each entry is a folder
 * of pages: same scheme, host and port, and a path under the folder's. Anything else is refused, so the WAR never
 * redirects to a page the operator did not list (no open redirect).
 *
 * @param folders the allowed folders, absolute, each path ending with {@code /}; empty = no form may name one
 */
public record ReturnUrls(List<URI> folders) {

    /** None allowed: billing forms send everyone to the configured pages. */
    public static final ReturnUrls NONE = new ReturnUrls(List.of());

    public ReturnUrls {
        folders = List.copyOf(folders);
    }

    /**
     * Reads a comma-separated list: absolute http(s) URLs, or paths from the root of {@code appUrl}'s site
     * ({@code /own-login/}). A folder without its closing {@code /} gets one, so {@code /own-login} does not admit
     * {@code /own-login-evil/}.
     *
     * @throws IllegalArgumentException naming the entry that is no such folder (a query, a fragment, a user, no host)
     */
    static ReturnUrls parse(String value, URI appUrl) {
        List<URI> folders = new ArrayList<>();
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI folder = absolute(trimmed, appUrl)
                    .filter(url -> url.getRawQuery() == null && url.getRawFragment() == null
                            && url.getRawUserInfo() == null && isPlainPath(url.getPath()))
                    .orElseThrow(() -> new IllegalArgumentException("'" + trimmed + "' is not an http(s) URL or"
                            + " a path of this site without query or fragment"));
            String path = folder.getRawPath().isEmpty() ? "/" : folder.getRawPath();
            folders.add(folder.resolve(path.endsWith("/") ? path : path + "/"));
        }
        return new ReturnUrls(folders);
    }

    /**
     * The absolute URL {@code asked} stands for (a path is taken from the root of {@code appUrl}'s site), when it is
     * a page in one of the folders; empty for anything else: another site, another folder, a path that climbs out
     * with {@code ..} (also percent-encoded), a user part, a backslash or a control character.
     */
    public Optional<URI> admit(String asked, URI appUrl) {
        if (asked == null || asked.length() > 2000 || asked.chars().anyMatch(c -> c < 0x21 || c == '\\' || c == 0x7f)) {
            return Optional.empty();
        }
        return absolute(asked, appUrl)
                .filter(url -> url.getRawUserInfo() == null && url.getRawFragment() == null
                        && isPlainPath(url.getPath()))
                .filter(url -> folders.stream().anyMatch(folder -> isInside(url, folder)));
    }

    private static boolean isInside(URI url, URI folder) {
        return url.getScheme().equalsIgnoreCase(folder.getScheme())
                && url.getHost().equalsIgnoreCase(folder.getHost())
                && portOf(url) == portOf(folder)
                && url.getPath().startsWith(folder.getPath());
    }

    /** An absolute http(s) URL with a host, or a path ({@code /…}, not {@code //…}) on {@code appUrl}'s site. */
    private static Optional<URI> absolute(String text, URI appUrl) {
        try {
            URI uri = text.startsWith("/") && !text.startsWith("//") ? appUrl.resolve(URI.create(text)) : URI.create(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (IllegalArgumentException malformed) {
            // not a URL: not admitted
        }
        return Optional.empty();
    }

    /** The decoded path has no {@code .} or {@code ..} segment to climb out of a folder with. */
    private static boolean isPlainPath(String decodedPath) {
        if (decodedPath == null || !decodedPath.startsWith("/") && !decodedPath.isEmpty()) {
            return false;
        }
        for (String segment : decodedPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return !decodedPath.contains("\\");
    }

    private static int portOf(URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
