<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ include file="header.jspf" %>
<c:set var="a" value="${customer.account}"/>
<c:url var="why" value="/admin/customer/why"><c:param name="user" value="${a.userId}"/></c:url>
<c:url var="refundsOf" value="/admin/refunds"><c:param name="user" value="${a.userId}"/></c:url>
<p class="facts">Stripe customer <span class="id"><c:out value="${empty a.customerId ? 'none' : a.customerId}"/></span>
<c:if test="${not empty a.email}"> · <c:out value="${a.email}"/></c:if> · since <c:out value="${a.createdText}"/>
· <a href="${why}" id="why-link">Why no access?</a> · <a href="${refundsOf}" id="refunds-link">Refund a payment</a></p>
<form method="post" action="${ctx}/admin/customer/resync">
<input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="user" value="<c:out value='${a.userId}'/>">
<button type="submit" id="resync">Resync now</button>
<span class="note">Re-reads the customer's subscriptions from Stripe through the same sync every webhook uses.</span>
</form>

<h2>Entitlement</h2>
<c:choose>
<c:when test="${empty customer.entitlement}"><p id="entitlement">Access now: <b id="access-now">no</b> — no entitlement row yet: nothing was ever granted.</p></c:when>
<c:otherwise><c:set var="en" value="${customer.entitlement}"/>
<table id="entitlement">
<tr><th>Access now</th><td id="access-now">${en.accessNow ? 'yes' : 'no'}</td></tr>
<tr><th>Plan</th><td id="entitlement-plan"><c:out value="${empty en.plan ? 'none' : en.plan}"/> <span class="note"><c:out value="${en.plans}"/></span></td></tr>
<tr><th>Status</th><td><c:out value="${en.status}"/></td></tr>
<tr><th>Access until</th><td><c:out value="${en.accessUntilText}"/></td></tr>
<tr><th>Features</th><td><c:out value="${en.features}"/></td></tr>
<tr><th>Credits</th><td><c:out value="${en.credits}"/></td></tr>
<tr><th>Version</th><td id="entitlement-version"><c:out value="${en.version}"/>, written <c:out value="${en.updatedText}"/></td></tr>
</table></c:otherwise>
</c:choose>
<h3>How it came to be: the newest changes</h3>
<table id="entitlement-history">
<thead><tr><th class="num">Version</th><th>Written</th><th>Cause</th><th>Plan</th><th>Status</th><th>Access</th><th>Access until</th><th class="num">Credits</th></tr></thead>
<tbody><c:forEach var="h" items="${customer.history}">
<tr><td class="num"><c:out value="${h.version}"/></td><td><c:out value="${h.changedText}"/></td>
<td><c:out value="${h.cause}"/><c:if test="${not empty h.causeRef}"><br><span class="id"><c:out value="${h.causeRef}"/></span></c:if></td>
<td><c:out value="${empty h.plan ? 'none' : h.plan}"/></td><td><c:out value="${h.status}"/></td><td>${h.grantsAccess ? 'yes' : 'no'}</td>
<td><c:out value="${h.accessUntilText}"/></td><td class="num"><c:out value="${h.credits}"/></td></tr>
</c:forEach>
<c:if test="${empty customer.history}"><tr><td colspan="8">No change recorded yet.</td></tr></c:if></tbody></table>

<h2>Subscriptions: ours and Stripe's</h2>
<table id="our-subscriptions">
<thead><tr><th>Recorded here</th><th>Status</th><th>Prices</th><th>Period ends</th><th>Cancels at end</th></tr></thead>
<tbody><c:forEach var="s" items="${customer.ourSubscriptions}">
<tr><td class="id"><c:out value="${s.id}"/></td><td><c:out value="${s.status}"/></td><td><c:out value="${s.prices}"/></td>
<td><c:out value="${s.periodEndText}"/></td><td>${s.cancelAtPeriodEnd ? 'yes' : 'no'}</td></tr>
</c:forEach>
<c:if test="${empty customer.ourSubscriptions}"><tr><td colspan="5">None recorded.</td></tr></c:if></tbody></table>
<c:choose>
<c:when test="${not empty customer.stripe.failure}"><p class="banner banner-amber" id="stripe-failure"><c:out value="${customer.stripe.failure}"/></p></c:when>
<c:otherwise>
<table id="stripe-subscriptions">
<thead><tr><th>At Stripe now</th><th>Status</th><th>Prices</th><th>Period ends</th><th>Cancels at end</th></tr></thead>
<tbody><c:forEach var="s" items="${customer.stripe.subscriptions}">
<tr><td class="id"><c:out value="${s.id}"/></td><td><c:out value="${s.status}"/></td><td><c:out value="${s.prices}"/></td>
<td><c:out value="${s.periodEndText}"/></td><td>${s.cancelAtPeriodEnd ? 'yes' : 'no'}</td></tr>
</c:forEach>
<c:if test="${empty customer.stripe.subscriptions}"><tr><td colspan="5">Stripe lists none.</td></tr></c:if></tbody></table>
</c:otherwise>
</c:choose>

