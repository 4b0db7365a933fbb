package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.appmsg.domain.net.SourceAddress;
import org.appmsg.domain.net.TrustedProxies;
import org.appmsg.domain.shared.DomainViolation;
import org.junit.jupiter.api.Test;

class SourceAddressTest {

    private static InetAddress ip(String literal) {
        return SourceAddress.parseLiteral(literal);
    }

    @Test
    void an_ipv4_address_counts_alone_and_an_ipv6_address_by_its_64_bit_network() {
        assertThat(SourceAddress.of(ip("203.0.113.7")).value()).isEqualTo("203.0.113.7");
        assertThat(SourceAddress.of(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")))
                .isEqualTo(SourceAddress.of(ip("2001:db8:1:2::1")))
                .isEqualTo(new SourceAddress("2001:db8:1:2:0:0:0:0/64"));
        assertThat(SourceAddress.of(ip("2001:db8:1:3::1"))).isNotEqualTo(SourceAddress.of(ip("2001:db8:1:2::1")));
    }

    @Test
    void only_literals_parse_and_nothing_is_looked_up_by_name() {
        assertThat(ip(" 10.0.0.1 ").getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(ip("::1").isLoopbackAddress()).isTrue();
        for (String bad : List.of("localhost", "example.org", "256.1.1.1", "1.2.3", "", "10.0.0.1/8", ":", ".:1", "g::1")) {
            assertThatThrownBy(() -> ip(bad)).as(bad).isInstanceOf(DomainViolation.class);
        }
    }

    @Test
    void proxies_are_addresses_and_cidr_ranges() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 127.0.0.1,fd00::/8, 192.168.1.128/25");

        assertThat(proxies.trusts(ip("10.200.3.4"))).isTrue();
        assertThat(proxies.trusts(ip("11.0.0.1"))).isFalse();
        assertThat(proxies.trusts(ip("127.0.0.1"))).isTrue();
        assertThat(proxies.trusts(ip("127.0.0.2"))).isFalse();
        assertThat(proxies.trusts(ip("fdab::1"))).isTrue();
        assertThat(proxies.trusts(ip("fe80::1"))).isFalse();
        assertThat(proxies.trusts(ip("192.168.1.200"))).isTrue();
        assertThat(proxies.trusts(ip("192.168.1.100"))).isFalse();
        assertThat(TrustedProxies.parse(" ").ranges()).isEmpty();
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.internal")).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/x")).isInstanceOf(DomainViolation.class);
    }

    @Test
    void forwarded_for_is_believed_only_from_a_trusted_proxy_and_only_up_to_the_first_untrusted_hop() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8");
        InetAddress proxy = ip("10.0.0.5");

        assertThat(TrustedProxies.NONE.client(ip("10.0.0.5"), List.of("198.51.100.1"))).isEqualTo(ip("10.0.0.5"));
        assertThat(proxies.client(ip("203.0.113.9"), List.of("198.51.100.1"))).as("a client writing the header itself")
                .isEqualTo(ip("203.0.113.9"));
        assertThat(proxies.client(proxy, List.of("198.51.100.1"))).isEqualTo(ip("198.51.100.1"));
        assertThat(proxies.client(proxy, List.of("1.1.1.1, 198.51.100.1, 10.0.0.9"))).as("forged left, proxies right")
                .isEqualTo(ip("198.51.100.1"));
        assertThat(proxies.client(proxy, List.of("1.1.1.1", "198.51.100.1:5000"))).as("two headers, a port")
                .isEqualTo(ip("198.51.100.1"));
        assertThat(proxies.client(proxy, List.of("[2001:db8::7]:443"))).isEqualTo(ip("2001:db8::7"));
        assertThat(proxies.client(proxy, List.of("unknown"))).as("no address: the proxy itself").isEqualTo(proxy);
        assertThat(proxies.client(proxy, List.of())).isEqualTo(proxy);
    }
}
