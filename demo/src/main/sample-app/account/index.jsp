<%@ page contentType="text/html;charset=UTF-8" %>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Your account</h1>
<p>You are signed in as <b>${pageContext.request.remoteUser}</b>.</p>
<p>Plan: <b>${empty entitlement.plan ? 'free' : entitlement.plan}</b>.
    ${empty entitlement.plan ? 'See <a href="'.concat(pageContext.request.contextPath).concat('/pricing">pricing</a> to upgrade.') : ''}</p>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
