package dev.tollgate.payments.infrastructure.stripe;

import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import com.stripe.net.StripeResponseStream;

/**
 * stripe-java's HTTP client with this gateway's polite stretches plugged in where each request is really sent, so
 * that what is paced and counted is what goes over the wire. Inside a stretch every send, a retry too, waits for
 * its pace and is counted, and the retrying is {@link PatientRetries}' instead of stripe-java's
 * ({@code PAYMENTS_STRIPE_RETRIES} does not apply there). Outside a stretch a request goes out at once and
 * stripe-java retries it as configured. (Streamed responses, which Tollgate does not ask for, are paced and counted
 * but keep stripe-java's retries.)
 */
final class PacedHttpClient extends HttpClient {

    private final HttpClient network = new HttpURLConnectionClient();
    private final PoliteStretches stretches;
    private final PatientRetries retries;

    PacedHttpClient(PoliteStretches stretches, PatientRetries retries) {
        this.stretches = stretches;
        this.retries = retries;
    }

    @Override
    public StripeResponse request(StripeRequest request) throws StripeException {
        stretches.beforeSend();
        return network.request(request);
    }

    @Override
    public StripeResponseStream requestStream(StripeRequest request) throws StripeException {
        stretches.beforeSend();
        return network.requestStream(request);
    }

    @Override
    public StripeResponse requestWithRetries(StripeRequest request) throws StripeException {
        return stretches.active() ? retries.send(request, this::request) : super.requestWithRetries(request);
    }
}
