<%-- Reached only by forward from ErrorPageServlet (or a refusal of CsrfFilter or of a billing servlet), which sets
     the status and the request attributes. The values are our own sentences, never request data, so plain EL is
     safe here; pages that show data must escape it. --%>
<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${errorTitle}</title>
<link rel="stylesheet" href="${pageContext.request.contextPath}/assets/tollgate.css">
</head>
<body><main class="error-page">
<p class="status">Error ${errorStatus}</p>
<h1 id="error-title">${errorTitle}</h1>
<p id="error-sentence">${errorSentence}</p>
<p><a href="/">Back to the shop</a></p>
</main></body></html>
