package dev.tollgate.web;

import dev.tollgate.payments.application.PaymentsRuntime;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code GET /health}: JSON for load balancers and people. Says whether the database answers and which Stripe mode
 * the keys are in; never a key, never a stack trace.
 */
@WebServlet(urlPatterns = "/health")
public class HealthServlet extends HttpServlet {

    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    @Inject
    PaymentsRuntime runtime;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean databaseUp = databaseAnswers();
        String json = "{\"status\":" + Responses.quote(databaseUp ? "UP" : "DOWN")
                + ",\"database\":" + Responses.quote(databaseUp ? "UP" : "DOWN")
                + ",\"stripeMode\":" + Responses.quote(runtime.config().mode().label())
                + ",\"stripeApi\":" + Responses.quote(runtime.config().apiBase().isPresent() ? "custom" : "stripe")
                + ",\"problems\":[" + (databaseUp ? "" : Responses.quote("database does not answer")) + "]}";
        Responses.json(response, databaseUp ? 200 : 503, json);
    }

    private boolean databaseAnswers() {
        try (Connection connection = runtime.dataSource().getConnection()) {
            return connection.isValid(DATABASE_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException down) {
            return false;
        }
    }
}
