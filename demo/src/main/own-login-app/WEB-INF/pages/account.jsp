<%@ page contentType="text/html;charset=UTF-8"
         import="dev.tollgate.gate.Entitlement, dev.tollgate.gate.HandOff, dev.tollgate.gate.Prices, java.time.Instant" %>
<%-- The user's billing, through the payments WAR: "Buy Pro" and "Manage billing" are plain forms posted to
     /payments/billing/..., each carrying a hand-off token signed for that form (good for 5 minutes, so signed with
     the page) and the page Stripe should send the user back to (return_to, one of PAYMENTS_RETURN_URLS). --%>
<%!
    /** The app's signer: the same PAYMENTS_HANDOFF_SECRET as the payments WAR, read in the gate's order. */
    static HandOff handOff(ServletContext application) {
        HandOff signer = (HandOff) application.getAttribute(HandOff.class.getName());
        if (signer == null) {
            String secret = System.getenv(HandOff.SECRET_SETTING);
            if (secret == null) {
                secret = System.getProperty(HandOff.SECRET_SETTING);
            }
            if (secret == null) {
                secret = application.getInitParameter(HandOff.SECRET_SETTING);
            }
            signer = HandOff.withSecret(secret);
            application.setAttribute(HandOff.class.getName(), signer);
        }
        return signer;
    }

    static String html(Object text) {
        return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
%>
<%
    String user = request.getSession(false) == null ? null : (String) request.getSession(false).getAttribute("user");
    if (user == null) {
        response.setStatus(303);
        response.setHeader("Location", request.getContextPath() + "/sign-in");
        return;
    }
    HandOff signer = handOff(application);
    Instant now = Instant.now();
    request.setAttribute("checkoutToken", signer.sign(user, HandOff.Purpose.CHECKOUT, now));
    request.setAttribute("portalToken", signer.sign(user, HandOff.Purpose.PORTAL, now));
    request.setAttribute("backHere", request.getContextPath() + "/account");
    Prices prices = Prices.of(request);
    Prices.Price pro = prices.plan("pro").flatMap(plan -> plan.prices().stream().findFirst()).orElse(null);
    Entitlement entitlement = (Entitlement) request.getAttribute(Entitlement.REQUEST_ATTRIBUTE);
    boolean holdsAPlan = entitlement != null && entitlement.getPlan() != null;
%>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Your account</h1>
<p>You are signed in as <b id="account-user">${user}</b>.</p>
<p>Plan: <b id="account-plan">${empty entitlement.plan ? 'free' : entitlement.plan}</b>.</p>
<div class="billing">
<% if (pro != null && !holdsAPlan) { %>
    <form method="post" action="/payments/billing/checkout">
        <input type="hidden" name="payments_handoff" value="${checkoutToken}">
        <input type="hidden" name="return_to" value="${backHere}">
        <input type="hidden" name="price" value="<%= html(pro.id()) %>">
        <button id="buy-pro">Buy Pro · <span id="price-pro"><%= html(pro.formatted()) %></span> <%= html(pro.period()) %></button>
    </form>
<% } else if (pro == null) { %>
    <p class="note" id="prices-unavailable">The prices cannot be shown right now; please try again in a moment.</p>
<% } %>
<% if (holdsAPlan) { %>
    <form method="post" action="/payments/billing/portal">
        <input type="hidden" name="payments_handoff" value="${portalToken}">
        <input type="hidden" name="return_to" value="${backHere}">
        <button id="manage-billing">Manage billing</button>
    </form>
<% } %>
</div>
<p class="note">Pay with the test card 4242 4242 4242 4242 on the Stripe emulator's page; Checkout and the
    customer portal send you back to this page.</p>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
