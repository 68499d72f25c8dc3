package dev.switchboard.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationsTest {

    private final Instant now = Instant.parse("2026-12-06T12:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    @TempDir
    Path directory;

    private Identity token(String user, String id, Instant issued) {
        return new Identity(user, Set.of(), id, issued, now.plusSeconds(3600));
    }

    @Test
    void aTokenIsRevokedByItsIdAndAUsersTokensByWhenTheyWereIssued() {
        Revocations revocations = new Revocations(null, clock);
        assertTrue(revocations.add(Revocation.ofToken("t-1", now.plusSeconds(60))));
        assertFalse(revocations.add(Revocation.ofToken("t-1", now.plusSeconds(60))), "known already");
        assertEquals("token revoked", revocations.of(token("ann", "t-1", now.minusSeconds(5))).orElseThrow().reason());
        assertEquals(Optional.empty(), revocations.of(token("ann", "t-2", now.minusSeconds(5))));
        revocations.add(Revocation.ofUser("bob", now, now.plusSeconds(60)));
        assertTrue(revocations.of(token("bob", "t-3", now.minusSeconds(1))).isPresent());
        assertTrue(revocations.of(token("bob", null, null)).isPresent(), "a proof that does not say when may be as old as any");
        assertFalse(revocations.of(token("bob", "t-4", now)).isPresent(), "issued at the time: after it");
        assertFalse(revocations.of(token("bobby", "t-5", now.minusSeconds(1))).isPresent());
    }

    @Test
    void aRevocationIsForgottenWhenItsTokensHaveExpiredAnyway() {
        Instant[] time = {now};
        Clock moving = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return time[0];
            }
        };
        Revocations revocations = new Revocations(null, moving);
        revocations.add(Revocation.ofToken("t-1", now.plusSeconds(60)));
        assertFalse(revocations.add(Revocation.ofToken("t-0", now)), "expired already: nothing to keep");
        time[0] = now.plusSeconds(60);
        assertEquals(List.of(), revocations.current());
        assertFalse(revocations.of(token("ann", "t-1", now)).isPresent());
    }

    @Test
    void theyOutliveARestartInTheNodesFile() throws Exception {
        Path file = directory.resolve("revocations.json");
        new Revocations(file, clock).add(Revocation.ofUser("ann", now, now.plusSeconds(60)));
        Revocations restarted = new Revocations(file, clock);
        assertEquals(List.of(Revocation.ofUser("ann", now, now.plusSeconds(60))), restarted.current());
        Files.writeString(file, "[{\"tokenId\": 3}"); // broken: none rather than a node that does not start
        assertEquals(List.of(), new Revocations(file, clock).current());
    }

    @Test
    void aNodeKeepsAtMostItsBoundAndSaysSo() {
        Revocations revocations = new Revocations(null, clock);
        for (int i = 0; i < Revocations.MAX; i++) {
            revocations.add(Revocation.ofToken("t-" + i, now.plusSeconds(60)));
        }
        assertThrows(IllegalStateException.class, () -> revocations.add(Revocation.ofToken("one-more", now.plusSeconds(60))));
    }

    @Test
    void aRevocationReadsBackFromItsJsonAndRefusesWhatIsNone() {
        Revocation user = Revocation.ofUser("ann", now, now.plusSeconds(60));
        assertEquals(user, Revocation.parse(user.toJson().toString()));
        for (String bad : List.of("{}", "{\"tokenId\":\"t\",\"user\":\"u\",\"until\":1,\"issuedBefore\":1}", "{\"user\":\"u\",\"until\":1}",
                "{\"tokenId\":\"t\"}", "[1]", "{\"tokenId\":\"t\",\"until\":1e40}")) {
            assertThrows(IllegalArgumentException.class, () -> Revocation.parse(bad), bad);
        }
    }
}
