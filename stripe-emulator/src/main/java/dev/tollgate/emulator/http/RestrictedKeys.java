package dev.tollgate.emulator.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Restricted keys ({@code rk_…}) and the permissions each was not given on the Dashboard's "API keys" page. A key
 * lacks only what the emulator was told it lacks, so a test names the one permission it takes away. A request its key
 * may not make is answered as Stripe does: 403, {@code invalid_request_error}, the key masked, and the name of the
 * permission that "would allow this request to continue" — stripe-java throws {@code PermissionException}.
 *
 * <p>Permission names follow Stripe's {@code rak_<resource>_<read|write>} pattern, the resource being the
 * singular of the URL's first segment after {@code /v1} ({@code /v1/checkout/sessions} → {@code
 * rak_checkout_session_write} for a POST). Stripe's own list has finer grains for a few resources; the
 * emulator's are enough to prove a client names whatever permission the answer gives.
 */
public final class RestrictedKeys {

    private final Map<String, Set<String>> withheld = new ConcurrentHashMap<>();

    /** From now on {@code key} lacks the given permissions, e.g. {@code rak_checkout_session_write}. */
    public void withhold(String key, Set<String> permissions) {
        if (!key.startsWith("rk_")) {
            throw new IllegalArgumentException("only restricted keys (rk_…) lack permissions");
        }
        withheld.put(key, Set.copyOf(permissions));
    }

    /** {@code key} may do everything again. */
    public void grantAll(String key) {
        withheld.remove(key);
    }

    /** Refuses the request when {@code key} is restricted and lacks the permission the request needs. */
    void check(String key, String method, String path) {
        Set<String> lacking = withheld.getOrDefault(key, Set.of());
        String needed = permissionFor(method, path);
        if (lacking.contains(needed)) {
            throw new ApiError(403, "invalid_request_error", null, "The provided key '" + masked(key)
                    + "' does not have the required permissions for this endpoint on account 'acct_emulator'. "
                    + "Having the '" + needed + "' permission would allow this request to continue.", null);
        }
    }

    /** {@code POST /v1/checkout/sessions} → {@code rak_checkout_session_write}. */
    static String permissionFor(String method, String path) {
        String[] segments = path.substring("/v1/".length()).split("/");
        String resource = segments[0];
        if (segments.length > 1 && ("checkout".equals(resource) || "billing_portal".equals(resource)
                || "entitlements".equals(resource))) {
            resource = resource + "_" + segments[1];
        }
        return "rak_" + singular(resource) + ("GET".equals(method) ? "_read" : "_write");
    }

    private static String singular(String resource) {
        if (resource.endsWith("ies")) {
            return resource.substring(0, resource.length() - 3) + "y";
        }
        return resource.endsWith("s") ? resource.substring(0, resource.length() - 1) : resource;
    }

    /** As Stripe shows a key in its errors: the prefix, stars, the last four characters. */
    private static String masked(String key) {
        int prefix = key.indexOf('_', 3) + 1;
        return key.substring(0, prefix) + "*".repeat(Math.max(0, key.length() - prefix - 4))
                + key.substring(Math.max(prefix, key.length() - 4));
    }
}
