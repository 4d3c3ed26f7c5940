package dev.tollgate.payments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which app pages a billing form may send its user back to: the listed folders, and nothing that escapes them. */
class ReturnUrlsTest {

    private static final URI APP_URL = URI.create("https://shop.example.com/payments");

    private final ReturnUrls ownLogin = ReturnUrls.parse("/own-login, https://docs.example.com/help/", APP_URL);

    @Test
    void pathsAreTakenFromTheSitesRootAndEveryFolderEndsWithASlash() {
        assertEquals(List.of(URI.create("https://shop.example.com/own-login/"),
                URI.create("https://docs.example.com/help/")), ownLogin.folders());
    }

    @Test
    void aPageInsideAListedFolderIsAdmittedAsAnAbsoluteUrl() {
        assertEquals(Optional.of(URI.create("https://shop.example.com/own-login/account?paid=1")),
                ownLogin.admit("/own-login/account?paid=1", APP_URL));
        assertEquals(Optional.of(URI.create("https://SHOP.example.com:443/own-login/")),
                ownLogin.admit("https://SHOP.example.com:443/own-login/", APP_URL));
        assertEquals(Optional.of(URI.create("https://docs.example.com/help/billing")),
                ownLogin.admit("https://docs.example.com/help/billing", APP_URL));
    }

    @Test
    void anythingOutsideTheFoldersIsRefused() {
        for (String asked : List.of("https://evil.example/own-login/", "//evil.example/own-login/",
                "http://shop.example.com/own-login/", "https://shop.example.com:8443/own-login/",
                "https://shop.example.com@evil.example/own-login/", "https://evil.example@shop.example.com/own-login/",
                "/own-login", "/own-login-evil/", "/own-login/../payments/admin/", "/own-login/%2e%2E/payments/",
                "/own-login/%2F..%2Fpayments/", "/own-login/./x", "/own-login\\..\\x", "/own-login/\r\nSet-Cookie:x",
                "javascript:alert(1)", "own-login/account", "", "https://shop.example.com/own-login/#frag",
                "/" + "own-login/".repeat(300))) {
            assertEquals(Optional.empty(), ownLogin.admit(asked, APP_URL), asked);
        }
        assertEquals(Optional.empty(), ReturnUrls.NONE.admit("/own-login/account", APP_URL), "none listed: none");
    }

    @Test
    void aListedValueThatIsNoFolderStopsTheStartNamingTheSetting() {
        for (String bad : List.of("/own-login/?x=1", "ftp://shop.example.com/", "https://user@shop.example.com/a/",
                "/a/../b/", "own-login")) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "STRIPE_SECRET_KEY", "sk_test_51AbcDefGhi",
                    "STRIPE_WEBHOOK_SECRET", "whsec_testsecret123",
                    "PAYMENTS_APP_URL", APP_URL.toString(),
                    "PAYMENTS_PLANS", "pro=price_pro_monthly",
                    "PAYMENTS_RETURN_URLS", bad));
            String message = assertThrows(ConfigurationException.class,
                    () -> PaymentsConfig.load(new SettingSource(env::get, name -> null))).getMessage();
            assertTrue(message.contains("PAYMENTS_RETURN_URLS") && message.contains(bad), message);
        }
    }
}