<h2>Stripe's invoices and payments</h2>
<c:set var="inv" value="${customer.stripe.invoices}"/>
<c:choose>
<c:when test="${not empty inv.failure}"><p class="banner banner-amber" id="invoices-failure">Invoices: <c:out value="${inv.failure}"/></p></c:when>
<c:otherwise>
<table id="stripe-invoices">
<thead><tr><th>Invoice</th><th>Status</th><th class="num">Due</th><th class="num">Paid</th><th>Created</th><th>Period</th><th>Customer's page</th></tr></thead>
<tbody><c:forEach var="i" items="${inv.rows}">
<tr><td class="id"><c:out value="${empty i.number ? i.id : i.number}"/></td><td><c:out value="${i.status}"/></td>
<td class="num"><c:out value="${i.amountDueText}"/></td><td class="num"><c:out value="${i.amountPaidText}"/></td>
<td><c:out value="${i.createdText}"/></td><td><c:out value="${i.periodStartText}"/> – <c:out value="${i.periodEndText}"/></td>
<td><c:if test="${not empty i.hostedUrl}"><a href="<c:out value='${i.hostedUrl}'/>" rel="noreferrer">open</a></c:if></td></tr>
</c:forEach>
<c:if test="${empty inv.rows}"><tr><td colspan="7">Stripe lists none.</td></tr></c:if></tbody></table>
<c:if test="${inv.more}"><p class="note" id="invoices-more">Stripe holds older invoices than these; they are in <a href="<c:out value='${customer.stripe.dashboardUrl}'/>" rel="noreferrer">Stripe's Dashboard</a>.</p></c:if>
</c:otherwise>
</c:choose>
<c:set var="pay" value="${customer.stripe.payments}"/>
<c:choose>
<c:when test="${not empty pay.failure}"><p class="banner banner-amber" id="payments-failure">Payments: <c:out value="${pay.failure}"/></p></c:when>
<c:otherwise>
<table id="stripe-payments">
<thead><tr><th>Charge</th><th>Created</th><th class="num">Amount</th><th class="num">Refunded</th><th>Disputed</th><th>Status</th></tr></thead>
<tbody><c:forEach var="p" items="${pay.rows}">
<tr><td class="id"><c:out value="${p.chargeId}"/></td><td><c:out value="${p.createdText}"/></td>
<td class="num"><c:out value="${p.amountText}"/></td><td class="num"><c:out value="${p.refundedText}"/></td>
<td>${p.disputed ? 'yes' : 'no'}</td><td><c:out value="${p.status}"/></td></tr>
</c:forEach>
<c:if test="${empty pay.rows}"><tr><td colspan="6">Stripe lists none.</td></tr></c:if></tbody></table>
<c:if test="${pay.more}"><p class="note" id="payments-more">Stripe holds older payments than these; they are in <a href="<c:out value='${customer.stripe.dashboardUrl}'/>" rel="noreferrer">Stripe's Dashboard</a>.</p></c:if>
</c:otherwise>
</c:choose>

<h2>Refunds and disputes</h2>
<table id="reversals">
<thead><tr><th>Id</th><th>Kind</th><th>Charge</th><th class="num">Amount (minor units)</th><th>Full</th><th>Status</th><th>Took access back</th></tr></thead>
<tbody><c:forEach var="r" items="${customer.reversals}">
<tr><td class="id"><c:out value="${r.id}"/></td><td><c:out value="${r.kind}"/></td><td class="id"><c:out value="${r.chargeId}"/></td>
<td class="num"><c:out value="${r.amountMinorUnits}"/></td><td>${r.full ? 'yes' : 'no'}</td><td><c:out value="${r.status}"/></td><td><c:out value="${r.tookBackText}"/></td></tr>
</c:forEach>
<c:if test="${empty customer.reversals}"><tr><td colspan="7">None.</td></tr></c:if></tbody></table>

