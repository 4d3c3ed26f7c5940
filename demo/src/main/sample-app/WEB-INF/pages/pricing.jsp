<%@ page contentType="text/html;charset=UTF-8" import="dev.tollgate.gate.Prices" %>
<%-- The plans and what they cost, as Stripe says: the gate jar's Prices asks the payments WAR's
     GET /billing/prices, which reads Stripe's prices and keeps them for a few minutes. Nothing about money is
     written here; only the app's own words for each plan are. --%>
<%!
    /** The app's own line for each plan; the catalog and Stripe say what it costs. */
    static String tagline(String plan) {
        if (plan.equals("basic")) {
            return "More notebooks.";
        }
        if (plan.equals("lifetime")) {
            return "Everything in Pro, for life: no renewals.";
        }
        return plan.equals("pro") ? "Everything in Basic, and the Pro area." : "";
    }

    static String title(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    static String html(Object text) {
        return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
%>
<% Prices prices = Prices.of(request); %>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Pricing</h1>
<p>${empty pageContext.request.remoteUser
        ? 'Sign in first; the payments WAR will ask you otherwise.'
        : 'The Pro area needs the Pro plan.'}</p>
<% if (!prices.isAvailable()) { %>
<p class="note" id="prices-unavailable">The prices cannot be shown right now; please try again in a moment.</p>
<% } %>
<%-- Plain forms posting a price id to the payments WAR: the whole Stripe integration of this app. --%>
<div class="plans">
<% for (Prices.Offer plan : prices.getPlans()) {
       int n = 0;
       for (Prices.Price price : plan.prices()) {
           String id = "subscribe-" + html(plan.name()) + (n++ == 0 ? "" : "-" + n); %>
    <form class="plan" method="post" action="/payments/billing/checkout">
        <h2><%= html(title(plan.name())) %></h2>
        <p><span class="price" id="price-<%= html(plan.name()) %><%= n == 1 ? "" : "-" + n %>"><%= html(price.formatted()) %></span>
            <%= html(price.period()) %>.
            <%= plan.trialDays() == null ? "" : "The first " + plan.trialDays() + " days are free." %>
            <%= html(tagline(plan.name())) %></p>
        <input type="hidden" name="price" value="<%= html(price.id()) %>">
        <button id="<%= id %>"><%= price.recurring() ? "Subscribe to " : "Buy " %><%= html(title(plan.name())) %></button>
    </form>
<%     }
   } %>
</div>
<% if (!prices.getCreditPacks().isEmpty()) { %>
<p>Reports can also be paid with credits: see <a id="credits-link" href="${pageContext.request.contextPath}/credits">your
    credits</a>.</p>
<% } %>
<% if (prices.isStale()) { %>
<p class="note" id="prices-stale">These prices could not be checked with Stripe just now.</p>
<% } %>
<p class="note">Pay with the test card 4242 4242 4242 4242 on the Stripe emulator's page; no real money, no
    network.</p>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
