package dev.switchboard.verbs;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which handler class answers which method name, built once at deployment from the handler classes.
 * A name claimed twice, or a handler without {@link Handles}, is a deployment error.
 */
public final class VerbTable {

    private final Map<String, Class<? extends VerbHandler>> byName;

    private VerbTable(Map<String, Class<? extends VerbHandler>> byName) {
        this.byName = Map.copyOf(byName);
    }

    /**
     * @throws IllegalStateException naming the method and both handlers when a name is claimed twice
     */
    public static VerbTable of(Collection<Class<? extends VerbHandler>> handlers) {
        Map<String, Class<? extends VerbHandler>> byName = new LinkedHashMap<>();
        for (Class<? extends VerbHandler> handler : handlers) {
            Handles handles = handler.getAnnotation(Handles.class);
            if (handles == null || handles.value().length == 0) {
                throw new IllegalStateException(
                        "Verb handler " + handler.getName() + " names no method: annotate it with @Handles(\"methodName\")");
            }
            for (String name : handles.value()) {
                Class<? extends VerbHandler> other = byName.putIfAbsent(name, handler);
                if (other != null && other != handler) {
                    throw new IllegalStateException("Method '" + name + "' is claimed by two handlers: "
                            + other.getName() + " and " + handler.getName());
                }
            }
        }
        return new VerbTable(byName);
    }

    public Class<? extends VerbHandler> handlerOf(String method) {
        return byName.get(method);
    }

    public Map<String, Class<? extends VerbHandler>> entries() {
        return byName;
    }

    public Set<String> methods() {
        return new TreeSet<>(byName.keySet());
    }
}
