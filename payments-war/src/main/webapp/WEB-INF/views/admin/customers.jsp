<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ include file="header.jspf" %>
<form class="filters" method="get" action="${ctx}/admin/customers" id="customer-search">
<label>User, email or Stripe customer id <input name="q" value="<c:out value='${found.query}'/>" size="36" autofocus></label>
<button type="submit">Search</button>
</form>
<c:if test="${not empty found.query}">
<p class="note"><c:out value="${found.accounts.size()}"/> match(es) for “<c:out value="${found.query}"/>”.</p>
<table id="customers">
<thead><tr><th>User</th><th>Email</th><th>Stripe customer</th><th>Since</th><th></th></tr></thead>
<tbody>
<c:forEach var="a" items="${found.accounts}">
<c:url var="detail" value="/admin/customer"><c:param name="user" value="${a.userId}"/></c:url>
<c:url var="why" value="/admin/customer/why"><c:param name="user" value="${a.userId}"/></c:url>
<tr><td><a href="${detail}" class="customer-link"><c:out value="${a.userId}"/></a></td><td><c:out value="${a.email}"/></td>
<td class="id"><c:out value="${a.customerId}"/></td><td><c:out value="${a.createdText}"/></td>
<td><a href="${why}">Why no access?</a></td></tr>
</c:forEach>
</tbody></table>
</c:if>
<%@ include file="footer.jspf" %>
