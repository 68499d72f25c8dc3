package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Settings settings = Settings.of(Map.of());
        assertEquals(65536, settings.limits().maxFrameBytes());
        assertEquals(1024, settings.limits().queueFrames());
        assertEquals(java.time.Duration.ofSeconds(25), settings.keepAlive().pingInterval());
    }

    @Test
    void aSetValueWins() {
        Settings settings = Settings.of(Map.of("switchboard.maxFrameBytes", " 4096 "));
        assertEquals(4096, settings.limits().maxFrameBytes());
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
                () -> Settings.of(Map.of("switchboard.maxFrameBytes", String.valueOf(LimitSettings.FRAME_BYTES_CEILING + 1))));
    }

    @Test
    void theClusterModeIsJmsUnlessSwitchedOff() {
        assertEquals(ClusterSettings.Mode.JMS, Settings.of(Map.of()).cluster().mode());
        assertEquals(ClusterSettings.Mode.LOCAL, Settings.of(Map.of("switchboard.cluster", "Local")).cluster().mode());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Settings.of(Map.of("switchboard.cluster", "redis")));
        assertTrue(e.getMessage().contains("expected 'jms' or 'local'"), e.getMessage());
    }

    @Test
    void aNodeTimeoutBelowTwoHeartbeatsIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Settings.of(Map.of("switchboard.heartbeatMillis", "2000", "switchboard.nodeTimeoutMillis", "3000")));
        assertTrue(e.getMessage().contains("expected at least twice switchboard.heartbeatMillis (2000)"), e.getMessage());
    }

    @Test
    void theHistoryKeepsItsStateInTheServersDataDirectoryUnlessToldOtherwise() {
        Settings wildfly = new Settings(Map.of("jboss.server.data.dir", "/srv/data")::get);
        wildfly.load();
        assertEquals(java.util.Optional.of(java.nio.file.Path.of("/srv/data/switchboard-history.json")), wildfly.history().stateFile());
        assertEquals(java.util.Optional.empty(), Settings.of(Map.of()).history().stateFile(), "none, in tests");
    }

    @Test
    void theSecretStaysOutOfTheGroupsText() {
        String secret = "s3cret-s3cret-s3cret-s3cret-s3cret!";
        assertFalse(Settings.of(Map.of("switchboard.auth.tokenSecret", secret)).auth().toString().contains(secret));
    }

    @Test
    void environmentNamesAreUpperSnakeCase() {
        assertEquals("SWITCHBOARD_MAX_FRAME_BYTES", Setting.environmentName("switchboard.maxFrameBytes"));
    }

    @Test
    void everySettingIsDeclaredOnceWithItsMeaning() {
        assertEquals(63, Settings.ALL.size());
        assertEquals(Settings.ALL.size(), Settings.ALL.stream().map(Setting::name).distinct().count(), "names are unique");
        for (Setting<?> setting : Settings.ALL) {
            assertTrue(setting.name().startsWith("switchboard."), setting.name());
            assertTrue(setting.doc().endsWith("."), setting.name() + ": " + setting.doc());
        }
    }

    @Test
    void theEffectiveSettingsMarkDefaultsAndMaskSecrets() {
        String effective = Settings.of(Map.of("switchboard.auth.tokenSecret", "s3cret-s3cret-s3cret-s3cret-s3cret!",
                "switchboard.rate.burst", "12")).effective();
        assertTrue(effective.contains("switchboard.rate.burst = 12\n"), effective);
        assertTrue(effective.contains("switchboard.maxFrameBytes = 65536  (default)"), effective);
        assertTrue(effective.contains("switchboard.auth.tokenSecret = ****"), effective);
        assertFalse(effective.contains("s3cret"), effective);
        assertEquals(Settings.ALL.size(), effective.lines().count());
    }

    @Test
    void aShortSecretIsRefusedWithoutShowingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Settings.of(Map.of("switchboard.auth.tokenSecret", "tiny-key")));
        assertTrue(e.getMessage().contains("at least 32 characters"), e.getMessage());
        assertFalse(e.getMessage().contains("tiny-key"), e.getMessage());
    }

    @Test
    void typedValuesAreParsedOnce() {
        Settings settings = Settings.of(Map.of("switchboard.rooms.create", "Configured", "switchboard.auth.required", "say, tell",
                "switchboard.rooms.namePattern", "[a-z]+"));
        assertEquals(RoomSettings.Creation.CONFIGURED, settings.rooms().creation());
        assertEquals(java.util.Set.of("say", "tell"), settings.auth().required());
        assertTrue(settings.rooms().namePattern().matcher("lobby").matches());
        assertEquals(null, Settings.of(Map.of()).rooms().namePattern());
        assertThrows(IllegalArgumentException.class,
                () -> settings.get(Setting.text("switchboard.unknown", "", "Not declared in a group.")));
    }

    @Test
    void roomPermissionsAreAJsonArrayOfRulesCheckedWholeAtDeployment() {
        RoomSettings.Permission rule = Settings.of(Map.of("switchboard.rooms.permissions",
                "[{\"rooms\": \"news-*\", \"say\": [\"editors\", \"owners\"], \"join\": \"anyone\", \"anonymous\": false}]"))
                .rooms().permissions().get(0);
        assertEquals(new RoomSettings.Permission("news-*", java.util.List.of("anyone"), java.util.List.of("editors", "owners"), null, null,
                false), rule);
        assertEquals(java.util.List.of(), Settings.of(Map.of()).rooms().permissions());
        for (String[] bad : new String[][] {
                {"[{\"rooms\": \"a\"", "a JSON array of rules"},
                {"{\"rooms\": \"a\"}", "a JSON array of rules, not OBJECT"},
                {"[{\"room\": \"a\"}]", "rule 0: no such field 'room'"},
                {"[{\"rooms\": \"a\"}, {\"say\": \"nobody\"}]", "rule 1: \"rooms\""},
                {"[{\"rooms\": \"a\", \"say\": [\"nobody\", \"editors\"]}]", "rule 0: \"say\" is one of"},
                {"[{\"rooms\": \"a\", \"join\": 3}]", "rule 0: \"join\" is \"anyone\""},
                {"[{\"rooms\": \"a\", \"history\": []}]", "rule 0: \"history\" is one of"},
                {"[{\"rooms\": \"a\", \"anonymous\": \"no\"}]", "rule 0: \"anonymous\" is true or false"}}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Settings.of(Map.of("switchboard.rooms.permissions", bad[0])), bad[0]);
            assertTrue(e.getMessage().contains("switchboard.rooms.permissions") && e.getMessage().contains(bad[1]), e.getMessage());
        }
    }

    @Test
    void theOperationsGuideListsEverySettingWithItsEnvironmentNameAndDefault() throws java.io.IOException {
        java.util.List<String> rows = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../docs/operations.md")).stream()
                .filter(line -> line.startsWith("| `switchboard.")).toList();
        for (Setting<?> setting : Settings.ALL) {
            String row = rows.stream().filter(line -> line.startsWith("| `" + setting.name() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("docs/operations.md has no row for " + setting.name()));
            assertTrue(row.contains("`" + Setting.environmentName(setting.name()) + "`"), row);
            if (!setting.defaultValue().isEmpty()) {
                assertTrue(row.contains("`" + setting.defaultValue() + "`"), "the default of " + setting.name() + ": " + row);
            }
        }
    }
}
