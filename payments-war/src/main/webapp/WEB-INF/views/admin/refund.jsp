<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ include file="header.jspf" %>
<c:set var="p" value="${preview.payment}"/>
<table id="refund-summary">
<tr><th>User</th><td><c:out value="${preview.user}"/></td></tr>
<tr><th>Charge</th><td class="id"><c:out value="${p.chargeId}"/> (<c:out value="${p.amountText}"/>, <c:out value="${p.createdText}"/>)</td></tr>
<tr><th>Refunded so far</th><td><c:out value="${p.refundedText}"/></td></tr>
<tr><th>This refund</th><td id="refund-amount"><c:out value="${preview.amountText}"/> — ${preview.full ? 'the whole charge' : 'part of the charge'}</td></tr>
<tr><th>Reason</th><td><c:out value="${preview.reason}"/></td></tr>
</table>
<p class="banner ${preview.change == 'ends' ? 'banner-red' : 'banner-green'}" id="access-effect"><c:out value="${preview.effect}"/></p>
<form method="post" action="${ctx}/admin/refunds/refund" id="refund-confirm">
<input type="hidden" name="_csrf" value="${csrfToken}">
<input type="hidden" name="user" value="<c:out value='${preview.user}'/>"><input type="hidden" name="charge" value="<c:out value='${p.chargeId}'/>">
<input type="hidden" name="amount" value="${preview.amount}"><input type="hidden" name="reason" value="<c:out value='${preview.reason}'/>">
<input type="hidden" name="idempotencyKey" value="<c:out value='${preview.idempotencyKey}'/>">
<button type="submit" id="confirm-refund">Refund <c:out value="${preview.amountText}"/></button>
<span class="note">Sent to Stripe with this page's idempotency key: pressing twice refunds once.</span>
</form>
<c:url var="back" value="/admin/refunds"><c:param name="user" value="${preview.user}"/></c:url>
<p><a href="${back}">Back to the payments</a></p>
<%@ include file="footer.jspf" %>
