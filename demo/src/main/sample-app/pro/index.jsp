<%@ page contentType="text/html;charset=UTF-8" %>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Pro area</h1>
<p id="pro-content">Welcome to Acme Notes Pro, ${pageContext.request.remoteUser}. Unlimited notebooks, shared
    folders and version history are yours.</p>
<p class="note">You see this page because the Tollgate filter found an entitlement for plan
    <b>${empty entitlement.plan ? 'pro' : entitlement.plan}</b> in the database, written when the payments WAR
    synced your Stripe subscription.</p>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
