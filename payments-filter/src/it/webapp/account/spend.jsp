<%-- The app's own spend through the gate jar's API, as README shows it: amount credits for the signed-in user,
     once for key. Answers the Spend and the balance after it as JSON. Only in this test webapp. --%>
<%@ page contentType="application/json; charset=UTF-8" import="dev.tollgate.gate.Credits, dev.tollgate.gate.Spend" %><%
    Credits credits = Credits.of(application);
    Spend spend = credits.spend(request.getRemoteUser(), request.getParameter("key"),
            Long.parseLong(request.getParameter("amount")));
%>{"outcome":"<%= spend.outcome() %>","amount":<%= spend.amount() %>,"repeat":<%= spend.repeat() %>,"balance":<%= credits.balance(request.getRemoteUser()) %>}
