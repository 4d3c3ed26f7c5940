<%@ page contentType="text/html;charset=UTF-8" %>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Acme Sketch</h1>
<p>A second app on the same site that signs its users in itself: no container login, its own sign-in page, the
    user kept in its own attribute. The Tollgate gate jar in its <code>WEB-INF/lib</code> reads that attribute
    (<code>PAYMENTS_USER_ATTRIBUTE</code>) and gates <a href="${pageContext.request.contextPath}/pro/">the Pro
    area</a> with the rule <code>/pro/*=plan:pro</code>.</p>
<p>Its billing buttons name the user to the payments WAR with short-lived tokens signed by the gate jar's
    <code>HandOff</code> (<code>PAYMENTS_HANDOFF_SECRET</code>), and ask Stripe's pages to send the user back here
    (<code>return_to</code>, allowed by <code>PAYMENTS_RETURN_URLS</code>).</p>
<p><a class="button" id="start" href="${pageContext.request.contextPath}/${empty user ? 'sign-in' : 'account'}">${empty user ? 'Sign in' : 'Your account'}</a></p>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
