<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ include file="header.jspf" %>
<c:set var="e" value="${detail.event}"/>
<table id="event">
<tr><th>Type</th><td><c:out value="${e.type}"/></td></tr>
<tr><th>Status</th><td class="status-${e.status}" id="event-status"><c:out value="${e.status}"/></td></tr>
<tr><th>Mode</th><td>${e.livemode ? 'live' : 'test'}</td></tr>
<tr><th>Object</th><td class="id"><c:out value="${e.objectId}"/></td></tr>
<c:if test="${not empty detail.customer}"><tr><th>Customer</th><td class="id"><a href="${ctx}/admin/customers?q=<c:out value='${detail.customer}'/>"><c:out value="${detail.customer}"/></a></td></tr></c:if>
<c:if test="${not empty detail.amount}"><tr><th>Amount</th><td><c:out value="${detail.amount}"/></td></tr></c:if>
<tr><th>Created by Stripe</th><td><c:out value="${e.createdText}"/></td></tr>
<tr><th>First reached us</th><td><c:out value="${e.receivedText}"/> (<c:out value="${e.source}"/>)</td></tr>
<tr><th>Attempts</th><td><c:out value="${e.attempts}"/> — deliveries and replays applied to it; the last outcome
<c:out value="${e.processedText}"/><c:if test="${empty e.processedText}">not reached yet</c:if></td></tr>
<tr><th>Last note or error</th><td><c:out value="${e.lastError}"/></td></tr>
</table>
<form method="post" action="${ctx}/admin/events/replay">
<input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="event" value="<c:out value='${e.eventId}'/>">
<button type="submit" id="replay-one">Replay this event</button>
<span class="note">An event that took effect already is left alone.</span>
</form>
<h2>Attempts</h2>
<c:choose><c:when test="${empty detail.attempts}"><p class="note" id="no-attempts">No attempt recorded (the event was logged before attempts were kept).</p></c:when>
<c:otherwise>
<table id="attempts">
<thead><tr><th>#</th><th>Reached us</th><th>Outcome</th><th>Error or note</th><th>Took</th><th>How</th><th>Node</th></tr></thead>
<tbody>
<c:forEach var="a" items="${detail.attempts}">
<tr><td class="num">${a.number}</td><td><c:out value="${a.receivedText}"/></td><td class="status-${a.outcome} outcome"><c:out value="${a.outcome}"/></td>
<td><c:out value="${a.error}"/></td><td class="num">${a.durationMs} ms</td><td><c:out value="${a.source}"/></td><td class="id"><c:out value="${a.node}"/></td></tr>
</c:forEach>
</tbody>
</table>
</c:otherwise></c:choose>
<h2>Payload</h2>
<pre class="payload" id="payload"><c:out value="${detail.payload}"/></pre>
<%@ include file="footer.jspf" %>