<h2>Credits ledger</h2>
<table id="credit-sources">
<thead><tr><th>Where the balance came from</th><th class="num">Credits</th></tr></thead>
<tbody><tr><td>Plan allowance (this period's, spent first)</td><td class="num"><c:out value="${customer.creditSources.planAllowance}"/></td></tr>
<tr><td>Bought packs</td><td class="num"><c:out value="${customer.creditSources.packs}"/></td></tr>
<tr><td>Other grants</td><td class="num"><c:out value="${customer.creditSources.grants}"/></td></tr>
<tr><th>Together</th><th class="num"><c:out value="${customer.creditSources.total}"/></th></tr></tbody></table>
<c:if test="${not empty customer.unitSources}">
<table id="unit-sources">
<thead><tr><th>Other units (plan allowance, spent first)</th><th class="num">Left</th></tr></thead>
<tbody><c:forEach var="u" items="${customer.unitSources}">
<tr><td><c:out value="${u.key}"/></td><td class="num"><c:out value="${u.value.total}"/></td></tr>
</c:forEach></tbody></table>
</c:if>
<form method="post" action="${ctx}/admin/customer/credits">
<input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="user" value="<c:out value='${a.userId}'/>">
<input type="hidden" name="idempotencyKey" value="<c:out value='${grantKey}'/>">
<label>Grant <input type="number" name="credits" min="1" max="1000000" required id="grant-credits"> credits</label>
<button type="submit" id="grant">Grant</button>
<span class="note">Added once to the balance, counted as a grant; not refunded money.</span>
</form>
<table id="credits">
<thead><tr><th>When</th><th class="num">Amount</th><th>Unit</th><th>Reason</th><th>Source</th></tr></thead>
<tbody><c:forEach var="cr" items="${customer.credits}">
<tr><td><c:out value="${cr.atText}"/></td><td class="num"><c:out value="${cr.amount}"/></td><td><c:out value="${cr.unit}"/></td><td><c:out value="${cr.reason}"/></td><td class="id"><c:out value="${cr.source}"/></td></tr>
</c:forEach>
<c:if test="${empty customer.credits}"><tr><td colspan="5">No movements.</td></tr></c:if></tbody></table>

<h2>History: differences found and healed</h2>
<table id="drift">
<thead><tr><th>Found</th><th>Ours</th><th>Stripe's</th><th>Reason</th><th>Healed</th></tr></thead>
<tbody><c:forEach var="d" items="${customer.drift}">
<tr><td><c:out value="${d.foundText}"/></td><td><c:out value="${d.ours}"/></td><td><c:out value="${d.stripe}"/></td><td><c:out value="${d.reason}"/></td>
<td><c:out value="${d.healedText}"/><c:if test="${not empty d.healedVersion}"> (version <c:out value="${d.healedVersion}"/>)</c:if></td></tr>
</c:forEach>
<c:if test="${empty customer.drift}"><tr><td colspan="5">None.</td></tr></c:if></tbody></table>
<c:if test="${not empty customer.formerCustomers}"><p>Former Stripe customers: <c:forEach var="f" items="${customer.formerCustomers}"><span class="id"><c:out value="${f}"/></span> </c:forEach></p></c:if>

<h2>This customer's events</h2>
<table id="customer-events">
<thead><tr><th>Created</th><th>Event</th><th>Type</th><th>Status</th><th class="num">Attempts</th><th>Last note</th></tr></thead>
<tbody><c:forEach var="e" items="${customer.events}">
<tr><td><c:out value="${e.createdText}"/></td><td class="id"><a href="${ctx}/admin/event?id=<c:out value='${e.eventId}'/>"><c:out value="${e.eventId}"/></a></td>
<td><c:out value="${e.type}"/></td><td class="status-${e.status}"><c:out value="${e.status}"/></td><td class="num"><c:out value="${e.attempts}"/></td><td><c:out value="${e.lastError}"/></td></tr>
</c:forEach>
<c:if test="${empty customer.events}"><tr><td colspan="6">No event names this customer.</td></tr></c:if></tbody></table>
<%@ include file="footer.jspf" %>
