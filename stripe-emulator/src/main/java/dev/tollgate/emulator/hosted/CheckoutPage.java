package dev.tollgate.emulator.hosted;

import com.google.gson.JsonObject;
import dev.tollgate.emulator.billing.AuthenticationRequired;
import dev.tollgate.emulator.billing.Checkout;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.billing.PaymentDeclined;
import dev.tollgate.emulator.billing.Purchase;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.PublicView;
import dev.tollgate.emulator.state.Store;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The hosted Checkout page. {@code GET /checkout/<id>} shows what is bought and a card form (number, expiry,
 * security code); {@code POST /checkout/<id>} with {@code card_number}, {@code exp} and {@code cvc} (and
 * {@code email} when the session has no customer) pays and answers 303 to the success URL, with
 * {@code {CHECKOUT_SESSION_ID}} replaced; a declined card, a past or incomplete expiry or an incomplete code
 * ({@link CardExpiryAndCode}) shows the form again with the reason and changes nothing. A card that asks for 3-D Secure (…3220) gets a
 * confirmation step first: {@code POST /checkout/<id>/authenticate} with {@code result=approve} pays,
 * {@code result=fail} declines.
 */
public final class CheckoutPage {
    private final Store store;
    private final Checkout checkout;
    private final Purchase purchase;

    public CheckoutPage(Store store, Checkout checkout, Purchase purchase) {
        this.store = store;
        this.checkout = checkout;
        this.purchase = purchase;
    }

    public void register(Router router) {
        router.get("/checkout/{id}", request -> show(request.pathValue("id"), null, 200))
                .post("/checkout/{id}", request -> pay(request, Purchase.Authentication.NOT_ASKED))
                .post("/checkout/{id}/authenticate", request -> pay(request,
                        "approve".equals(request.params().string("result").orElse(""))
                                ? Purchase.Authentication.APPROVED : Purchase.Authentication.FAILED));
    }

    private Response pay(Request request, Purchase.Authentication authentication) {
        String id = request.pathValue("id");
        Params form = request.params();
        String card = form.string("card_number").orElse("");
        String email = form.string("email").orElse(null);
        if (!card.isBlank()) {
            var unusable = CardExpiryAndCode.problem(form, store.now());
            if (unusable.isPresent()) {
                return show(id, unusable.get(), 402);
            }
        }
        try {
            JsonObject session = purchase.pay(id, card, email, authentication);
            return Response.seeOther(successUrl(session));
        } catch (AuthenticationRequired required) {
            return Response.html(200, Html.page("Authenticate", authenticationStep(id, card, email)));
        } catch (PaymentDeclined declined) {
            return show(id, declined.getMessage(), 402);
        } catch (ApiError notPayable) {
            // Unknown, already paid (a double click) or expired: the page says which.
            return show(id, null, 409);
        }
    }

    /**
     * The emulator's stand-in for the bank's 3-D Secure challenge: two buttons that post the card again with the
     * payer's answer.
     */
    private static String authenticationStep(String id, String card, String email) {
        StringBuilder body = new StringBuilder("<h1>3D Secure test payment</h1>")
                .append("<p>Your bank asks you to confirm this payment.</p>")
                .append("<form method=\"post\" action=\"/checkout/").append(Html.escape(id))
                .append("/authenticate\">")
                .append("<input type=\"hidden\" name=\"card_number\" value=\"").append(Html.escape(card))
                .append("\">");
        if (email != null) {
            body.append("<input type=\"hidden\" name=\"email\" value=\"").append(Html.escape(email)).append("\">");
        }
        return body.append("<button type=\"submit\" name=\"result\" value=\"approve\" id=\"approve\">")
                .append("Complete authentication</button>")
                .append("<button type=\"submit\" name=\"result\" value=\"fail\" id=\"fail\">")
                .append("Fail authentication</button></form>").toString();
    }

    private static String successUrl(JsonObject session) {
        String url = Json.string(session, "success_url");
        String id = URLEncoder.encode(Json.string(session, "id"), StandardCharsets.UTF_8);
        return url.replace("{CHECKOUT_SESSION_ID}", id);
    }

    private Response show(String id, String error, int status) {
        JsonObject session = store.atomically(() -> {
            try {
                JsonObject stored = checkout.require(id);
                JsonObject view = PublicView.of(stored);
                view.add("line_items", stored.get("line_items").deepCopy());
                return view;
            } catch (ApiError unknown) {
                return null;
            }
        });
        if (session == null) {
            return Response.html(404, Html.page("Not found", "<h1>This Checkout Session does not exist.</h1>"));
        }
        String state = Json.string(session, "status");
        if ("complete".equals(state)) {
            return Response.html(status == 200 ? 200 : status, Html.page("Paid",
                    "<h1>This Checkout Session is already paid.</h1><p><a href=\"" + Html.escape(successUrl(session))
                            + "\">Continue</a></p>"));
        }
        if ("expired".equals(state)) {
            return Response.html(status == 200 ? 410 : status, Html.page("Expired",
                    "<h1>This Checkout Session has expired.</h1>" + cancelLink(session)));
        }
        return Response.html(status, Html.page("Checkout", form(session, error)));
    }

    private static String form(JsonObject session, String error) {
        StringBuilder body = new StringBuilder("<h1>Checkout</h1><table>");
        for (JsonObject line : Checkout.lines(session)) {
            JsonObject price = line.getAsJsonObject("price");
            JsonObject recurring = Json.object(price, "recurring");
            String per = recurring == null ? "" : " / " + Json.string(recurring, "interval");
            body.append("<tr><td class=\"product\">").append(Html.escape(Json.string(line, "description")))
                    .append(" × ").append(Json.integer(line, "quantity")).append("</td><td class=\"amount\">")
                    .append(Html.money(Json.integer(line, "amount_total"), Json.string(line, "currency")))
                    .append(Html.escape(per)).append("</td></tr>");
        }
        body.append("<tr><td><strong>Total due today</strong></td><td class=\"amount\"><strong id=\"total\">")
                .append(Html.money(Json.integer(session, "amount_total"), Json.string(session, "currency")))
                .append("</strong></td></tr></table>");
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(Html.escape(error)).append("</p>");
        }
        body.append("<form method=\"post\" action=\"/checkout/").append(Html.escape(Json.string(session, "id")))
                .append("\">");
        if (Json.string(session, "customer") == null && Json.string(session, "customer_email") == null) {
            body.append("<label for=\"email\">Email</label>")
                    .append("<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\">");
        }
        body.append(CardExpiryAndCode.inputs())
                .append("<button type=\"submit\" id=\"pay\">Pay</button></form>")
                .append(cancelLink(session));
        return body.toString();
    }

    private static String cancelLink(JsonObject session) {
        String cancel = Json.string(session, "cancel_url");
        return cancel == null ? ""
                : "<p><a id=\"cancel\" href=\"" + Html.escape(cancel) + "\">Cancel and go back</a></p>";
    }
}
