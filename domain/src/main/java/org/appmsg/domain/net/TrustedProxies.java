package org.appmsg.domain.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.appmsg.domain.shared.DomainViolation;

/**
 * The reverse proxies in front of the server (operator-configured addresses and CIDR ranges). Only a trusted proxy's
 * {@code X-Forwarded-For} is believed: anyone else could write any address there. Trusted proxies are also exempt
 * from the per-address connection limits, since every client behind them shares their address; they are expected
 * to limit their own clients.
 */
public record TrustedProxies(List<Range> ranges) {

    /** No proxy: every header is ignored and every address is counted. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    /** {@code address} with its first {@code prefixLength} bits significant. */
    public record Range(InetAddress address, int prefixLength) {
        public Range {
            Objects.requireNonNull(address, "address");
            int bits = address.getAddress().length * 8;
            if (prefixLength < 0 || prefixLength > bits) {
                throw new DomainViolation("proxy.prefix", "prefix length must be 0-" + bits + ": " + prefixLength);
            }
        }

        boolean contains(InetAddress candidate) {
            byte[] network = address.getAddress();
            byte[] other = candidate.getAddress();
            if (network.length != other.length) {
                return false;
            }
            int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++) {
                if (network[i] != other[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (network[whole] & mask) == (other[whole] & mask);
        }
    }

    public TrustedProxies {
        ranges = List.copyOf(ranges);
    }

    /**
     * A comma-separated list of IP literals and CIDR ranges ({@code 10.0.0.0/8, 127.0.0.1, fd00::/8}); empty is
     * {@link #NONE}. A name or anything else malformed is a {@link DomainViolation} naming the entry.
     */
    public static TrustedProxies parse(String list) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : list.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            InetAddress address = SourceAddress.parseLiteral(slash < 0 ? e : e.substring(0, slash));
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException x) {
                    throw new DomainViolation("proxy.prefix", "\"" + e + "\" has no prefix length after '/'");
                }
            }
            ranges.add(new Range(address, prefix));
        }
        return new TrustedProxies(ranges);
    }

    public boolean trusts(InetAddress peer) {
        return ranges.stream().anyMatch(r -> r.contains(peer));
    }

    /**
     * The client a request comes from: the connection's {@code peer}, unless that is a trusted proxy; then the
     * {@code X-Forwarded-For} entries (all headers' values, in order, oldest first) are walked from the right, past
     * trusted proxies, and the first address that is not one is the client. An entry that is not an IP address stops
     * the walk at the hop that wrote it (an untrusted hop could have written anything to its left).
     */
    public InetAddress client(InetAddress peer, List<String> forwardedFor) {
        if (!trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(header -> hops.addAll(List.of(header.split(","))));
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0 && trusts(client); i--) {
            try {
                client = SourceAddress.parseLiteral(withoutPort(hops.get(i).strip()));
            } catch (DomainViolation e) {
                return client;
            }
        }
        return client;
    }

    /** {@code [2001:db8::1]:443} and {@code 203.0.113.7:5000} as some proxies write them, without the port. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }
}
