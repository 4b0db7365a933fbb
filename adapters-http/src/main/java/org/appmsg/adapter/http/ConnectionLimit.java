package org.appmsg.adapter.http;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.domain.net.ConnectionsPerAddress;
import org.appmsg.domain.net.ConnectionsPerAddress.Admission;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jetty connection listener that keeps at most the configured number of open connections per client address
 * ({@link ConnectionsPerAddress}): one more is closed as soon as it opens, before a byte of it is read. Logs a
 * flood once per address (WARN), not once per connection.
 */
final class ConnectionLimit implements Connection.Listener {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);

    private final String listener;
    private final ConnectionsPerAddress perAddress;
    private final ConcurrentHashMap<Connection, ConnectionsPerAddress.Ticket> admitted = new ConcurrentHashMap<>();

    ConnectionLimit(String listener, ConnectionsPerAddress perAddress) {
        this.listener = listener;
        this.perAddress = perAddress;
    }

    @Override
    public void onOpened(Connection connection) {
        InetSocketAddress remote = connection.getEndPoint().getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return; // not a socket (never on a ServerConnector)
        }
        switch (perAddress.admit(remote.getAddress())) {
            case Admission.Admitted a -> admitted.put(connection, a.ticket());
            case Admission.Refused r -> {
                if (r.first()) {
                    log.warn("{}: {} holds the most connections one address may; closing its new ones", listener,
                            r.address());
                }
                connection.close();
            }
        }
    }

    @Override
    public void onClosed(Connection connection) {
        ConnectionsPerAddress.Ticket ticket = admitted.remove(connection);
        if (ticket != null) {
            ticket.release();
        }
    }

    long refusedTotal() {
        return perAddress.refusedTotal();
    }
}
