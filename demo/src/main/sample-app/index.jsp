<%@ page contentType="text/html;charset=UTF-8" %>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Acme Notes</h1>
<p>This little app stands for your existing webapp. It knows nothing about Stripe: its <code>/pro/</code> area is
    paid because the Tollgate filter's jar sits next to it, configured with <code>PAYMENTS_PROTECT=/pro/*=plan:pro</code>.</p>
<ol>
    <li><a href="${pageContext.request.contextPath}/account/">Sign in</a> as <b>alice</b> / alice.</li>
    <li>Open the <a href="${pageContext.request.contextPath}/pro/">Pro area</a>: you are sent to pricing.</li>
    <li>Subscribe to Pro and pay on the emulator's page with 4242 4242 4242 4242.</li>
    <li>You come back to the Pro area, signed in, with access.</li>
</ol>
<p class="note">Other users: <b>bob</b> / bob (never pays), <b>admin</b> / admin (role <code>payments-admin</code>).</p>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
