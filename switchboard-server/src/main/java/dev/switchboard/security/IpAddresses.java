package dev.switchboard.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP address literals as clients and proxies write them, parsed without ever asking DNS. */
public final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * The bytes of an IPv4 or IPv6 literal ({@code [::1]} and a zone such as {@code %eth0} allowed; an IPv4
     * address mapped into IPv6 is its IPv4 address), or {@code null} for anything else — never resolved
     * through DNS.
     */
    public static byte[] literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = bare.indexOf('%');
        if (zone >= 0) {
            bare = bare.substring(0, zone);
        }
        if (bare.isEmpty() || !bare.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
                || c == ':' || c == '.') || bare.startsWith(".")) {
            return null; // ASCII only: anything else could reach a DNS look-up
        }
        if (!bare.contains(":") && !isDottedQuad(bare)) {
            return null; // "1234" or "deadbeef" would be read as a host name otherwise
        }
        try {
            return InetAddress.getByName(bare).getAddress(); // a literal is parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
