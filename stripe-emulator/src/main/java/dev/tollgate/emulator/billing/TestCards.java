package dev.tollgate.emulator.billing;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The table of test cards the hosted pages accept, from Stripe's testing docs. Any other number is refused as
 * Stripe's test mode refuses real card numbers.
 */
public final class TestCards {
    private static final String DECLINED = "Your card was declined.";

    private static final Map<String, TestCard> CARDS = Stream.of(
            new TestCard("4242424242424242", "visa", CardOutcome.SUCCEEDS, null, null),
            new TestCard("4000000000000002", "visa", CardOutcome.DECLINED, "generic_decline", DECLINED),
            new TestCard("4000000000009995", "visa", CardOutcome.DECLINED, "insufficient_funds",
                    "Your card has insufficient funds."),
            new TestCard("4000000000003220", "visa", CardOutcome.REQUIRES_AUTHENTICATION, null, null),
            new TestCard("4000000000000341", "visa", CardOutcome.ATTACHES_CHARGES_FAIL, "generic_decline", DECLINED),
            new TestCard("4000000000000259", "visa", CardOutcome.DISPUTED, null, null),
            new TestCard("DE89370400440532013000", "sepa_debit", CardOutcome.SETTLES_LATER, null, null),
            new TestCard("DE62370400440532013001", "sepa_debit", CardOutcome.FAILS_LATER, "insufficient_funds",
                    "The customer's bank account has insufficient funds to cover this payment."))
            .collect(Collectors.toUnmodifiableMap(TestCard::number, Function.identity()));

    /** Stripe's ready-made test payment methods, by the card they stand for. */
    private static final Map<String, String> PAYMENT_METHODS = Map.of(
            "pm_card_visa", "4242424242424242",
            "pm_card_chargeDeclined", "4000000000000002",
            "pm_card_chargeDeclinedInsufficientFunds", "4000000000009995",
            "pm_card_threeDSecure2Required", "4000000000003220",
            "pm_card_chargeCustomerFail", "4000000000000341",
            "pm_card_createDispute", "4000000000000259");

    private TestCards() {
    }

    /** The card behind one of Stripe's test payment method ids ({@code pm_card_visa}, …). */
    public static Optional<TestCard> forPaymentMethod(String id) {
        return Optional.ofNullable(PAYMENT_METHODS.get(id)).map(CARDS::get);
    }

    /** The card for a number as typed: spaces and dashes are ignored. */
    public static Optional<TestCard> lookup(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(CARDS.get(typed.replaceAll("[\\s-]", "")));
    }
}
