<%@ page contentType="text/html; charset=UTF-8" %><!DOCTYPE html>
<html><body>
<h1>Pricing</h1>
<p id="plan">Your plan: ${empty entitlement.plan ? 'none' : entitlement.plan}</p>
</body></html>
