package dev.switchboard.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The bus of a node that runs alone: publishing is delivering here, in the publisher's thread.
 * The registry's per-room lock gives one order per room.
 */
@ApplicationScoped
public class LocalClusterBus implements ClusterBus {

    private static final Logger LOG = System.getLogger(LocalClusterBus.class.getName());

    private volatile Consumer<Envelope> delivery = envelope -> {
    };

    @Override
    public void publish(Envelope envelope) {
        delivery.accept(envelope);
    }

    @Override
    public void deliverTo(Consumer<Envelope> delivery) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        LOG.log(Level.INFO, "Switchboard runs without a cluster bus: room traffic is delivered on this node only");
    }
}
