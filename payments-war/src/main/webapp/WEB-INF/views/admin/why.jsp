<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ include file="header.jspf" %>
<c:url var="detail" value="/admin/customer"><c:param name="user" value="${diagnosis.userId}"/></c:url>
<p class="banner ${diagnosis.accessNow ? 'banner-green' : 'banner-red'}" id="why-summary"><c:out value="${diagnosis.summary}"/></p>
<c:if test="${not empty stripeFailure}"><p class="banner banner-amber" id="stripe-failure"><c:out value="${stripeFailure}"/></p></c:if>
<c:forEach var="check" items="${diagnosis.checks}">
<div class="check" id="check-${check.point}">
<h2>${check.point}. <c:out value="${check.question}"/> <span class="verdict verdict-${check.verdict}"><c:out value="${check.verdict}"/></span></h2>
<p class="finding"><c:out value="${check.finding}"/></p>
<p class="fix"><b>Fix:</b> <c:out value="${check.fix}"/></p>
</div>
</c:forEach>
<form method="post" action="${ctx}/admin/customer/resync">
<input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="user" value="<c:out value='${diagnosis.userId}'/>">
<button type="submit" id="resync">Resync now</button> <a href="${detail}">Customer page</a>
</form>
<%@ include file="footer.jspf" %>
