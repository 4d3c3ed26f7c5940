package dev.tollgate.web.billing;

import dev.tollgate.payments.application.CheckoutService;
import dev.tollgate.payments.application.ConfirmedReturn;
import dev.tollgate.payments.domain.model.CheckoutPages;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A checkout service that answers what the test scripted, or throws it. */
final class ScriptedCheckout extends CheckoutService {

    Supplier<String> checkoutUrl = () -> "https://checkout.stripe.test/c/pay/cs_test_1";
    Supplier<ConfirmedReturn> returned = () -> ConfirmedReturn.alreadyAt(0);
    String lastUser;
    String lastPrice;
    String lastSession;
    CheckoutPages lastPages;

    @Override
    public String startCheckout(String userId, String priceRef, Consumer<EntitlementChanged> committed) {
        lastUser = userId;
        lastPrice = priceRef;
        return checkoutUrl.get();
    }

    @Override
    public String startCheckout(String userId, String priceRef, CheckoutPages back,
                                Consumer<EntitlementChanged> committed) {
        lastPages = back;
        return startCheckout(userId, priceRef, committed);
    }

    @Override
    public ConfirmedReturn confirmReturn(String userId, String sessionId) {
        lastUser = userId;
        lastSession = sessionId;
        return returned.get();
    }
}
