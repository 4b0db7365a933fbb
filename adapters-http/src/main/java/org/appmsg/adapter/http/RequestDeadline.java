package org.appmsg.adapter.http;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;

/**
 * A whole request (headers and body) must arrive within {@code timeout} of the connection opening or of the
 * previous response: a client that sends slowly (slowloris) or stops half-way is cut off then, however often it
 * trickles a byte, instead of holding its connection and its handler for Jetty's 30 s idle timeout per pause.
 * Handling takes as long as it takes: the clock stops once the request is fully received. Jetty calls the
 * listener methods; {@link #sweep} (about once a second) closes what is late.
 */
final class RequestDeadline implements Connection.Listener, HttpChannel.Listener {

    private final long timeoutNanos;
    private final ConcurrentHashMap<EndPoint, Long> due = new ConcurrentHashMap<>();
    private final LongAdder cut = new LongAdder();

    RequestDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void onOpened(Connection connection) {
        due.put(connection.getEndPoint(), System.nanoTime() + timeoutNanos);
    }

    @Override
    public void onClosed(Connection connection) {
        due.remove(connection.getEndPoint());
    }

    @Override
    public void onRequestEnd(Request request) {
        due.remove(request.getHttpChannel().getEndPoint());
    }

    @Override
    public void onComplete(Request request) {
        EndPoint endPoint = request.getHttpChannel().getEndPoint();
        if (endPoint.isOpen()) { // kept alive: the next request has its own time
            due.put(endPoint, System.nanoTime() + timeoutNanos);
        }
    }

    /** Closes the connections whose request is late; forgets closed ones. */
    void sweep() {
        long now = System.nanoTime();
        due.entrySet().removeIf(entry -> {
            EndPoint endPoint = entry.getKey();
            if (!endPoint.isOpen()) {
                return true;
            }
            if (now - entry.getValue() > 0) {
                cut.increment();
                endPoint.close();
                return true;
            }
            return false;
        });
    }

    long cutTotal() {
        return cut.sum();
    }
}
