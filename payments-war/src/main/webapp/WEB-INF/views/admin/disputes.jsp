<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ include file="header.jspf" %>
<c:if test="${not empty disputes.failure}"><p class="banner banner-amber" id="stripe-failure"><c:out value="${disputes.failure}"/></p></c:if>
<p class="facts">Stripe's newest disputes<c:if test="${disputes.more}"> (the first 100; older ones are in Stripe's Dashboard)</c:if>. Evidence is submitted in Stripe's Dashboard.</p>
<table id="disputes">
<thead><tr><th>Opened</th><th>Dispute</th><th>User</th><th class="num">Amount</th><th>Reason</th><th>Status</th><th>Evidence due</th><th>Access effect</th></tr></thead>
<tbody><c:forEach var="d" items="${disputes.disputes}">
<tr><td><c:out value="${d.createdText}"/></td><td class="id"><c:out value="${d.id}"/><br><span class="note"><c:out value="${d.chargeId}"/></span></td>
<td><c:choose><c:when test="${not empty d.userId}"><c:url var="customerPage" value="/admin/customer"><c:param name="user" value="${d.userId}"/></c:url><a href="${customerPage}"><c:out value="${d.userId}"/></a></c:when>
<c:otherwise><span class="id"><c:out value="${empty d.customerId ? 'unknown' : d.customerId}"/></span></c:otherwise></c:choose></td>
<td class="num"><c:out value="${d.amountText}"/></td><td><c:out value="${d.reason}"/></td><td><c:out value="${d.status}"/></td>
<td><c:out value="${d.open ? d.evidenceDueByText : ''}"/></td><td class="effect-${d.change}"><c:out value="${d.effect}"/></td></tr>
</c:forEach>
<c:if test="${empty disputes.disputes}"><tr><td colspan="8">No disputes.</td></tr></c:if></tbody></table>
<%@ include file="footer.jspf" %>
