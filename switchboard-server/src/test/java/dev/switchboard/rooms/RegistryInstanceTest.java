package dev.switchboard.rooms;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.protocol.FrameCodec;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Switchboard's own calls reach the registry itself while it runs, and the container's proxy once it stops. */
class RegistryInstanceTest {

    private final RoomRegistry registry = new RoomRegistry(new LocalClusterBus(), new FrameCodec(), new NodeIdentity("n1"),
            Clock.systemUTC());

    /** What the container's proxy does with {@code instance()}: hands over the bean it stands for. */
    private final RoomRegistry proxy = new RoomRegistry(new LocalClusterBus(), new FrameCodec(), new NodeIdentity("proxy"),
            Clock.systemUTC()) {
        @Override
        public RoomRegistry instance() {
            return registry;
        }
    };

    @Test
    void whileTheRegistryRunsItsCallersReachItAndOnceItStopsTheProxy() {
        RegistryInstance instance = new RegistryInstance(proxy);
        assertSame(registry, instance.get());
        assertSame(registry, instance.get(), "taken once, kept");
        registry.stop();
        assertSame(proxy, instance.get(), "the container refuses calls to a stopped bean: they go to it again");
    }
}
