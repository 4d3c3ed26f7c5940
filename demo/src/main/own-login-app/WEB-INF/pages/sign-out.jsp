<%@ page contentType="text/html;charset=UTF-8" %>
<%-- Signing out forgets the user: POST only, so a link on another page cannot sign anybody out. --%>
<%
    if (!"POST".equals(request.getMethod())) {
        response.sendError(405);
        return;
    }
    if (request.getSession(false) != null) {
        request.getSession(false).invalidate();
    }
    response.setStatus(303);
    response.setHeader("Location", request.getContextPath() + "/");
%>
