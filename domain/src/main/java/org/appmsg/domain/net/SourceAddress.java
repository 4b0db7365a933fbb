package org.appmsg.domain.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Text;

/**
 * Where a client connects from, as the limits count it (docs/security.md): an IPv4 address, or the /64 network of
 * an IPv6 one ({@code 2001:db8:1:2::/64}). One subscriber usually holds a whole IPv6 /64, so counting single IPv6
 * addresses would let one client count as 2^64 clients.
 */
public record SourceAddress(String value) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /** Starts with a hex digit or ':' and holds a ':': the JDK then parses it as an IPv6 literal, never by name. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

    public SourceAddress {
        Objects.requireNonNull(value, "value");
    }

    /** The address a connection comes from, counted as above. */
    public static SourceAddress of(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(address.getAddress(), 16); // the low 64 bits stay 0
            Arrays.fill(network, 8, 16, (byte) 0);
            try {
                return new SourceAddress(InetAddress.getByAddress(network).getHostAddress() + "/64");
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always an IPv6 address", e);
            }
        }
        return new SourceAddress(address.getHostAddress());
    }

    /**
     * An IP address written as a literal ({@code 203.0.113.7}, {@code 2001:db8::1}), never looked up by name: a
     * host name, or anything else, is a {@link DomainViolation}.
     */
    public static InetAddress parseLiteral(String text) {
        String s = text.strip();
        try {
            Matcher v4 = IPV4.matcher(s);
            if (v4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        throw notAnAddress(text);
                    }
                    bytes[i] = (byte) octet;
                }
                return Inet4Address.getByAddress(bytes);
            }
            if (IPV6.matcher(s).matches()) {
                return InetAddress.getByName(s);
            }
        } catch (UnknownHostException e) {
            throw notAnAddress(text);
        }
        throw notAnAddress(text);
    }

    private static DomainViolation notAnAddress(String text) {
        return new DomainViolation("address.malformed", "\"" + Text.clip(text) + "\" is not an IP address");
    }

    @Override
    public String toString() {
        return value;
    }
}
