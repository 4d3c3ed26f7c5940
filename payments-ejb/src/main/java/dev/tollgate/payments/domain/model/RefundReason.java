package dev.tollgate.payments.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why money is given back, in the words Stripe's refunds accept (and shows on the Dashboard). */
public enum RefundReason {
    DUPLICATE, FRAUDULENT, REQUESTED_BY_CUSTOMER;

    public String stripeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason of this Stripe name; empty for any other text. */
    public static Optional<RefundReason> fromStripe(String name) {
        return Arrays.stream(values()).filter(reason -> reason.stripeName().equals(name)).findFirst();
    }
}
