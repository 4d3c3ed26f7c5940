<%@ page contentType="text/html;charset=UTF-8" %><%--
  Where "Sign in" leads once the container's login form has been passed: an admin of payments lands on the payments
  console (another webapp of the same server: single sign-on carries the login), everyone else on their account.
--%><%
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", request.isUserInRole("payments-admin") ? "/payments/admin/"
            : request.getContextPath() + "/account/");
%>
