package dev.switchboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedForTest {

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("127.0.0.1", new ForwardedFor(List.of()).remoteAddress("127.0.0.1", List.of("203.0.113.9")));
    }

    @Test
    void fromATrustedProxyTheLastUntrustedHopIsTheClient() {
        ForwardedFor proxies = new ForwardedFor(List.of("10.0.0.0/8", "192.168.1.7"));
        assertEquals("203.0.113.9", proxies.remoteAddress("10.1.2.3", List.of("203.0.113.9")));
        // the client claimed 1.2.3.4; the trusted chain says it came from 203.0.113.9
        assertEquals("203.0.113.9", proxies.remoteAddress("10.1.2.3", List.of("1.2.3.4, 203.0.113.9, 192.168.1.7")));
        assertEquals("203.0.113.9", proxies.remoteAddress("10.1.2.3", List.of("1.2.3.4", "203.0.113.9, 10.9.9.9")));
        assertEquals("2001:db8::1", proxies.remoteAddress("10.1.2.3", List.of("2001:db8::1")));
    }

    @Test
    void ipv6ProxiesAreComparedAsAddressesNotAsText() {
        ForwardedFor loopback = new ForwardedFor(List.of("::1"));
        assertEquals("203.0.113.9", loopback.remoteAddress("0:0:0:0:0:0:0:1", List.of("203.0.113.9")));
        assertEquals("203.0.113.9", loopback.remoteAddress("[::1]", List.of("203.0.113.9")));
        ForwardedFor block = new ForwardedFor(List.of("fd00::/8", "10.0.0.0/8"));
        assertEquals("2001:db8::7", block.remoteAddress("fd12:3456::1", List.of("2001:db8::7")));
        assertEquals("2001:db8::7", block.remoteAddress("::ffff:10.1.2.3", List.of("2001:db8::7")), "IPv4 mapped into IPv6");
        assertEquals("fe80::1", block.remoteAddress("fe80::1", List.of("2001:db8::7")), "outside the block: not a proxy");
        assertEquals("0:0:0:0:0:0:0:1", new ForwardedFor(List.of("127.0.0.1")).remoteAddress("0:0:0:0:0:0:0:1",
                List.of("203.0.113.9")), "::1 is not 127.0.0.1");
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        ForwardedFor proxies = new ForwardedFor(List.of("10.0.0.0/8"));
        assertEquals("198.51.100.4", proxies.remoteAddress("198.51.100.4", List.of("10.0.0.1")));
    }

    @Test
    void garbageInTheHeaderStopsTheWalk() {
        ForwardedFor proxies = new ForwardedFor(List.of("10.0.0.1"));
        assertEquals("10.0.0.1", proxies.remoteAddress("10.0.0.1", List.of("not-an-address")));
        assertEquals("10.0.0.1", proxies.remoteAddress("10.0.0.1", List.of("evil.example.com")));
        assertEquals("10.0.0.1", proxies.remoteAddress("10.0.0.1", List.of("")));
    }

    @Test
    void aBadEntryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ForwardedFor(List.of("proxy.example.com")));
        assertThrows(IllegalArgumentException.class, () -> new ForwardedFor(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> new ForwardedFor(List.of("::1/129")));
        assertThrows(IllegalArgumentException.class, () -> new ForwardedFor(List.of("1234")));
    }

    @Test
    void theFingerprintIsTheCookieElseTheQueryElseTheId() {
        Handshake both = new Handshake(List.of("a=1; sessionID=\"abc\""), java.util.Map.of("sessionID", List.of("q")),
                List.of(), java.util.Set.of());
        assertEquals("abc", Fingerprints.of(both, "sessionID", "sessionID", "id-1"));
        Handshake query = new Handshake(List.of("other=1"), java.util.Map.of("sessionID", List.of("q")), List.of(), java.util.Set.of());
        assertEquals("q", Fingerprints.of(query, "sessionID", "sessionID", "id-1"));
        assertEquals("id-1", Fingerprints.of(Handshake.NONE, "sessionID", "sessionID", "id-1"));
        Handshake control = new Handshake(List.of("sessionID=a\u0001b"), java.util.Map.of(), List.of(), java.util.Set.of());
        assertEquals("id-1", Fingerprints.of(control, "sessionID", "sessionID", "id-1"));
    }
}
