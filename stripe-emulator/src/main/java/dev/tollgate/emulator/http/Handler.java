package dev.tollgate.emulator.http;

/** Answers one route. Throw {@link ApiError} for anything Stripe would answer with an error object. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);
}
