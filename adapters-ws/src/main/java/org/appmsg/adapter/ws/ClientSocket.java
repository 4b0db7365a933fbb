package org.appmsg.adapter.ws;

import java.util.List;
import org.appmsg.domain.net.ConnectionsPerAddress;
import org.java_websocket.WebSocketListener;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;

/**
 * A Java-WebSocket socket with what the client limits keep per connection ({@link ClientGuard}): its place in the
 * per-address count, from accept to close, and its frame allowance. Frames of one socket are decoded on one worker
 * thread at a time, so the allowance needs no lock.
 */
final class ClientSocket extends WebSocketImpl {

    private volatile ConnectionsPerAddress.Ticket ticket;
    private long frames = FrameRate.FRESH;

    ClientSocket(WebSocketListener listener, List<Draft> drafts) {
        super(listener, drafts);
    }

    ClientSocket(WebSocketListener listener, Draft draft) {
        super(listener, draft);
    }

    void admitted(ConnectionsPerAddress.Ticket ticket) {
        this.ticket = ticket;
    }

    /** Gives the address its place back; safe to call more than once, and before admission. */
    void release() {
        ConnectionsPerAddress.Ticket t = ticket;
        if (t != null) {
            t.release();
        }
    }

    /** Counts one client frame; false when it is over the rate (the caller closes the connection). */
    boolean frame(FrameRate rate) {
        long next = rate.next(frames, System.nanoTime());
        if (next == FrameRate.REFUSED) {
            return false;
        }
        frames = next;
        return true;
    }
}
