<%@ page contentType="text/html;charset=UTF-8" %>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Sign in failed</h1>
<p>That user name and password did not match. <a href="${pageContext.request.contextPath}/account/">Try again</a>
    (alice / alice, bob / bob, admin / admin).</p>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
