package dev.tollgate.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.web.FakeHttp;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

class ErrorPageServletTest {

    private static FakeHttp.Request errorOf(Integer status, String method) throws Exception {
        FakeHttp.Request request = FakeHttp.Request.get("/error-page").method(method);
        if (status != null) {
            request.attribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        }
        FakeHttp.Response response = new FakeHttp.Response();
        new ErrorPageServlet().service(request.build(), response.build());
        assertEquals(status == null ? 404 : status, response.status());
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals(ErrorPageServlet.VIEW, request.forwardedTo, "rendered by the JSP, by forward");
        return request;
    }

    @Test
    void eachStatusTheContainerAnswersGetsItsOwnSentence() throws Exception {
        assertEquals("Not found", errorOf(404, "GET").attribute("errorTitle"));
        assertEquals("Sign-in needed", errorOf(401, "GET").attribute("errorTitle"));
        assertEquals("Not allowed", errorOf(403, "POST").attribute("errorTitle"));
        assertEquals("Try again shortly", errorOf(503, "GET").attribute("errorTitle"));
        assertEquals("Something went wrong", errorOf(502, "GET").attribute("errorTitle"));
        assertEquals("Request refused", errorOf(418, "GET").attribute("errorTitle"));
        assertEquals(418, errorOf(418, "GET").attribute("errorStatus"));
    }

    @Test
    void openedDirectlyItIsANotFoundPage() throws Exception {
        assertEquals("Not found", errorOf(null, "GET").attribute("errorTitle"));
    }

    @Test
    void theJspIsAskedWithGetWhateverMethodFailed() throws Exception {
        // a JSP answers a forwarded DELETE with a 405 of its own, which would replace the page
        FakeHttp.Request request = errorOf(405, "DELETE");
        assertEquals("GET", request.forwardedRequest.getMethod());
        assertEquals("Not allowed here", request.attribute("errorTitle"));
    }
}
