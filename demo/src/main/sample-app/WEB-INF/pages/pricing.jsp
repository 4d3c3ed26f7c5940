<%@ page contentType="text/html;charset=UTF-8" %>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Pricing</h1>
<p>${empty pageContext.request.remoteUser
        ? 'Sign in first; the payments WAR will ask you otherwise.'
        : 'The Pro area needs the Pro plan.'}</p>
<%-- Plain forms posting a price id to the payments WAR: the whole Stripe integration of this app. The prices are
     the Stripe emulator's default catalog. --%>
<div class="plans">
    <form class="plan" method="post" action="/payments/billing/checkout">
        <h2>Basic</h2>
        <p>$9 a month. More notebooks.</p>
        <input type="hidden" name="price" value="price_basic_monthly">
        <button id="subscribe-basic">Subscribe to Basic</button>
    </form>
    <form class="plan" method="post" action="/payments/billing/checkout">
        <h2>Pro</h2>
        <p>$29 a month. Everything in Basic, and the Pro area.</p>
        <input type="hidden" name="price" value="price_pro_monthly">
        <button id="subscribe-pro">Subscribe to Pro</button>
    </form>
</div>
<p class="note">Pay with the test card 4242 4242 4242 4242 on the Stripe emulator's page; no real money, no
    network.</p>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
