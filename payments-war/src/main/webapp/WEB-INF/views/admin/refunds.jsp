<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ include file="header.jspf" %>
<form class="filters" method="get" action="${ctx}/admin/refunds" id="refund-user">
<label>User <input type="text" name="user" value="<c:out value='${refunds.user}'/>" maxlength="320"></label>
<button type="submit">Show payments</button></form>
<c:if test="${not empty refunds.failure}"><p class="banner banner-amber" id="stripe-failure"><c:out value="${refunds.failure}"/></p></c:if>
<c:if test="${not empty refunds.user}">
<c:url var="customerPage" value="/admin/customer"><c:param name="user" value="${refunds.user}"/></c:url>
<p class="facts">The charges Stripe holds for <a href="${customerPage}"><c:out value="${refunds.user}"/></a>, newest first.
Choose an amount (empty: everything left) and a reason; the next page shows what the refund does to access before you confirm it.</p>
<table id="payments">
<thead><tr><th>Created</th><th>Charge</th><th class="num">Amount</th><th class="num">Refunded</th><th>Status</th><th>Refund</th></tr></thead>
<tbody><c:forEach var="p" items="${refunds.payments}">
<tr><td><c:out value="${p.createdText}"/></td><td class="id"><c:out value="${p.chargeId}"/><c:if test="${p.disputed}"> <span class="note">(disputed)</span></c:if></td>
<td class="num"><c:out value="${p.amountText}"/></td><td class="num"><c:out value="${p.refundedText}"/></td><td><c:out value="${p.status}"/></td>
<td><c:if test="${p.refundable > 0}"><form class="inline refund-form" method="get" action="${ctx}/admin/refund">
<input type="hidden" name="user" value="<c:out value='${refunds.user}'/>"><input type="hidden" name="charge" value="<c:out value='${p.chargeId}'/>">
<input type="text" name="amount" size="8" value="<c:out value='${p.refundableField}'/>" aria-label="Amount in <c:out value='${p.currency}'/>"> <c:out value="${p.currency}"/>
<select name="reason" aria-label="Reason"><c:forEach var="r" items="${refunds.reasons}"><option value="${r}" ${r == 'requested_by_customer' ? 'selected' : ''}><c:out value="${r}"/></option></c:forEach></select>
<button type="submit">Review refund</button></form></c:if></td></tr>
</c:forEach>
<c:if test="${empty refunds.payments}"><tr><td colspan="6">Stripe lists no charges for this user.</td></tr></c:if></tbody></table>
</c:if>
<%@ include file="footer.jspf" %>
