<%@ page contentType="text/html;charset=UTF-8" import="java.util.Set" %>
<%-- This app's own sign-in: no container login. A known user is kept in the attribute "user" that the gate reads
     (PAYMENTS_USER_ATTRIBUTE); the id changes on sign-in so that an id planted before it is worth nothing. --%>
<%!
    /** The app's own users; the password is the user name, which is fine for a demo and nothing else. */
    static final Set<String> USERS = Set.of("carol", "dave");
%>
<%
    boolean failed = false;
    if ("POST".equals(request.getMethod())) {
        String user = request.getParameter("user");
        if (user != null && USERS.contains(user) && user.equals(request.getParameter("password"))) {
            request.getSession(true);
            request.changeSessionId();
            request.getSession().setAttribute("user", user);
            response.setStatus(303);
            response.setHeader("Location", request.getContextPath() + "/account");
            return;
        }
        failed = true;
        application.log("Own-login app: a sign-in with an unknown user or a wrong password was refused");
        response.setStatus(401);
    }
    request.setAttribute("failed", failed);
%>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Sign in to Acme Sketch</h1>
${failed ? '<p class="note" id="sign-in-failed">Unknown user or wrong password.</p>' : ''}
<form method="post" action="${pageContext.request.contextPath}/sign-in">
    <p><label>User <input name="user" autofocus></label></p>
    <p><label>Password <input name="password" type="password"></label></p>
    <p><button id="sign-in-button">Sign in</button></p>
</form>
<p class="note">This app keeps its own users: carol / carol, dave / dave. They are not the container's users,
    so alice cannot sign in here, and carol is unknown to the first sample app.</p>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
