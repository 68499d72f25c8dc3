package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A position's text, written by hand on the hot path, is the JSON writer's to the character. */
class PositionTest {

    @Test
    void itsTextIsTheWritersWhateverItsEpochAndOffset() {
        for (String epoch : List.of("yv0gjqfhh07a", "node-a.7", "", "\u00e9\u4e2d\ud83d\ude00", "\u2028\u007f\ud800",
                "q\"uote", "back\\slash", "tab\t", "\u0001", "\u001f", "</script>")) {
            for (long offset : List.of(0L, 1L, -3L, Long.MAX_VALUE, Long.MIN_VALUE)) {
                Position position = new Position(epoch, offset);
                assertEquals(position.toJson().toString(), position.toJsonText(), epoch);
            }
        }
    }
}
