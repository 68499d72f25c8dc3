package dev.switchboard.server;

import dev.switchboard.security.IpAddresses;
import java.util.ArrayList;
import java.util.List;

/**
 * The address a connection comes from: the peer's, or — only when the peer is a trusted proxy — the
 * last address in {@code X-Forwarded-For} that is not a trusted proxy itself (the client as the
 * nearest trusted proxy saw it; earlier entries are whatever the client claimed).
 */
final class ForwardedFor {

    /** A trusted address, or a block of them: the first {@code bits} bits of {@code address}. */
    private record Block(byte[] address, int bits) {
        boolean contains(byte[] other) {
            if (other.length != address.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != other[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            return rest == 0 || ((address[whole] ^ other[whole]) & (0xff << (8 - rest)) & 0xff) == 0;
        }
    }

    private final List<Block> trusted;

    /**
     * @param trusted addresses ({@code 10.0.0.5}, {@code ::1}) or CIDR blocks ({@code 10.0.0.0/8},
     *        {@code fd00::/8}), compared as addresses: {@code ::1} is {@code 0:0:0:0:0:0:0:1}
     */
    ForwardedFor(List<String> trusted) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : trusted) {
            Block block = block(entry);
            if (block == null) {
                throw new IllegalArgumentException("expected an IP address or a CIDR block, got '" + entry + "'");
            }
            blocks.add(block);
        }
        this.trusted = List.copyOf(blocks);
    }

    String remoteAddress(String peer, List<String> forwardedForHeaders) {
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        String address = peer;
        for (int h = forwardedForHeaders.size() - 1; h >= 0; h--) {
            String[] hops = forwardedForHeaders.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].strip();
                if (hop.isEmpty() || IpAddresses.literal(hop) == null) {
                    return address;
                }
                address = hop;
                if (!isTrusted(hop)) {
                    return hop;
                }
            }
        }
        return address;
    }

    boolean isTrusted(String address) {
        byte[] bytes = IpAddresses.literal(address);
        if (bytes == null) {
            return false;
        }
        for (Block block : trusted) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        byte[] address = IpAddresses.literal(slash < 0 ? entry : entry.substring(0, slash));
        if (address == null) {
            return null;
        }
        if (slash < 0) {
            return new Block(address, address.length * 8);
        }
        try {
            int bits = Integer.parseInt(entry.substring(slash + 1));
            return bits >= 0 && bits <= address.length * 8 ? new Block(address, bits) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
