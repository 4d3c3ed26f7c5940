<%@ page contentType="application/json; charset=UTF-8" %>{"report":"q3","credits":${entitlement.credits}}
