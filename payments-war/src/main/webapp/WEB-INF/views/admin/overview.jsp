<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ include file="header.jspf" %>
<p class="facts">Stripe mode <b id="stripe-mode"><c:out value="${overview.stripeMode}"/></b>
 · API <c:out value="${overview.stripeApi}"/> · schema version <c:out value="${overview.schemaVersion}"/></p>
<section id="diagnosis">
<h2>Diagnosis</h2>
<c:forEach var="banner" items="${overview.banners}">
<p class="banner banner-${banner.level}"><c:out value="${banner.text}"/>
<c:if test="${not empty banner.link}"> <a href="${ctx}/admin/<c:out value='${banner.link}'/>">Look</a></c:if></p>
</c:forEach>
</section>
<section id="events-per-hour">
<h2>Events per hour, last 48 hours (<c:out value="${overview.eventsLast48Hours}"/> in all)</h2>
<svg class="chart" viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-label="Events per hour">
<c:forEach var="bar" items="${chart.bars}">
<rect class="bar" x="${bar.x}" y="${bar.y}" width="${bar.width}" height="${bar.height}"><title><c:out value="${bar.hour}"/>: <c:out value="${bar.count}"/> event(s)</title></rect>
<c:if test="${not empty bar.label}"><text class="axis" x="${bar.labelX}" y="${chart.baseline}"><c:out value="${bar.label}"/></text></c:if>
</c:forEach>
<line class="baseline" x1="0" x2="${chart.width}" y1="${chart.plotHeight}" y2="${chart.plotHeight}"/>
</svg>
<p class="note">Largest hour: <c:out value="${chart.max}"/> event(s). Hours by Stripe's creation time of the event.</p>
</section>
<%@ include file="footer.jspf" %>
