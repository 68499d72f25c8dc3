package dev.switchboard.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The address a connection comes from: the peer's, or — only when the peer is a trusted proxy — the
 * last address in {@code X-Forwarded-For} that is not a trusted proxy itself (the client as the
 * nearest trusted proxy saw it; earlier entries are whatever the client claimed).
 */
final class ForwardedFor {

    private final List<String> trusted;

    /** @param trusted addresses ({@code 10.0.0.5}) or IPv4 CIDR blocks ({@code 10.0.0.0/8}) */
    ForwardedFor(List<String> trusted) {
        for (String entry : trusted) {
            if (!validEntry(entry)) {
                throw new IllegalArgumentException("expected an IP address or an IPv4 CIDR block, got '" + entry + "'");
            }
        }
        this.trusted = List.copyOf(trusted);
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
                if (hop.isEmpty() || !looksLikeAddress(hop)) {
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
        for (String entry : trusted) {
            if (entry.contains("/") ? inBlock(address, entry) : entry.equals(address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inBlock(String address, String block) {
        int slash = block.indexOf('/');
        Integer base = ipv4(block.substring(0, slash));
        Integer value = ipv4(address);
        if (base == null || value == null) {
            return false;
        }
        int bits = Integer.parseInt(block.substring(slash + 1));
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        return (base & mask) == (value & mask);
    }

    private static boolean validEntry(String entry) {
        if (!entry.contains("/")) {
            return looksLikeAddress(entry);
        }
        int slash = entry.indexOf('/');
        try {
            int bits = Integer.parseInt(entry.substring(slash + 1));
            return ipv4(entry.substring(0, slash)) != null && bits >= 0 && bits <= 32;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** An IPv4 dotted quad as an int, or {@code null}. */
    private static Integer ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return null;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    /** An IPv4 or IPv6 literal (never resolved through DNS). */
    private static boolean looksLikeAddress(String text) {
        if (ipv4(text) != null) {
            return true;
        }
        if (!text.contains(":") || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            InetAddress.getByName(text); // a literal with ':' is parsed, not looked up
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
