<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ include file="header.jspf" %>
<form class="filters" method="get" action="${ctx}/admin/events" id="event-filter">
<label>Status <select name="status"><option value="">any</option>
<c:forEach var="s" items="${statuses}"><option value="${s}" ${s == filter.status ? 'selected' : ''}><c:out value="${s}"/></option></c:forEach>
</select></label>
<label>Type <input name="type" value="<c:out value='${filter.type}'/>" placeholder="invoice.paid" size="22"></label>
<label>Customer <input name="customer" value="<c:out value='${filter.customer}'/>" placeholder="cus_…" size="18"></label>
<label>From <input name="from" value="<c:out value='${filter.from}'/>" placeholder="2026-12-01" size="16"></label>
<label>To <input name="to" value="<c:out value='${filter.to}'/>" placeholder="2026-12-02T08:00" size="16"></label>
<button type="submit">Filter</button>
</form>
<form class="inline" method="post" action="${ctx}/admin/events/replay">
<input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="status" value="failed">
<button type="submit" id="replay-failed">Replay all failed</button></form>
<form class="inline" method="post" action="${ctx}/admin/events/replay">
<input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="status" value="unmatched">
<button type="submit" id="replay-unmatched">Replay all unmatched</button></form>
<p class="note" id="event-count"><c:out value="${list.total}"/> event(s) match; newest first.</p>
<table id="events">
<thead><tr><th>Created</th><th>Event</th><th>Type</th><th>Status</th><th>Object</th><th>Source</th><th class="num">Attempts</th><th>Last note</th></tr></thead>
<tbody>
<c:forEach var="e" items="${list.events}">
<tr><td><c:out value="${e.createdText}"/></td>
<td class="id"><a href="${ctx}/admin/event?id=<c:out value='${e.eventId}'/>"><c:out value="${e.eventId}"/></a></td>
<td><c:out value="${e.type}"/></td><td class="status-${e.status}"><c:out value="${e.status}"/></td>
<td class="id"><c:out value="${e.objectId}"/></td><td><c:out value="${e.source}"/></td>
<td class="num"><c:out value="${e.attempts}"/></td><td><c:out value="${e.lastError}"/></td></tr>
</c:forEach>
</tbody></table>
<p class="pager">
<c:if test="${not empty list.previousPage}"><a href="${ctx}/admin/<c:out value='${list.previousPage}'/>">← Newer</a></c:if>
<c:if test="${not empty list.nextPage}"><a href="${ctx}/admin/<c:out value='${list.nextPage}'/>" id="next-page">Older →</a></c:if>
</p>
<%@ include file="footer.jspf" %>
