package org.appmsg.domain.net;

import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The open connections of one listener per {@link SourceAddress}, at most {@code limit} each; trusted proxies are
 * not counted (docs/security.md). A connection is admitted when accepted and hands its {@link Ticket} back when it
 * closes. Thread-safe; memory is held only for addresses with a connection open, so an attacker spraying addresses
 * grows it by no more than the connections he holds.
 */
public final class ConnectionsPerAddress {

    private final int limit;
    private final TrustedProxies exempt;
    private final ConcurrentHashMap<SourceAddress, Count> open = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();

    public ConnectionsPerAddress(int limit, TrustedProxies exempt) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.limit = limit;
        this.exempt = Objects.requireNonNull(exempt, "exempt");
    }

    /** What {@link #admit} decided. */
    public sealed interface Admission {
        /** Keep the connection; release the ticket when it closes. */
        record Admitted(Ticket ticket) implements Admission {}

        /**
         * Close the connection at once: {@code address} holds {@code limit} already. {@code first} is true for the
         * first refusal since the address last had room, so that a flood is logged once, not per connection.
         */
        record Refused(SourceAddress address, boolean first) implements Admission {}
    }

    /** One admitted connection's place; {@link #release} is idempotent. */
    public static final class Ticket {
        private static final Ticket UNCOUNTED = new Ticket(null, null);

        private final ConnectionsPerAddress owner;
        private final SourceAddress address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(ConnectionsPerAddress owner, SourceAddress address) {
            this.owner = owner;
            this.address = address;
        }

        public void release() {
            if (owner != null && released.compareAndSet(false, true)) {
                owner.closed(address);
            }
        }
    }

    public Admission admit(InetAddress peer) {
        if (exempt.trusts(peer)) {
            return new Admission.Admitted(Ticket.UNCOUNTED);
        }
        SourceAddress address = SourceAddress.of(peer);
        boolean[] admitted = {false};
        boolean[] first = {false};
        open.compute(address, (key, count) -> {
            Count c = count == null ? new Count() : count;
            if (c.open < limit) {
                c.open++;
                admitted[0] = true;
            } else {
                first[0] = !c.refusing;
                c.refusing = true;
            }
            return c;
        });
        if (admitted[0]) {
            return new Admission.Admitted(new Ticket(this, address));
        }
        refused.increment();
        return new Admission.Refused(address, first[0]);
    }

    /** Connections refused since the start. */
    public long refusedTotal() {
        return refused.sum();
    }

    /** Addresses with a connection open now. */
    public int addresses() {
        return open.size();
    }

    private void closed(SourceAddress address) {
        open.computeIfPresent(address, (key, c) -> {
            c.open--;
            c.refusing = false;
            return c.open == 0 ? null : c;
        });
    }

    /** Guarded by the map's per-key lock ({@code compute}). */
    private static final class Count {
        int open;
        boolean refusing;
    }
}
