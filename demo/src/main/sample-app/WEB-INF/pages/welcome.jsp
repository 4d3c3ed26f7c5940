<%@ page contentType="text/html;charset=UTF-8" import="dev.tollgate.gate.Entitlement" %>
<%-- Where a buyer lands after paying (the payments WAR's PAYMENTS_SUCCESS_URL), once it has synced the purchase:
     what was bought, and where to go now. The plan is the gate's request attribute "entitlement". --%>
<%
    Entitlement bought = (Entitlement) request.getAttribute(Entitlement.REQUEST_ATTRIBUTE);
    String landing = bought != null && bought.hasPlan("lifetime") ? "lifetime"
            : bought != null && bought.hasPlan("pro") ? "pro"
            : bought != null && bought.hasPlan("basic") ? "basic"
            : bought != null && bought.getCredits() > 0 ? "credits" : "pending";
    request.setAttribute("landing", landing);
    request.setAttribute("accessUntil", bought == null || bought.getAccessUntil() == null ? ""
            : java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH)
                    .withZone(java.time.ZoneOffset.UTC).format(bought.getAccessUntil()));
%>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<% if ("lifetime".equals(landing)) { %>
<h1 id="welcome-title">You have Acme Notes Pro for life</h1>
<p id="welcome-bought">Thank you, ${pageContext.request.remoteUser}: you bought <b>Pro for life</b>, paid once.
    Unlimited notebooks, shared folders and version history are yours, with nothing to renew.</p>
<p><a id="go-next" class="button" href="${pageContext.request.contextPath}/pro/">Open the Pro area</a>
    or see <a href="${pageContext.request.contextPath}/account/">your account</a>.</p>
<% } else if ("pro".equals(landing)) { %>
<h1 id="welcome-title">You have Acme Notes Pro</h1>
<p id="welcome-bought">Thank you, ${pageContext.request.remoteUser}: your <b>Pro</b> subscription is active, paid
    until ${accessUntil}. Unlimited notebooks, shared folders and version history are yours.</p>
<p><a id="go-next" class="button" href="${pageContext.request.contextPath}/pro/">Open the Pro area</a>
    or see <a href="${pageContext.request.contextPath}/account/">your account</a>.</p>
<% } else if ("basic".equals(landing)) { %>
<h1 id="welcome-title">You have Acme Notes Basic</h1>
<p id="welcome-bought">Thank you, ${pageContext.request.remoteUser}: your <b>Basic</b> subscription is active, paid
    until ${accessUntil}. More notebooks are yours.</p>
<p><a id="go-next" class="button" href="${pageContext.request.contextPath}/account/">See your account</a>
    or go <a href="${pageContext.request.contextPath}/">back to your notes</a>. The Pro area needs the Pro plan:
    <a href="${pageContext.request.contextPath}/pricing">upgrade on pricing</a>.</p>
<% } else if ("credits".equals(landing)) { %>
<h1 id="welcome-title">Your credits are here</h1>
<p id="welcome-bought">Thank you, ${pageContext.request.remoteUser}: you now have ${entitlement.credits} credits.</p>
<p><a id="go-next" class="button" href="${pageContext.request.contextPath}/credits">See your credits</a></p>
<% } else { %>
<h1 id="welcome-title">Thank you, your payment is being confirmed</h1>
<p id="welcome-bought">Stripe has not confirmed a plan for ${pageContext.request.remoteUser} yet. This usually
    takes a few seconds.</p>
<p><a id="go-next" class="button" href="${pageContext.request.contextPath}/welcome">Check again</a></p>
<% } %>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
