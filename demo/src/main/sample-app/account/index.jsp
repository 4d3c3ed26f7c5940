<%@ page contentType="text/html;charset=UTF-8" %>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Your account</h1>
<p>You are signed in as <b>${pageContext.request.remoteUser}</b>.</p>
<p>Plan: <b>${empty entitlement.plan ? 'free' : entitlement.plan}</b>.
    ${empty entitlement.plan ? 'See <a href="'.concat(pageContext.request.contextPath).concat('/pricing">pricing</a> to upgrade.') : ''}</p>
<p>Credits: <b id="account-credits">${entitlement.credits}</b>. <a id="credits-link" href="${pageContext.request.contextPath}/credits">See your credits and buy more</a>.</p>
<%-- Stripe's customer portal, through the payments WAR: switch plans, cancel, or take a cancellation back. --%>
${empty entitlement.plan ? '' : '<form method="post" action="/payments/billing/portal"><button id="manage-billing">Manage billing</button></form>'}
<%-- The payments WAR's admin console, for its role: who paid, why no access, resync, reconcile. --%>
${pageContext.request.isUserInRole('payments-admin') ? '<p class="note">You administer payments: <a class="button" id="open-console" href="/payments/admin/">Open the payments console</a></p>' : ''}
<%@ include file="/WEB-INF/pages/footer.jspf" %>
