package dev.tollgate.web.admin;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.PropertyNotWritableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets the console's JSPs read the view records its servlets prepare: {@code ${event.type}} calls
 * {@code type()}. Expression Language 5.0 (Jakarta EE 10, the servers Tollgate runs on) knows only getters;
 * records are read-only, and so is this resolver. Only records of this package are read: they are the views.
 */
final class RecordElResolver extends ELResolver {

    private static final Map<Class<?>, Map<String, Method>> ACCESSORS = new ConcurrentHashMap<>();

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        Method accessor = accessor(base, property);
        if (accessor == null) {
            return null;
        }
        try {
            Object value = accessor.invoke(base);
            context.setPropertyResolved(base, property);
            return value;
        } catch (IllegalAccessException | InvocationTargetException unreadable) {
            throw new IllegalStateException("cannot read " + property + " of " + base.getClass().getName(), unreadable);
        }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        Method accessor = accessor(base, property);
        if (accessor == null) {
            return null;
        }
        context.setPropertyResolved(base, property);
        // read-only: EL 5.0 asks for null when the property cannot be written
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (accessor(base, property) != null) {
            throw new PropertyNotWritableException("a console view is read-only: " + property);
        }
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        if (accessor(base, property) == null) {
            return false;
        }
        context.setPropertyResolved(base, property);
        return true;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return isView(base) ? String.class : null;
    }

    private static Method accessor(Object base, Object property) {
        if (!isView(base) || !(property instanceof String name)) {
            return null;
        }
        return ACCESSORS.computeIfAbsent(base.getClass(), RecordElResolver::accessorsOf).get(name);
    }

    private static boolean isView(Object base) {
        return base instanceof Record && base.getClass().getPackageName().equals(RecordElResolver.class.getPackageName());
    }

    private static Map<String, Method> accessorsOf(Class<?> record) {
        Map<String, Method> accessors = new java.util.HashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            accessors.put(component.getName(), component.getAccessor());
        }
        return Map.copyOf(accessors);
    }
}
