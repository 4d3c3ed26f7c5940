<%@ page contentType="text/html;charset=UTF-8" %>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<h1>Sign in</h1>
<form method="post" action="${pageContext.request.contextPath}/j_security_check">
    <p><label>User <input name="j_username" autofocus></label></p>
    <p><label>Password <input name="j_password" type="password"></label></p>
    <p><button>Sign in</button></p>
</form>
<p class="note">Demo users: alice / alice, bob / bob, admin / admin.</p>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
