package dev.switchboard.actions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The deployment's actions by name: their definitions and beans. */
@ApplicationScoped
public class Actions {

    private Map<String, ActionDefinition> definitions;
    private Function<String, ActionHandler> beans;

    /** For the container's proxy. */
    protected Actions() {
    }

    @Inject
    Actions(ActionExtension extension, @Any Instance<Object> beans) {
        this(extension.definitions(), name -> (ActionHandler) beans.select(extension.classes().get(name)).get());
    }

    /** Actions over these definitions and beans (each resolved once, on its first call), for tests. */
    public Actions(Map<String, ActionDefinition> definitions, Function<String, ActionHandler> beans) {
        this.definitions = new TreeMap<>(definitions);
        Map<String, ActionHandler> resolved = new ConcurrentHashMap<>();
        this.beans = name -> resolved.computeIfAbsent(name, beans);
    }

    public Optional<ActionDefinition> definition(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    /** The bean of an action that exists. */
    public ActionHandler handler(String name) {
        return beans.apply(name);
    }

    /** Every action, by name. */
    public List<ActionDefinition> all() {
        return definitions.values().stream().sorted(Comparator.comparing(ActionDefinition::name)).toList();
    }

    public String names() {
        return String.join(", ", definitions.keySet());
    }
}
