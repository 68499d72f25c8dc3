package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.switchboard.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which bus a node runs on, and that it says so once. */
class ClusterBusProducerTest {

    private final LocalClusterBus local = new LocalClusterBus();
    private final NodeIdentity node = new NodeIdentity("n1");
    private final List<String> logged = new CopyOnWriteArrayList<>();

    private ClusterBus choose(Map<String, String> settings, JmsClusterBus jms) {
        return ClusterBusProducer.choose(Settings.of(settings).cluster(), () -> jms, local, node,
                (level, message) -> logged.add(level + " " + message));
    }

    /** A JMS bus whose probe answers as told, without a server. */
    static final class FakeJms extends JmsClusterBus {
        private final boolean works;

        FakeJms(boolean works) {
            this.works = works;
        }

        @Override
        public boolean works() {
            return works;
        }

        @Override
        public void start() {
            // no broker in a unit test
        }
    }

    @Test
    void switchedOffByConfigurationTheNodeRunsAloneAndSaysSoOnce() {
        ClusterBus bus = choose(Map.of("switchboard.cluster", "local"), new FakeJms(true));
        assertSame(local, bus);
        assertEquals(1, logged.size());
        assertEquals("INFO Switchboard node n1: cluster bus switched off (switchboard.cluster=local); "
                + "room traffic is delivered on this node only", logged.get(0));
    }

    @Test
    void withoutWorkingJmsTheNodeRunsAloneAndSaysSoOnce() {
        ClusterBus bus = choose(Map.of(), new FakeJms(false));
        assertSame(local, bus);
        assertEquals(1, logged.size());
        assertEquals(true, logged.get(0).startsWith("WARNING ") && logged.get(0).contains("JMS does not work here; running alone"));
    }

    @Test
    void withWorkingJmsTheTopicCarriesTheTraffic() {
        FakeJms jms = new FakeJms(true);
        assertSame(jms, choose(Map.of(), jms));
        assertEquals(List.of("INFO Switchboard node n1: cluster bus on JMS topic switchboard.cluster"), logged);
    }
}
