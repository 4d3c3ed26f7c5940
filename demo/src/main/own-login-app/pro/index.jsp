<%@ page contentType="text/html;charset=UTF-8" %>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Pro area</h1>
<p id="pro-content">Welcome to Acme Sketch Pro, ${user}: unlimited canvases are yours.</p>
<p class="note">You see this page because the Tollgate gate read the user from this app's own sign-in and found an
    entitlement for plan <b>${empty entitlement.plan ? 'pro' : entitlement.plan}</b> in the database.</p>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
