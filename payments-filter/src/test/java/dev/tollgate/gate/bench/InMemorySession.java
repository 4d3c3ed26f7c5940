package dev.tollgate.gate.bench;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/** The least session that holds attributes; the benchmark measures the gate, not a container's session. */
final class InMemorySession implements HttpSession {

    private final Map<String, Object> attributes = new HashMap<>();

    @Override public Object getAttribute(String name) { return attributes.get(name); }
    @Override public void setAttribute(String name, Object value) { attributes.put(name, value); }
    @Override public void removeAttribute(String name) { attributes.remove(name); }
    @Override public Enumeration<String> getAttributeNames() { return Collections.enumeration(attributes.keySet()); }
    @Override public long getCreationTime() { return 0; }
    @Override public String getId() { return "bench"; }
    @Override public long getLastAccessedTime() { return 0; }
    @Override public ServletContext getServletContext() { return null; }
    @Override public void setMaxInactiveInterval(int interval) { }
    @Override public int getMaxInactiveInterval() { return 0; }
    @Override public void invalidate() { attributes.clear(); }
    @Override public boolean isNew() { return false; }
}
