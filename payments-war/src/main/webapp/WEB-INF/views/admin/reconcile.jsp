<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ include file="header.jspf" %>
<p class="facts">This node: <span class="id"><c:out value="${node}"/></span>. One node of all runs each job at a time.</p>
<form class="inline" method="post" action="${ctx}/admin/reconcile/run">
<input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="job" value="catch-up">
<button type="submit" id="run-catch-up">Run catch-up now</button></form>
<form class="inline" method="post" action="${ctx}/admin/reconcile/run">
<input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="job" value="drift-scan"><input type="hidden" name="dryRun" value="true">
<button type="submit" id="run-drift-dry">Drift scan (report only)</button></form>
<form class="inline" method="post" action="${ctx}/admin/reconcile/run">
<input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="job" value="drift-scan">
<button type="submit" id="run-drift-heal">Drift scan and heal all</button></form>
<p class="note">A run starts in the background and its page shows its progress, reloading itself until it ends. A job
that is running (on any node) is not started twice.</p>

<h2>Open differences (<c:out value="${openDriftCount}"/>)</h2>
<table id="open-drift">
<thead><tr><th>Found</th><th>User</th><th>Ours</th><th>Stripe's</th><th>Reason</th><th></th></tr></thead>
<tbody><c:forEach var="d" items="${openDrift}">
<c:url var="detail" value="/admin/customer"><c:param name="user" value="${d.userId}"/></c:url>
<tr><td><c:out value="${d.foundText}"/></td><td><a href="${detail}"><c:out value="${d.userId}"/></a></td>
<td><c:out value="${d.ours}"/></td><td><c:out value="${d.stripe}"/></td><td><c:out value="${d.reason}"/></td>
<td><form class="inline" method="post" action="${ctx}/admin/customer/resync">
<input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="user" value="<c:out value='${d.userId}'/>">
<button type="submit">Heal (resync)</button></form></td></tr>
</c:forEach>
<c:if test="${empty openDrift}"><tr><td colspan="6">None.</td></tr></c:if></tbody></table>

<h2>Past runs</h2>
<table id="runs">
<thead><tr><th>Run</th><th>Job</th><th>Status</th><th>Started</th><th>Finished</th><th class="num">Stripe calls</th><th class="num">Seen</th><th class="num">Applied</th><th class="num">Healed</th><th>Error</th></tr></thead>
<tbody><c:forEach var="r" items="${runs}">
<tr><td class="num"><a href="${ctx}/admin/reconcile/run?id=${r.id}"><c:out value="${r.id}"/></a></td><td><c:out value="${r.job}"/>${r.dryRun ? ' (dry)' : ''}</td><td class="status-${r.status}"><c:out value="${r.status}"/></td>
<td><c:out value="${r.startedText}"/></td><td><c:out value="${r.finishedText}"/></td><td class="num"><c:out value="${r.stripeCalls}"/></td>
<td class="num"><c:out value="${r.seen}"/></td><td class="num"><c:out value="${r.applied}"/></td><td class="num"><c:out value="${r.healed}"/></td><td><c:out value="${r.lastError}"/></td></tr>
</c:forEach>
<c:if test="${empty runs}"><tr><td colspan="10">No run yet.</td></tr></c:if></tbody></table>
<%@ include file="footer.jspf" %>
