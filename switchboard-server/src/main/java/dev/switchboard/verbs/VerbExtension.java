package dev.switchboard.verbs;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds every {@link VerbHandler} bean while the container deploys the WAR and builds the
 * {@link VerbTable}; a duplicate method name becomes a deployment problem, so the WAR never starts
 * with an ambiguous method.
 */
public class VerbExtension implements Extension {

    private final List<Class<? extends VerbHandler>> handlers = new ArrayList<>();
    private volatile VerbTable table;

    void collect(@Observes ProcessManagedBean<? extends VerbHandler> bean) {
        handlers.add(bean.getAnnotatedBeanClass().getJavaClass().asSubclass(VerbHandler.class));
    }

    void validate(@Observes AfterDeploymentValidation validation) {
        try {
            table = VerbTable.of(handlers);
        } catch (IllegalStateException e) {
            validation.addDeploymentProblem(e);
        }
    }

    public VerbTable table() {
        return table;
    }
}
