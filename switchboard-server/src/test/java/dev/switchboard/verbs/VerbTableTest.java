package dev.switchboard.verbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerbTableTest {

    @Handles("ping")
    static class OtherPing implements VerbHandler {
        @Override
        public Object handle(Caller caller, Params params) {
            return null;
        }
    }

    static class Unnamed implements VerbHandler {
        @Override
        public Object handle(Caller caller, Params params) {
            return null;
        }
    }

    @Test
    void aliasesMapToTheSameHandler() {
        VerbTable table = VerbTable.of(List.of(RoomAddHandler.class, PingHandler.class));
        assertEquals(RoomAddHandler.class, table.handlerOf("roomAdd"));
        assertEquals(RoomAddHandler.class, table.handlerOf("listenToRoom"));
        assertEquals(Set.of("listenToRoom", "ping", "roomAdd"), table.methods());
    }

    @Test
    void aMethodClaimedTwiceNamesBothHandlers() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VerbTable.of(List.of(PingHandler.class, OtherPing.class)));
        assertTrue(e.getMessage().contains("'ping'"), e.getMessage());
        assertTrue(e.getMessage().contains(PingHandler.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(OtherPing.class.getName()), e.getMessage());
    }

    @Test
    void aHandlerMustNameItsMethod() {
        assertThrows(IllegalStateException.class, () -> VerbTable.of(List.of(Unnamed.class)));
    }
}
