<%-- Reached only by forward from EndpointServlet, in the console layout: request attribute "check" (EndpointViews.CheckView) and, after a
     set-up, "setUp" (EndpointViews.SetUpView). Everything that came from Stripe is written with c:out. --%>
<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ include file="header.jspf" %>
<p>Stripe sends this deployment's events to <code id="webhook-url"><c:out value="${check.url}"/></code>,
rendered at API version <code><c:out value="${check.pinnedApiVersion}"/></code>.</p>

<c:if test="${not empty setUp}">
<section id="set-up">
<h2>Done</h2>
<c:if test="${empty setUp.done}"><p>Nothing needed changing.</p></c:if>
<ul><c:forEach items="${setUp.done}" var="line"><li><c:out value="${line}"/></li></c:forEach></ul>
<c:if test="${not empty setUp.newSecret}">
<p class="secret">Signing secret: <code id="new-secret"><c:out value="${setUp.newSecret}"/></code></p>
<p id="instruction"><c:out value="${setUp.instruction}"/></p>
</c:if>
</section>
</c:if>

<section id="check">
<h2>Check</h2>
<c:choose>
<c:when test="${check.ok}"><p id="verdict" class="ok">The endpoint is in order.</p></c:when>
<c:otherwise><p id="verdict" class="problem">The endpoint needs attention:</p>
<ul id="problems"><c:forEach items="${check.problems}" var="problem"><li><c:out value="${problem}"/></li></c:forEach></ul>
</c:otherwise>
</c:choose>
<c:if test="${not empty check.endpoint}">
<p>Endpoint <code id="endpoint-id"><c:out value="${check.endpoint.id}"/></code>:
<c:out value="${check.endpoint.enabled ? 'enabled' : 'disabled'}"/>,
API version <c:out value="${empty check.endpoint.apiVersion ? 'of the account' : check.endpoint.apiVersion}"/>,
<c:out value="${check.endpoint.eventTypeCount}"/> event type(s).</p>
</c:if>
</section>

<c:if test="${not check.ok}">
<form method="post" action="${ctx}/admin/endpoint">
<input type="hidden" name="_csrf" value="<c:out value='${check.csrfToken}'/>">
<button type="submit" id="set-up-button">${empty check.endpoint ? 'Create the endpoint' : 'Fix the endpoint'}</button>
</form>
</c:if>
<%@ include file="footer.jspf" %>
