package dev.tollgate.web.stripe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The WAR's {@code org.jboss.weld.context.mapping}: Weld activates its HTTP contexts for a request whose path in the
 * WAR matches the whole expression. Every page keeps them; only Stripe's webhook deliveries go without.
 */
class WebhookContextMappingTest {

    private static Pattern mapping() throws Exception {
        String webXml = Files.readString(Path.of("src/main/webapp/WEB-INF/web.xml"));
        Matcher param = Pattern.compile("<param-name>org\\.jboss\\.weld\\.context\\.mapping</param-name>\\s*"
                + "<param-value>([^<]+)</param-value>").matcher(webXml);
        assertTrue(param.find(), "web.xml sets org.jboss.weld.context.mapping");
        return Pattern.compile(param.group(1));
    }

    @Test
    void onlyTheWebhookGoesWithoutHttpContexts() throws Exception {
        Pattern mapping = mapping();
        assertFalse(mapping.matcher("/stripe/webhook").matches());
        for (String page : new String[] {"/", "/admin/", "/admin/events", "/billing/checkout", "/billing/return",
                "/billing/portal", "/billing/prices", "/health", "/error-page", "/stripe/webhook/", "/stripe/webhooks"}) {
            assertTrue(mapping.matcher(page).matches(), page);
        }
    }
}
