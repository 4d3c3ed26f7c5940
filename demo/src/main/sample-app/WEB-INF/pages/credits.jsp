<%@ page contentType="text/html;charset=UTF-8"
         import="dev.tollgate.gate.CreditEntry, dev.tollgate.gate.Credits, dev.tollgate.gate.Prices, java.util.List" %>
<%-- The signed-in user's credits: the balance and the ledger through the gate jar's Credits API (the payments
     database, read on every view, no cache), and the packs to buy with what Stripe says they cost (Prices). --%>
<%!
    static String html(Object text) {
        return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** The ledger's reason in words. */
    static String why(CreditEntry entry) {
        java.util.Map<String, String> words = java.util.Map.of("checkout", "Credits bought", "spend", "Spent",
                "allowance", "Included in your plan", "allowance_expired", "Plan credits expired");
        return words.getOrDefault(entry.reason(), entry.reason());
    }
%>
<%
    String user = request.getRemoteUser();
    Credits credits = Credits.of(application);
    long balance = credits.balance(user);
    List<CreditEntry> entries = credits.entries(user, 20);
    Prices prices = Prices.of(request);
    java.time.format.DateTimeFormatter when = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'",
            java.util.Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC);
%>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Your credits</h1>
<p>Balance: <b id="credit-balance"><%= balance %></b> credits.</p>
<h2>History</h2>
<% if (entries.isEmpty()) { %>
<p id="ledger-empty">No credits bought or spent yet.</p>
<% } else { %>
<table id="ledger">
    <tr><th>When</th><th>What</th><th>Credits</th></tr>
<% for (CreditEntry entry : entries) { %>
    <tr class="ledger-entry"><td><%= when.format(entry.createdAt()) %></td>
        <td><%= html(why(entry)) %><%= entry.detail() == null ? "" : ": " + html(entry.detail()) %></td>
        <td class="amount"><%= entry.amount() > 0 ? "+" + entry.amount() : entry.amount() %></td></tr>
<% } %>
</table>
<% } %>
<h2>Buy credits</h2>
<% if (!prices.isAvailable()) { %>
<p class="note" id="prices-unavailable">The packs cannot be shown right now; please try again in a moment.</p>
<% } %>
<div class="plans">
<% for (Prices.Offer pack : prices.getCreditPacks()) {
       for (Prices.Price price : pack.prices()) { %>
    <form class="plan" method="post" action="/payments/billing/checkout">
        <h2><%= pack.credits() %> credits</h2>
        <p><span class="price" id="pack-price-<%= pack.credits() %>"><%= html(price.formatted()) %></span>,
            paid once.</p>
        <input type="hidden" name="price" value="<%= html(price.id()) %>">
        <button id="buy-credits-<%= pack.credits() %>">Buy <%= pack.credits() %> credits</button>
    </form>
<%     }
   } %>
</div>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
