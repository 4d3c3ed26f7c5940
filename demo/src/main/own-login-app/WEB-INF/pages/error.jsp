<%@ page contentType="text/html;charset=UTF-8" isErrorPage="true" %>
<%-- Every error the container or the gate answers for this app: the status and one sentence, never the exception
     or the server's version. A 401 is the gate meeting nobody signed in here: the way on is this app's sign-in. --%>
<%
    int status = pageContext.getErrorData().getStatusCode();
    String title;
    String sentence;
    if (status == 401) {
        title = "Sign in first";
        sentence = "This page is for signed-in users of Acme Sketch.";
    } else if (status == 400) {
        title = "Bad request";
        sentence = "The request could not be read. Go back and try again.";
    } else if (status == 403) {
        title = "Not allowed";
        sentence = "Your account may not open this page.";
    } else if (status == 404) {
        title = "Page not found";
        sentence = "There is no page at this address.";
    } else if (status == 405) {
        title = "Not allowed here";
        sentence = "This address does not answer that kind of request.";
    } else if (status == 503) {
        title = "Try again shortly";
        sentence = "Acme Sketch is busy for a moment. Try again in a minute.";
    } else {
        title = "Something went wrong";
        sentence = "Acme Sketch could not answer this request. Try again in a moment.";
    }
    request.setAttribute("errorTitle", title);
    request.setAttribute("errorSentence", sentence);
    request.setAttribute("errorStatus", status);
%>
<%@ include file="/WEB-INF/pages/header.jspf" %>
<main class="error-page">
<p class="status">Error ${errorStatus}</p>
<h1 id="error-title">${errorTitle}</h1>
<p id="error-sentence">${errorSentence}</p>
<p><a href="${pageContext.request.contextPath}/${errorStatus == 401 ? 'sign-in' : ''}">${errorStatus == 401 ? 'Sign in' : 'Back to Acme Sketch'}</a></p>
</main>
<%@ include file="/WEB-INF/pages/footer.jspf" %>
