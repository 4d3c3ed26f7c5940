<%-- Stands for the payments WAR: after its commit it announces the new version on the gate's board.
     Only in this test webapp; a real app never calls the board itself. --%>
<%@ page contentType="text/plain; charset=UTF-8" %><%
    dev.tollgate.gate.EntitlementBoard.publish(request.getParameter("user"), Long.parseLong(request.getParameter("version")));
%>published
