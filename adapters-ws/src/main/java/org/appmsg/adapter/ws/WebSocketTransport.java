package org.appmsg.adapter.ws;

import java.nio.ByteBuffer;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.server.WebSocketServer;

/**
 * A {@link Transport} over a Java-WebSocket socket: statuses and envelopes both go as text frames.
 *
 * <p>Frames are encoded here ({@link Frame#webSocket}, once per frame however many sockets get it) and put on the
 * socket's public outbound queue, then the server is told to write ({@link WebSocketServer#onWriteDemand}), which
 * is exactly what the library's own send does after encoding. Its send also decodes every outgoing frame into a
 * String for a trace log line that is off (Java-WebSocket 1.6.0, {@code WebSocketImpl.write}): that was half the
 * cost of a send in the group fan-out profile (issue #5). Each queued buffer is one whole frame, so frames the
 * library queues itself (pong, close) never interleave with ours; a {@link Connection} sends under its sequencer's
 * lock, so ours keep their order. {@link #closeDiscarding} has the socket's {@link GatheringChannel}, its writer on
 * the selector thread, pass over the frames still waiting, so the close frame goes out next.
 */
record WebSocketTransport(WebSocketImpl socket, WebSocketServer server) implements Transport {

    @Override
    public boolean sendStatus(byte[] line) {
        return enqueue(Frame.webSocketText(line));
    }

    @Override
    public boolean sendMessage(Frame frame, boolean newFormat) {
        return enqueue(frame.webSocket(newFormat));
    }

    @Override
    public int queued() {
        return socket.outQueue.size();
    }

    @Override
    public void close(int code, String reason) {
        socket.close(code, reason);
    }

    @Override
    public void closeDiscarding(int code, String reason, byte[] status) {
        ByteBuffer keep = status == null ? null : ByteBuffer.wrap(Frame.webSocketText(status));
        if (socket.getChannel() instanceof GatheringChannel channel) {
            channel.discardUntil(keep);
        }
        if (keep != null && socket.isOpen()) {
            socket.outQueue.add(keep);
        }
        socket.close(code, reason); // queues the close frame and asks the selector to write
    }

    @Override
    public void cut(int code, String reason) {
        socket.closeConnection(code, reason);
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    private boolean enqueue(byte[] wire) {
        if (socket.isOpen()) { // else closing already: the close callback unregisters the connection
            socket.outQueue.add(ByteBuffer.wrap(wire)); // a buffer of its own: many sockets may share one array
            server.onWriteDemand(socket);
        }
        return true;
    }
}
