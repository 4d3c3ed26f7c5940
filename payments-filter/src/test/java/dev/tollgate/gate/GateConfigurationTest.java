package dev.tollgate.gate;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings as a webapp at context path {@code /shop} would give them in its context-params. */
class GateConfigurationTest {

    @Test
    void withoutRulesTheGateIsInactiveAndNeedsNoDatabase() throws Exception {
        GateConfiguration configuration = read(Map.of());
        assertFalse(configuration.isActive());
        assertEquals("no PAYMENTS_PROTECT rules configured", configuration.whyInactive());
    }

    @Test
    void switchedOffGateIsInactiveDespiteRules() throws Exception {
        assertFalse(read(Map.of("PAYMENTS_PROTECT", "/pro/*=plan:pro", "PAYMENTS_GATE_ENABLED", "FALSE")).isActive());
    }

    @Test
    void relativePricingUrlIsAPathInThisWebapp() throws Exception {
        GateConfiguration configuration = read(Map.of("PAYMENTS_PROTECT", "/pro/*=plan:pro"));
        assertTrue(configuration.isActive());
        assertEquals("/shop/pricing", configuration.upgradeUrl());
        assertEquals(1000, configuration.stalenessMillis());
        assertEquals(2000, configuration.renewalWaitMillis());
        assertEquals("/shop/plans?from=gate",
                read(Map.of("PAYMENTS_PRICING_URL", "/plans?from=gate")).upgradeUrl());
    }

    @Test
    void absolutePricingUrlIsKeptAsItIs() throws Exception {
        assertEquals("https://shop.example.com/payments/pricing",
                read(Map.of("PAYMENTS_PRICING_URL", "https://shop.example.com/payments/pricing")).upgradeUrl());
    }

    @Test
    void badValuesStopTheStartRepeatingTheValueAndTheLegalOnes() {
        assertEquals("PAYMENTS_GATE_ENABLED must be true or false, not 'yes'.",
                refused(Map.of("PAYMENTS_GATE_ENABLED", "yes")));
        String staleness = refused(Map.of("PAYMENTS_STALENESS_MS", "1s"));
        assertTrue(staleness.startsWith("PAYMENTS_STALENESS_MS must be a whole number of milliseconds, 0 or more")
                && staleness.endsWith("not '1s'."), staleness);
        assertTrue(refused(Map.of("PAYMENTS_STALENESS_MS", "-1")).endsWith("not '-1'."));
        String wait = refused(Map.of("PAYMENTS_RENEWAL_WAIT_MS", "2s"));
        assertTrue(wait.startsWith("PAYMENTS_RENEWAL_WAIT_MS must be a whole number of milliseconds from 0 to 10000")
                && wait.endsWith("not '2s'."), wait);
        assertTrue(refused(Map.of("PAYMENTS_RENEWAL_WAIT_MS", "10001")).endsWith("not '10001'."));
        assertTrue(refused(Map.of("PAYMENTS_RENEWAL_WAIT_MS", "-5")).endsWith("not '-5'."));
        String pricing = refused(Map.of("PAYMENTS_PRICING_URL", "pricing.html"));
        assertTrue(pricing.contains("starting with '/'") && pricing.endsWith("not 'pricing.html'."), pricing);
    }

    @Test
    void zeroStalenessIsLegal() throws Exception {
        assertEquals(0, read(Map.of("PAYMENTS_STALENESS_MS", "0")).stalenessMillis());
    }

    @Test
    void zeroRenewalWaitSwitchesTheQuestionOff() throws Exception {
        GateConfiguration configuration = read(Map.of("PAYMENTS_PROTECT", "/pro/*=plan:pro",
                "PAYMENTS_RENEWAL_WAIT_MS", "0"));
        assertEquals(0, configuration.renewalWaitMillis());
        assertTrue(configuration.toString().contains("renewal wait off"), configuration.toString());
    }

    @Test
    void withoutADataSourceSettingTheGateTriesItsOwnNameThenTheServerDefaultAndNamesBothWhenNeitherIsBound()
            throws Exception {
        GateConfiguration configuration = read(Map.of("PAYMENTS_PROTECT", "/pro/*=plan:pro"));
        String refusal = assertThrows(ServletException.class, configuration::connectionSource).getMessage();
        assertTrue(refusal.contains("'java:comp/env/jdbc/tollgate'") && refusal.contains("'java:comp/DefaultDataSource'"),
                refusal);
        assertTrue(configuration.toString().endsWith(
                "database from 'java:comp/env/jdbc/tollgate', else 'java:comp/DefaultDataSource'"), configuration.toString());
    }

    @Test
    void aConfiguredDataSourceIsTheOnlyOneTried() throws Exception {
        GateConfiguration configuration = read(Map.of("PAYMENTS_PROTECT", "/pro/*=plan:pro",
                "PAYMENTS_DATASOURCE", "java:global/jdbc/shop"));
        String refusal = assertThrows(ServletException.class, configuration::connectionSource).getMessage();
        assertTrue(refusal.contains("'java:global/jdbc/shop'") && !refusal.contains("DefaultDataSource"), refusal);
    }

    private static String refused(Map<String, String> contextParams) {
        return assertThrows(ServletException.class, () -> read(contextParams)).getMessage();
    }

    private static GateConfiguration read(Map<String, String> contextParams) throws ServletException {
        ServletContext context = (ServletContext) Proxy.newProxyInstance(GateConfigurationTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getContextPath": return "/shop";
                        case "getInitParameter": return contextParams.get((String) args[0]);
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
        return GateConfiguration.read(new FilterConfig() {
            @Override public String getFilterName() { return "tollgate_gate"; }
            @Override public ServletContext getServletContext() { return context; }
            @Override public String getInitParameter(String name) { return null; }
            @Override public Enumeration<String> getInitParameterNames() { return Collections.emptyEnumeration(); }
        });
    }
}
