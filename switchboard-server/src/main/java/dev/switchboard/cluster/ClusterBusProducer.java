package dev.switchboard.cluster;

import dev.switchboard.config.ClusterSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Chooses this node's {@link ClusterBus} once: the JMS topic when JMS works here, else local fan-out
 * (one node, Payara Micro, or {@code switchboard.cluster=local}). Says which, once, in the log.
 */
@ApplicationScoped
public class ClusterBusProducer {

    private static final Logger LOG = System.getLogger(ClusterBusProducer.class.getName());

    @Produces
    @ApplicationScoped
    ClusterBus bus(ClusterSettings settings, Instance<JmsClusterBus> jms, LocalClusterBus local, NodeIdentity node) {
        return choose(settings, jms::get, local, node, LOG::log);
    }

    /** The choice, with where to say it: the log, or a test's list. */
    static ClusterBus choose(ClusterSettings settings, Supplier<JmsClusterBus> jms, LocalClusterBus local, NodeIdentity node,
            BiConsumer<Level, String> log) {
        if (settings.mode() == ClusterSettings.Mode.LOCAL) {
            log.accept(Level.INFO, "Switchboard node " + node.nodeId() + ": cluster bus switched off (switchboard.cluster=local); "
                    + "room traffic is delivered on this node only");
            return local;
        }
        JmsClusterBus bus = jms.get();
        if (bus != null && bus.works()) {
            bus.start();
            log.accept(Level.INFO, "Switchboard node " + node.nodeId() + ": cluster bus on JMS topic " + JmsClusterBus.TOPIC_NAME);
            return bus;
        }
        log.accept(Level.WARNING, "Switchboard node " + node.nodeId() + ": JMS does not work here; running alone, "
                + "room traffic is delivered on this node only");
        return local;
    }
}
