package dev.tollgate.emulator.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Stripe's {@code Idempotency-Key} contract: the first request with a key runs, every later one with the same
 * key gets the same answer (marked {@code Idempotent-Replayed: true}), and a later one with different
 * parameters is refused. Concurrent requests with one key wait for the first instead of running twice.
 * Server errors are not remembered, so a retry after a 5xx runs again, as on Stripe.
 */
public final class IdempotencyCache {
    private static final int MAX_KEYS = 50_000;

    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_KEYS;
        }
    };

    private static final class Entry {
        final String fingerprint;
        final CompletableFuture<Response> response = new CompletableFuture<>();

        Entry(String fingerprint) {
            this.fingerprint = fingerprint;
        }
    }

    /**
     * Runs {@code action} once per key.
     *
     * @param fingerprint what must be equal for a replay: method, path and raw parameters
     */
    public Response execute(String key, String fingerprint, Supplier<Response> action) {
        Entry entry;
        boolean first;
        synchronized (entries) {
            entry = entries.get(key);
            first = entry == null;
            if (first) {
                entry = new Entry(fingerprint);
                entries.put(key, entry);
            }
        }
        if (!entry.fingerprint.equals(fingerprint)) {
            return Response.error(ApiError.idempotencyMismatch(key));
        }
        if (!first) {
            return entry.response.join().withHeader("Idempotent-Replayed", "true");
        }
        Response response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            forget(key, entry);
            entry.response.completeExceptionally(e);
            throw e;
        }
        if (response.status() >= 500) {
            forget(key, entry);
        }
        entry.response.complete(response);
        return response;
    }

    private void forget(String key, Entry entry) {
        synchronized (entries) {
            entries.remove(key, entry);
        }
    }
}
