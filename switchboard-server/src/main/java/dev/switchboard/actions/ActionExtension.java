package dev.switchboard.actions;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds every bean annotated {@link Action} while the deployment starts; two actions of one name, or an
 * action that is no {@link ActionHandler}, fail the deployment with a message naming both.
 */
public class ActionExtension implements Extension {

    private final Map<String, Class<?>> byName = new LinkedHashMap<>();
    private final Map<String, ActionDefinition> definitions = new LinkedHashMap<>();
    private IllegalStateException problem;

    void collect(@Observes ProcessManagedBean<?> bean) {
        Class<?> type = bean.getAnnotatedBeanClass().getJavaClass();
        if (!type.isAnnotationPresent(Action.class) || problem != null) {
            return;
        }
        try {
            ActionDefinition definition = ActionDefinition.of(type);
            Class<?> other = byName.putIfAbsent(definition.name(), type);
            if (other != null) {
                throw new IllegalStateException("Action '" + definition.name() + "' is declared twice: by "
                        + other.getName() + " and " + type.getName());
            }
            definitions.put(definition.name(), definition);
        } catch (IllegalStateException e) {
            problem = e;
        }
    }

    void validate(@Observes AfterDeploymentValidation validation) {
        if (problem != null) {
            validation.addDeploymentProblem(problem);
        }
    }

    /** The action classes by name, in the order they were found. */
    Map<String, Class<?>> classes() {
        return Map.copyOf(byName);
    }

    Map<String, ActionDefinition> definitions() {
        return Map.copyOf(definitions);
    }
}
