package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Settings settings = Settings.of(Map.of());
        assertEquals(65536, settings.maxFrameBytes());
        assertEquals(1024, settings.outboundQueueFrames());
    }

    @Test
    void aSetValueWins() {
        Settings settings = Settings.of(Map.of("switchboard.maxFrameBytes", " 4096 "));
        assertEquals(4096, settings.maxFrameBytes());
    }

    @Test
    void aBadValueNamesTheSettingTheValueAndWhatWasExpected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Settings.of(Map.of("switchboard.outboundQueueFrames", "lots")));
        assertTrue(e.getMessage().contains("switchboard.outboundQueueFrames"), e.getMessage());
        assertTrue(e.getMessage().contains("SWITCHBOARD_OUTBOUND_QUEUE_FRAMES"), e.getMessage());
        assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
        assertTrue(e.getMessage().contains("expected an integer from 1 to"), e.getMessage());
    }

    @Test
    void aValueAboveTheCeilingIsRefused() {
        assertThrows(IllegalStateException.class,
                () -> Settings.of(Map.of("switchboard.maxFrameBytes", String.valueOf(Settings.FRAME_BYTES_CEILING + 1))));
    }

    @Test
    void theClusterModeIsJmsUnlessSwitchedOff() {
        assertEquals(Settings.ClusterMode.JMS, Settings.of(Map.of()).clusterMode());
        assertEquals(Settings.ClusterMode.LOCAL, Settings.of(Map.of("switchboard.cluster", "Local")).clusterMode());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Settings.of(Map.of("switchboard.cluster", "redis")));
        assertTrue(e.getMessage().contains("expected 'jms' or 'local'"), e.getMessage());
    }

    @Test
    void environmentNamesAreUpperSnakeCase() {
        assertEquals("SWITCHBOARD_MAX_FRAME_BYTES", Setting.environmentName("switchboard.maxFrameBytes"));
    }
}
