<%@ page contentType="text/html; charset=UTF-8" %><!DOCTYPE html>
<html><body>
<h1>Pro area</h1>
<p id="who">user=${pageContext.request.remoteUser} plan=${entitlement.plan} version=${entitlement.version} courses=${entitlement.has('courses')}</p>
</body></html>
