package dev.switchboard.rooms;

import java.util.function.Supplier;

/**
 * The {@link RoomRegistry} itself for Switchboard's own calls on the hot path — the verbs, a connection's open and
 * close — rather than the container's proxy of it: taken through the proxy once, at the first call, not when the
 * caller is made (Payara refuses an EJB call while CDI is still making the beans). The registry has bean-managed
 * concurrency and no transactions, so a call through the container adds only its cost: on Payara, ~10 µs of CPU of
 * a 45 µs request/reply call (docs/performance.md, "The verbs call the registry, not its EJB proxy"). Application
 * code, the HTTP API and the container's timer still go through the proxy (docs/architecture.md). Once the container
 * stops the registry, calls go through the proxy again: the container refuses them there, as it did before, so that
 * nothing — a close still queued on a hand-off thread — reaches the cluster after the node's goodbye.
 */
public final class RegistryInstance implements Supplier<RoomRegistry> {

    private final RoomRegistry proxy;
    private volatile RoomRegistry instance;

    public RegistryInstance(RoomRegistry proxy) {
        this.proxy = proxy;
    }

    @Override
    public RoomRegistry get() {
        RoomRegistry known = instance;
        if (known == null) {
            known = proxy.instance();
            instance = known;
        }
        return known.stopped() ? proxy : known;
    }
}
