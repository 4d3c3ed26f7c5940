<%@ page contentType="text/html;charset=UTF-8" session="false" %>
<%-- Logging out ends the single sign-on entry, which invalidates this app's session and /payments' too; the
     second call covers a setup without single sign-on. --%>
${pageContext.request.logout()}${pageContext.request.getSession(false).invalidate()}
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Signed out</h1>
<p><a href="${pageContext.request.contextPath}/">Home</a></p>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
