package dev.tollgate.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.web.FakeHttp;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentSecurityPolicyFilterTest {

    private static FakeHttp.Response filtered(ContentSecurityPolicyFilter filter) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        boolean[] passedOn = {false};
        filter.doFilter(FakeHttp.Request.get("/error-page").build(), response.build(), (req, res) -> passedOn[0] = true);
        assertTrue(passedOn[0], "the page itself is still rendered");
        return response;
    }

    private static ContentSecurityPolicyFilter configured(Map<String, String> initParams) throws ServletException {
        ContentSecurityPolicyFilter filter = new ContentSecurityPolicyFilter();
        filter.init(new FilterConfig() {
            @Override
            public String getFilterName() {
                return "content-security-policy";
            }

            @Override
            public ServletContext getServletContext() {
                throw new UnsupportedOperationException("getServletContext");
            }

            @Override
            public String getInitParameter(String name) {
                return initParams.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(initParams.keySet());
            }
        });
        return filter;
    }

    @Test
    void byDefaultOnlyThisWarsOwnFilesRunAndNoSiteMayFrameThePage() throws Exception {
        FakeHttp.Response response = filtered(configured(Map.of()));
        String policy = response.header("Content-Security-Policy");
        for (String directive : new String[] {"default-src 'self'", "script-src 'self'", "style-src 'self'",
                "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"}) {
            assertTrue(policy.contains(directive), directive + " in " + policy);
        }
        assertTrue(!policy.contains("unsafe"), policy);
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
    }

    @Test
    void aConfiguredPolicyReplacesTheDefault() throws Exception {
        String policy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
        assertEquals(policy, filtered(configured(Map.of("policy", policy))).header("Content-Security-Policy"));
    }

    @Test
    void aPolicyThatAllowsInlineScriptOrFramingStopsTheDeploymentNamingTheParam() {
        for (String weak : new String[] {"default-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
                "default-src 'self'; script-src 'self' 'unsafe-eval'; frame-ancestors 'none'",
                "default-src 'self'"}) {
            ServletException refused = assertThrows(ServletException.class, () -> configured(Map.of("policy", weak)));
            assertTrue(refused.getMessage().contains("Init-param policy") && refused.getMessage().contains(weak),
                    refused.getMessage());
        }
    }
}
