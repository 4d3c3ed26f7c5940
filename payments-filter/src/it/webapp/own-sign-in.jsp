<%-- Stands for an app with its own login: it keeps the signed-in user's id in a session attribute. --%>
<%@ page contentType="text/plain; charset=UTF-8" %><%
    session.setAttribute("shopUser", request.getParameter("user"));
%>signed in
