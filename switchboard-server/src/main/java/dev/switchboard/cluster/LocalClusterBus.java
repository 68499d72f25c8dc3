package dev.switchboard.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The bus of a node that runs alone: publishing is delivering here, in the publisher's thread.
 * The registry's per-room lock gives one order per room.
 */
@ApplicationScoped
@Typed(LocalClusterBus.class)
public class LocalClusterBus implements ClusterBus {

    private volatile Consumer<Envelope> delivery = envelope -> {
    };

    @Override
    public void publish(Envelope envelope) {
        delivery.accept(envelope);
    }

    @Override
    public Link link() {
        return new Link("local", true, "");
    }

    @Override
    public void deliverTo(Consumer<Envelope> delivery) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }
}
