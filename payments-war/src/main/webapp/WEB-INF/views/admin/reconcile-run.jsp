<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ include file="header.jspf" %>
<c:choose><c:when test="${running}">
<p class="note" id="run-refreshing">Running: this page reloads itself every <c:out value="${refreshSeconds}"/> seconds until the run ends.</p>
</c:when><c:otherwise>
<p class="note" id="run-ended">The run has ended; these are its final figures.</p>
</c:otherwise></c:choose>
<table id="run">
<tr><th>Job</th><td><c:out value="${run.job}"/>${run.dryRun ? ' (dry run: reports, heals nothing)' : ''}</td></tr>
<tr><th>Status</th><td class="status-${run.status}" id="run-status"><c:out value="${run.status}"/></td></tr>
<tr><th>Node</th><td class="id"><c:out value="${run.node}"/></td></tr>
<tr><th>Started</th><td><c:out value="${run.startedText}"/></td></tr>
<tr><th>Finished</th><td><c:out value="${run.finishedText}"/></td></tr>
<tr><th>${run.job == 'catch-up' ? 'Events listed' : 'Customers and Checkouts compared'}</th><td class="num" id="run-seen"><c:out value="${run.seen}"/></td></tr>
<tr><th>${run.job == 'catch-up' ? 'Applied' : 'Differences'}</th><td class="num" id="run-applied"><c:out value="${run.applied}"/></td></tr>
<c:if test="${run.job != 'catch-up'}"><tr><th>Healed</th><td class="num" id="run-healed"><c:out value="${run.healed}"/></td></tr></c:if>
<tr><th>Stripe calls</th><td class="num" id="run-calls"><c:out value="${run.stripeCalls}"/></td></tr>
<tr><th>Done up to</th><td class="id"><c:out value="${progress}"/></td></tr>
<c:if test="${not empty run.lastError}"><tr><th>Error</th><td><c:out value="${run.lastError}"/></td></tr></c:if>
</table>
<c:if test="${run.job != 'catch-up'}">
<h2>Differences this run found</h2>
<table id="run-drift">
<thead><tr><th>Found</th><th>User</th><th>Ours</th><th>Stripe's</th><th>Reason</th></tr></thead>
<tbody><c:forEach var="d" items="${found}">
<c:url var="detail" value="/admin/customer"><c:param name="user" value="${d.userId}"/></c:url>
<tr><td><c:out value="${d.foundText}"/></td><td><a href="${detail}"><c:out value="${d.userId}"/></a></td>
<td><c:out value="${d.ours}"/></td><td><c:out value="${d.stripe}"/></td><td><c:out value="${d.reason}"/></td></tr>
</c:forEach>
<c:if test="${empty found}"><tr><td colspan="5">None<c:if test="${running}"> so far</c:if>.</td></tr></c:if></tbody></table>
</c:if>
<p><a href="${ctx}/admin/reconcile">Back to Reconcile</a> · <a href="${ctx}/admin/api/reconcile/runs/${run.id}">this run as JSON</a></p>
<%@ include file="footer.jspf" %>
