package dev.tollgate.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.web.FakeHttp;
import org.junit.jupiter.api.Test;

class CsrfTokensTest {

    private final FakeHttp.Session session = new FakeHttp.Session();

    private String tokenOfTheSession() {
        return CsrfTokens.tokenFor(FakeHttp.Request.get("/admin/").session(session).build());
    }

    @Test
    void aSessionKeepsOneUnguessableTokenForItsLife() {
        String token = tokenOfTheSession();
        assertEquals(token, tokenOfTheSession());
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "32 random bytes, URL-safe: " + token);
        assertNotEquals(token, CsrfTokens.tokenFor(FakeHttp.Request.get("/admin/").build()), "another session");
    }

    @Test
    void theTokenIsAcceptedFromTheFormFieldOrTheHeader() {
        String token = tokenOfTheSession();
        assertTrue(CsrfTokens.presentIn(FakeHttp.Request.post("/admin/x").session(session)
                .parameter(CsrfTokens.FIELD, token).build()));
        assertTrue(CsrfTokens.presentIn(FakeHttp.Request.post("/admin/x").session(session)
                .header(CsrfTokens.HEADER, token).build()));
    }

    @Test
    void aMissingWrongOrForeignTokenIsNotAccepted() {
        String token = tokenOfTheSession();
        assertFalse(CsrfTokens.presentIn(FakeHttp.Request.post("/admin/x").session(session).build()));
        assertFalse(CsrfTokens.presentIn(FakeHttp.Request.post("/admin/x").session(session)
                .parameter(CsrfTokens.FIELD, token.substring(1) + "A").build()));
        assertFalse(CsrfTokens.presentIn(FakeHttp.Request.post("/admin/x").session(session)
                .parameter(CsrfTokens.FIELD, "").build()));
        FakeHttp.Session other = new FakeHttp.Session();
        CsrfTokens.tokenFor(FakeHttp.Request.get("/admin/").session(other).build());
        assertFalse(CsrfTokens.presentIn(FakeHttp.Request.post("/admin/x").session(other)
                .parameter(CsrfTokens.FIELD, token).build()), "the token of another session");
    }

    @Test
    void withoutASessionOrATokenNothingMatches() {
        assertFalse(CsrfTokens.presentIn(FakeHttp.Request.post("/admin/x").parameter(CsrfTokens.FIELD, "x").build()));
        assertFalse(CsrfTokens.presentIn(FakeHttp.Request.post("/admin/x").session(session)
                .parameter(CsrfTokens.FIELD, "null").build()), "a session that never got a token");
    }
}
