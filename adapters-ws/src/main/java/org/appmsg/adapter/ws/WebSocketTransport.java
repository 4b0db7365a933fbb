package org.appmsg.adapter.ws;

import java.nio.ByteBuffer;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.TextFrame;

/** A {@link Transport} over a Java-WebSocket socket: statuses and envelopes both go as text frames. */
record WebSocketTransport(WebSocketImpl socket) implements Transport {

    @Override
    public boolean sendStatus(byte[] line) {
        return sendText(line);
    }

    @Override
    public boolean sendMessage(Frame frame, boolean newFormat) {
        return sendText(frame.payload(newFormat));
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
    public void cut(int code, String reason) {
        socket.closeConnection(code, reason);
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    private boolean sendText(byte[] payload) {
        TextFrame frame = new TextFrame();
        frame.setPayload(ByteBuffer.wrap(payload));
        try {
            socket.sendFrame(frame);
        } catch (WebsocketNotConnectedException e) {
            // closing already: the close callback unregisters the connection
        }
        return true;
    }
}
