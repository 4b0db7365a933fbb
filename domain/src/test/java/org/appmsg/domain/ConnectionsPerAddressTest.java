package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.appmsg.domain.net.ConnectionsPerAddress;
import org.appmsg.domain.net.ConnectionsPerAddress.Admission;
import org.appmsg.domain.net.SourceAddress;
import org.appmsg.domain.net.TrustedProxies;
import org.junit.jupiter.api.Test;

class ConnectionsPerAddressTest {

    private final ConnectionsPerAddress limit = new ConnectionsPerAddress(3, TrustedProxies.parse("10.0.0.1"));

    private static InetAddress ip(String literal) {
        return SourceAddress.parseLiteral(literal);
    }

    private List<ConnectionsPerAddress.Ticket> admit(String address, int n) {
        List<ConnectionsPerAddress.Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tickets.add(((Admission.Admitted) limit.admit(ip(address))).ticket());
        }
        return tickets;
    }

    @Test
    void an_address_holds_at_most_the_limit_and_gets_room_back_when_one_closes() {
        var tickets = admit("203.0.113.7", 3);

        assertThat(limit.admit(ip("203.0.113.7")))
                .isEqualTo(new Admission.Refused(new SourceAddress("203.0.113.7"), true));
        assertThat(limit.admit(ip("203.0.113.7"))).as("logged once per flood")
                .isEqualTo(new Admission.Refused(new SourceAddress("203.0.113.7"), false));
        assertThat(limit.admit(ip("203.0.113.8"))).as("other addresses").isInstanceOf(Admission.Admitted.class);

        tickets.get(0).release();
        tickets.get(0).release(); // idempotent
        assertThat(limit.admit(ip("203.0.113.7"))).isInstanceOf(Admission.Admitted.class);
        assertThat(limit.admit(ip("203.0.113.7"))).as("a new flood is logged again")
                .isEqualTo(new Admission.Refused(new SourceAddress("203.0.113.7"), true));
        assertThat(limit.refusedTotal()).isEqualTo(3);
    }

    @Test
    void an_ipv6_network_counts_as_one_address_and_a_trusted_proxy_is_not_counted() {
        admit("2001:db8:1:2::1", 2);
        admit("2001:db8:1:2::ffff", 1);
        assertThat(limit.admit(ip("2001:db8:1:2::9"))).isInstanceOf(Admission.Refused.class);

        admit("10.0.0.1", 50);
        assertThat(limit.addresses()).as("the proxy holds no entry").isEqualTo(1);
    }

    @Test
    void memory_is_held_only_while_a_connection_is_open() {
        var tickets = admit("198.51.100.1", 2);
        admit("198.51.100.2", 1).forEach(ConnectionsPerAddress.Ticket::release);

        assertThat(limit.addresses()).isEqualTo(1);
        tickets.forEach(ConnectionsPerAddress.Ticket::release);
        assertThat(limit.addresses()).isZero();
    }
}
