package dev.tollgate.emulator.http;

import com.google.gson.JsonObject;

/**
 * A failure answered with Stripe's error object, {@code {"error":{"type","code","message","param"}}}, and the
 * status stripe-java maps to the matching exception (400/404 → InvalidRequestException, 401 →
 * AuthenticationException, type idempotency_error → IdempotencyException).
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String code;
    private final String param;

    public ApiError(int status, String type, String code, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    public static ApiError missingParam(String param) {
        return new ApiError(400, "invalid_request_error", "parameter_missing",
                "Missing required param: " + param + ".", param);
    }

    public static ApiError invalidParam(String param, String message) {
        return new ApiError(400, "invalid_request_error", "parameter_invalid", message, param);
    }

    /** An id that names nothing: Stripe answers 404 for the URL's own id and 400 for an id inside the body. */
    public static ApiError noSuch(String kind, String id, String param) {
        int status = param == null ? 404 : 400;
        return new ApiError(status, "invalid_request_error", "resource_missing",
                "No such " + kind + ": '" + id + "'", param);
    }

    public static ApiError unrecognizedUrl(String method, String path) {
        return new ApiError(404, "invalid_request_error", null,
                "Unrecognized request URL (" + method + ": " + path + ").", null);
    }

    public static ApiError stateConflict(String message) {
        return new ApiError(400, "invalid_request_error", null, message, null);
    }

    public static ApiError missingApiKey() {
        return new ApiError(401, "invalid_request_error", null,
                "You did not provide an API key. Provide it as 'Authorization: Bearer sk_test_...'.", null);
    }

    public static ApiError idempotencyMismatch(String key) {
        return new ApiError(400, "idempotency_error", null,
                "Keys for idempotent requests can only be used with the same parameters they were first used with. "
                        + "Try using a key other than '" + key + "' if you meant to execute a different request.",
                null);
    }

    public int status() {
        return status;
    }

    /** The JSON body Stripe sends for this error. */
    public JsonObject toJson() {
        JsonObject error = new JsonObject();
        error.addProperty("type", type);
        if (code != null) {
            error.addProperty("code", code);
        }
        error.addProperty("message", getMessage());
        if (param != null) {
            error.addProperty("param", param);
        }
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body;
    }
}
