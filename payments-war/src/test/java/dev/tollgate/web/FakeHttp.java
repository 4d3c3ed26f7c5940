package dev.tollgate.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory request, response and session, enough for a servlet or filter to run in a unit test. Each answers
 * only the calls it knows; any other call fails the test at once (an {@link UnsupportedOperationException}
 * naming the method), so a servlet that starts to depend on more is noticed rather than fed a default.
 */
public final class FakeHttp {

    private FakeHttp() {
    }

    /** A request built up by its setters; {@link #build()} gives the servlet-facing object. */
    public static final class Request {
        private String method = "GET";
        private String requestUri = "/payments/";
        private String contextPath = "/payments";
        private String servletPath = "";
        private String remoteUser;
        private final Set<String> roles = new HashSet<>();
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Map<String, String> parameters = new HashMap<>();
        private final Map<String, Object> attributes = new HashMap<>();
        private byte[] body = new byte[0];
        private boolean lengthDeclared = true;
        private String contentType;
        private DispatcherType dispatcherType = DispatcherType.REQUEST;
        private Session session;
        /** The path handed to {@code getRequestDispatcher(...).forward}, null while nothing was forwarded. */
        public String forwardedTo;
        /** The request the forward was given (it may be a wrapper of this one). */
        public HttpServletRequest forwardedRequest;

        public static Request get(String path) {
            return new Request().method("GET").path(path);
        }

        public static Request post(String path) {
            return new Request().method("POST").path(path);
        }

        public Request method(String value) {
            method = value;
            return this;
        }

        /** The path inside the WAR, e.g. {@code /billing/checkout}. */
        public Request path(String value) {
            servletPath = value;
            requestUri = contextPath + value;
            return this;
        }

        public Request user(String name, String... userRoles) {
            remoteUser = name;
            roles.addAll(Set.of(userRoles));
            return this;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        public Request attribute(String name, Object value) {
            attributes.put(name, value);
            return this;
        }

        public Request body(String contentTypeValue, String text) {
            contentType = contentTypeValue;
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Sent without a Content-Length (chunked): the body's length is known only once it is read. */
        public Request chunked() {
            lengthDeclared = false;
            return this;
        }

        public Request dispatcherType(DispatcherType value) {
            dispatcherType = value;
            return this;
        }

        public Request session(Session value) {
            session = value;
            return this;
        }

        public Object attribute(String name) {
            return attributes.get(name);
        }

        public HttpServletRequest build() {
            return proxy(HttpServletRequest.class, this::answer);
        }

        private Object answer(Method call, Object[] args) {
            return switch (call.getName()) {
                case "getMethod" -> method;
                case "getRequestURI" -> requestUri;
                case "getRequestURL" -> new StringBuffer("http://localhost:8080" + requestUri);
                case "getContextPath" -> contextPath;
                case "getServletPath" -> servletPath;
                case "getPathInfo", "getQueryString" -> null;
                case "getProtocol" -> "HTTP/1.1";
                case "getRemoteUser" -> remoteUser;
                case "getUserPrincipal" -> remoteUser == null ? null : (java.security.Principal) () -> remoteUser;
                case "authenticate" -> authenticate((HttpServletResponse) args[0]);
                case "isUserInRole" -> remoteUser != null && roles.contains((String) args[0]);
                case "getHeader" -> headers.get((String) args[0]);
                case "getParameter" -> parameters.get((String) args[0]);
                case "getContentType" -> contentType;
                case "getContentLength" -> lengthDeclared ? body.length : -1;
                case "getContentLengthLong" -> lengthDeclared ? (long) body.length : -1L;
                case "getInputStream" -> input(body);
                case "getDispatcherType" -> dispatcherType;
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                case "removeAttribute" -> attributes.remove((String) args[0]);
                case "getSession" -> session(args == null || args.length == 0 || (Boolean) args[0]);
                case "getRequestDispatcher" -> dispatcher((String) args[0]);
                case "getDateHeader" -> -1L;
                default -> unsupported(call);
            };
        }

        /** As a container with BASIC login does: a signed-in user passes, anyone else is answered 401. */
        private boolean authenticate(HttpServletResponse response) {
            if (remoteUser != null) {
                return true;
            }
            try {
                response.sendError(401);
            } catch (java.io.IOException impossible) {
                throw new java.io.UncheckedIOException(impossible);
            }
            return false;
        }

        private HttpSession session(boolean create) {
            if (session == null && create) {
                session = new Session();
            }
            return session == null ? null : session.build();
        }

        private RequestDispatcher dispatcher(String path) {
            return new RequestDispatcher() {
                @Override
                public void forward(ServletRequest request, ServletResponse response) {
                    forwardedTo = path;
                    forwardedRequest = (HttpServletRequest) request;
                }

                @Override
                public void include(ServletRequest request, ServletResponse response) {
                    throw new UnsupportedOperationException("include of " + path);
                }
            };
        }
    }

    /** A session: its attributes and an id. */
    public static final class Session {
        private final Map<String, Object> attributes = new HashMap<>();

        public Object attribute(String name) {
            return attributes.get(name);
        }

        HttpSession build() {
            return proxy(HttpSession.class, (call, args) -> switch (call.getName()) {
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                case "removeAttribute" -> attributes.remove((String) args[0]);
                case "getId" -> "fake-session";
                default -> unsupported(call);
            });
        }
    }

    /** A response that keeps what the servlet set and wrote. */
    public static final class Response {
        private int status = 200;
        private String contentType;
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final StringWriter body = new StringWriter();
        private final PrintWriter writer = new PrintWriter(body);
        private boolean errorSent;

        public int status() {
            return status;
        }

        public String contentType() {
            return contentType;
        }

        public String header(String name) {
            return headers.get(name);
        }

        public String body() {
            writer.flush();
            return body.toString();
        }

        /** Whether the servlet left the body to the container's error page ({@code sendError}). */
        public boolean errorSent() {
            return errorSent;
        }

        public HttpServletResponse build() {
            return proxy(HttpServletResponse.class, this::answer);
        }

        private Object answer(Method call, Object[] args) {
            switch (call.getName()) {
                case "setStatus" -> status = (Integer) args[0];
                case "getStatus" -> {
                    return status;
                }
                case "sendError" -> {
                    status = (Integer) args[0];
                    errorSent = true;
                }
                case "sendRedirect" -> {
                    status = 302;
                    headers.put("Location", (String) args[0]);
                }
                case "setContentType" -> contentType = (String) args[0];
                case "getContentType" -> {
                    return contentType;
                }
                case "setCharacterEncoding" -> {
                }
                case "setHeader", "addHeader" -> headers.put((String) args[0], (String) args[1]);
                case "getHeader" -> {
                    return headers.get((String) args[0]);
                }
                case "containsHeader" -> {
                    return headers.containsKey((String) args[0]);
                }
                case "getWriter" -> {
                    return writer;
                }
                case "isCommitted" -> {
                    return false;
                }
                default -> unsupported(call);
            }
            return null;
        }
    }

    private static ServletInputStream input(byte[] bytes) {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("setReadListener");
            }
        };
    }

    private interface Answer {
        Object answer(Method call, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        InvocationHandler handler = (self, call, args) -> switch (call.getName()) {
            case "toString" -> "fake " + type.getSimpleName();
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            default -> answer.answer(call, args);
        };
        return type.cast(Proxy.newProxyInstance(FakeHttp.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object unsupported(Method call) {
        throw new UnsupportedOperationException("not faked: " + call.getDeclaringClass().getSimpleName() + "."
                + call.getName());
    }
}
