package dev.tollgate.web.stripe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.web.FakeHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.weld.servlet.api.InitParameters;
import org.jboss.weld.servlet.spi.HttpContextActivationFilter;
import org.jboss.weld.servlet.spi.helpers.RegexHttpContextActivationFilter;
import org.junit.jupiter.api.Test;

/**
 * The WAR's context parameter named by Weld's {@link InitParameters#CONTEXT_MAPPING}, judged by the filter Weld makes
 * of it: every page of the WAR keeps Weld's HTTP contexts; only Stripe's webhook deliveries go without.
 */
class WebhookContextMappingTest {

    private static HttpContextActivationFilter weldsFilter() throws Exception {
        String webXml = Files.readString(Path.of("src/main/webapp/WEB-INF/web.xml"));
        Matcher param = Pattern.compile("<param-name>" + Pattern.quote(InitParameters.CONTEXT_MAPPING)
                + "</param-name>\\s*<param-value>([^<]+)</param-value>").matcher(webXml);
        assertTrue(param.find(), "web.xml sets " + InitParameters.CONTEXT_MAPPING);
        return new RegexHttpContextActivationFilter(param.group(1));
    }

    @Test
    void onlyTheWebhookGoesWithoutHttpContexts() throws Exception {
        HttpContextActivationFilter filter = weldsFilter();
        assertFalse(filter.accepts(FakeHttp.Request.post("/stripe/webhook").build()));
        for (String page : new String[] {"/", "/admin/", "/admin/events", "/billing/checkout", "/billing/return",
                "/billing/portal", "/billing/prices", "/health", "/error-page", "/stripe/webhook/", "/stripe/webhooks"}) {
            assertTrue(filter.accepts(FakeHttp.Request.get(page).build()), page);
        }
    }
}
