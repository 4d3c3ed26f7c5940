package dev.tollgate.emulator.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The route table. Modules register their routes at start; lookups may run on many threads at once.
 * A path that matches no route is answered like Stripe does (404, "Unrecognized request URL"); a path that
 * matches with the wrong method likewise, since Stripe does not distinguish the two.
 */
public final class Router {
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    public Router get(String template, Handler handler) {
        return add("GET", template, handler);
    }

    public Router post(String template, Handler handler) {
        return add("POST", template, handler);
    }

    public Router delete(String template, Handler handler) {
        return add("DELETE", template, handler);
    }

    private Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, template, handler));
        return this;
    }

    /** Finds the route for the request, binds its path values and runs it. */
    public Response dispatch(Request request) {
        for (Route route : routes) {
            if (!route.method().equals(request.method())) {
                continue;
            }
            Map<String, String> values = route.match(request.path());
            if (values != null) {
                request.bindPathValues(values);
                return route.handler().handle(request);
            }
        }
        throw ApiError.unrecognizedUrl(request.method(), request.path());
    }
}
