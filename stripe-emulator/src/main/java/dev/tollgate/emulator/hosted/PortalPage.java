package dev.tollgate.emulator.hosted;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tollgate.emulator.billing.Customers;
import dev.tollgate.emulator.billing.PaymentDeclined;
import dev.tollgate.emulator.billing.Portal;
import dev.tollgate.emulator.billing.PortalCards;
import dev.tollgate.emulator.billing.Subscriptions;
import dev.tollgate.emulator.http.ApiError;
import dev.tollgate.emulator.http.Params;
import dev.tollgate.emulator.http.Request;
import dev.tollgate.emulator.http.Response;
import dev.tollgate.emulator.http.Router;
import dev.tollgate.emulator.state.Json;
import dev.tollgate.emulator.state.Store;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosted customer portal. {@code GET /portal/<id>} lists the customer's subscriptions;
 * {@code POST /portal/<id>/subscriptions/<sub id>} with {@code action} = {@code cancel_at_period_end},
 * {@code renew} (undo that), {@code cancel_now}, or {@code switch} with {@code price} (another plan, see
 * {@link Portal#switchOptions}, prorated) changes one and returns to the portal page;
 * {@code POST /portal/<id>/payment_methods} ({@code card_number}, {@code exp}, {@code cvc}) adds a card
 * ({@link PortalCards}).
 */
public final class PortalPage {
    private final Store store;
    private final Portal portal;
    private final Subscriptions subscriptions;
    private final Customers customers;
    private final PortalCards cards;

    public PortalPage(Store store, Portal portal, Subscriptions subscriptions, Customers customers,
            PortalCards cards) {
        this.store = store;
        this.cards = cards;
        this.customers = customers;
        this.portal = portal;
        this.subscriptions = subscriptions;
    }

    public void register(Router router) {
        router.get("/portal/{id}", this::show)
                .post("/portal/{id}/subscriptions/{subscription}", this::change)
                .post("/portal/{id}/payment_methods", this::addCard);
    }

    /**
     * "Add a payment method": a test card with an expiry and a code, checked as the Checkout page checks them; a
     * card that cannot be saved shows the page again with Stripe's message (402) and changes nothing.
     */
    private Response addCard(Request request) {
        String id = request.pathValue("id");
        Params form = request.params();
        Optional<String> unusable = CardExpiryAndCode.problem(form, store.now());
        String problem = store.atomically(() -> {
            JsonObject session = portal.require(id);
            if (unusable.isPresent()) {
                return unusable.get();
            }
            try {
                store.at(customers.timeOf(Json.string(session, "customer")), () ->
                        cards.add(session, form.string("card_number").orElse("")));
                return null;
            } catch (PaymentDeclined declined) {
                return declined.getMessage();
            }
        });
        if (problem != null) {
            String page = store.atomically(() -> {
                JsonObject session = portal.require(id);
                return render(session, portal.subscriptionsOf(Json.string(session, "customer")), portal, problem);
            });
            return Response.html(402, page);
        }
        return Response.seeOther("/portal/" + id);
    }

    private Response show(Request request) {
        String page = store.atomically(() -> {
            JsonObject session = store.find("billing_portal.session", request.pathValue("id")).orElse(null);
            if (session == null) {
                return null;
            }
            return render(session, portal.subscriptionsOf(Json.string(session, "customer")), portal, null);
        });
        if (page == null) {
            return Response.html(404, Html.page("Not found", "<h1>This portal session does not exist.</h1>"));
        }
        return Response.html(200, page);
    }

    private Response change(Request request) {
        String id = request.pathValue("id");
        String subscriptionId = request.pathValue("subscription");
        String action = request.params().string("action").orElse("");
        store.atomically(() -> {
            JsonObject session = portal.require(id);
            JsonObject subscription = portal.ownedSubscription(session, subscriptionId);
            // A customer on a test clock acts at the clock's time.
            return store.at(customers.timeOf(Json.string(session, "customer")), () -> {
                switch (action) {
                    case "cancel_at_period_end" ->
                            subscriptions.setCancelAtPeriodEnd(subscriptionId, true, Map.of());
                    case "renew" -> subscriptions.setCancelAtPeriodEnd(subscriptionId, false, Map.of());
                    case "cancel_now" -> subscriptions.cancelNow(subscriptionId);
                    case "switch" -> portal.switchPlan(session, subscription,
                            request.params().string("price").orElse(""));
                    default -> throw ApiError.invalidParam("action",
                            "action must be cancel_at_period_end, renew, cancel_now or switch");
                }
                return null;
            });
        });
        return Response.seeOther("/portal/" + id);
    }

    private static String render(JsonObject session, List<JsonObject> live, Portal portal, String cardProblem) {
        String id = Json.string(session, "id");
        StringBuilder body = new StringBuilder("<h1>Your subscriptions</h1>");
        if (live.isEmpty()) {
            body.append("<p id=\"none\">You have no active subscriptions.</p>");
        }
        for (JsonObject subscription : live) {
            String subscriptionId = Json.string(subscription, "id");
            body.append("<section class=\"subscription\" id=\"").append(Html.escape(subscriptionId)).append("\">")
                    .append("<h2>").append(Html.escape(products(subscription))).append("</h2>")
                    .append("<p>Status: <span class=\"status\">")
                    .append(Html.escape(Json.string(subscription, "status")))
                    .append("</span></p>");
            long periodEnd = Subscriptions.currentPeriodEnd(subscription);
            boolean ending = Json.bool(subscription, "cancel_at_period_end");
            body.append("<p>").append(ending ? "Cancels on " : "Renews on ").append(Html.date(periodEnd))
                    .append("</p><form method=\"post\" action=\"/portal/").append(Html.escape(id))
                    .append("/subscriptions/").append(Html.escape(subscriptionId)).append("\">");
            if (ending) {
                body.append(button("renew", "Don't cancel"));
            } else {
                body.append(button("cancel_at_period_end", "Cancel at period end"));
            }
            body.append(button("cancel_now", "Cancel now")).append("</form>");
            for (JsonObject price : portal.switchOptions(session, subscription)) {
                body.append("<form class=\"switch\" method=\"post\" action=\"/portal/").append(Html.escape(id))
                        .append("/subscriptions/").append(Html.escape(subscriptionId)).append("\">")
                        .append("<input type=\"hidden\" name=\"price\" value=\"")
                        .append(Html.escape(Json.string(price, "id"))).append("\">")
                        .append(button("switch", "Switch to " + priceName(price))).append("</form>");
            }
            body.append("</section>");
        }
        body.append(cardForm(id, cardProblem));
        String back = Json.string(session, "return_url");
        if (back != null) {
            body.append("<p><a id=\"return\" href=\"").append(Html.escape(back)).append("\">Return</a></p>");
        }
        return Html.page("Billing portal", body.toString());
    }

    /** "Add a payment method": number, expiry and code, as on the Checkout page; Stripe's message when refused. */
    private static String cardForm(String id, String problem) {
        StringBuilder form = new StringBuilder("<h2>Payment method</h2>");
        if (problem != null) {
            form.append("<p class=\"error\" id=\"card-error\">").append(Html.escape(problem)).append("</p>");
        }
        return form.append("<form id=\"add-card\" method=\"post\" action=\"/portal/").append(Html.escape(id))
                .append("/payment_methods\">").append(CardExpiryAndCode.inputs())
                .append("<button type=\"submit\">Add a payment method</button></form>").toString();
    }

    private static String button(String action, String label) {
        return "<button type=\"submit\" name=\"action\" value=\"" + action + "\">" + Html.escape(label) + "</button>";
    }

    private static String products(JsonObject subscription) {
        StringBuilder names = new StringBuilder();
        for (JsonElement item : subscription.getAsJsonObject("items").getAsJsonArray("data")) {
            JsonObject price = item.getAsJsonObject().getAsJsonObject("price");
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(priceName(price));
        }
        return names.toString();
    }

    private static String priceName(JsonObject price) {
        return Json.string(price, "nickname") != null ? Json.string(price, "nickname")
                : Json.string(price, "lookup_key") != null ? Json.string(price, "lookup_key")
                : Json.string(price, "id");
    }
}
