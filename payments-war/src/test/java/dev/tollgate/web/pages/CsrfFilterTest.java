package dev.tollgate.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.web.FakeHttp;
import org.junit.jupiter.api.Test;

class CsrfFilterTest {

    private final FakeHttp.Session session = new FakeHttp.Session();
    private boolean passedOn;

    private FakeHttp.Response filter(FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        new CsrfFilter().doFilter(request.build(), response.build(), (req, res) -> passedOn = true);
        return response;
    }

    @Test
    void aPostWithTheSessionsTokenReachesThePage() throws Exception {
        String token = CsrfTokens.tokenFor(FakeHttp.Request.get("/admin/").session(session).build());
        FakeHttp.Response response = filter(FakeHttp.Request.post("/admin/resync").session(session)
                .parameter(CsrfTokens.FIELD, token));
        assertTrue(passedOn);
        assertEquals(200, response.status());
    }

    @Test
    void aPostWithoutTheTokenIs403WithTheShortPageAndNothingBehindRuns() throws Exception {
        CsrfTokens.tokenFor(FakeHttp.Request.get("/admin/").session(session).build());
        FakeHttp.Request request = FakeHttp.Request.post("/admin/resync").session(session).user("admin", "payments-admin")
                .parameter(CsrfTokens.FIELD, "forged");
        FakeHttp.Response response = filter(request);
        assertFalse(passedOn);
        assertEquals(403, response.status());
        assertEquals(ErrorPageServlet.VIEW, request.forwardedTo);
        assertEquals("Form expired", request.attribute("errorTitle"));
    }

    @Test
    void readsPassWithoutAToken() throws Exception {
        FakeHttp.Request request = FakeHttp.Request.get("/admin/health");
        filter(request);
        assertTrue(passedOn);
        assertNull(request.forwardedTo);
    }
}
