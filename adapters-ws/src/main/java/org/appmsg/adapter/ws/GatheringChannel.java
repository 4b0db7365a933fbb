package org.appmsg.adapter.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Queue;
import org.java_websocket.WebSocketImpl;

/**
 * A WebSocket connection's socket as Java-WebSocket's selector writes to it, writing the frames queued behind
 * the one it is asked to write in the same system call (a gathering write). The library writes a connection's
 * outbound queue one buffer per {@code write}: a group member who is sent many frames in a burst costs one system
 * call per frame, and on loopback those calls and their wake-ups on the receiving side were most of the fan-out's
 * cost (issue #5). The queue is only read here: the library still removes each buffer once it is empty, and a
 * buffer written in full ahead of its turn is simply empty when its turn comes. Used by the selector thread only,
 * except {@link #discardUntil}.
 *
 * <p>A connection closed because it fell behind, or because its token was withdrawn, must not make the client
 * read everything queued before the close frame. After {@link #discardUntil}, each text frame that reaches the
 * head of the queue without a byte of it written is passed over (marked written) instead of sent, until the
 * given frame or the close frame comes; a frame already started is finished, and the library's own control
 * frames go out. Only this writer may decide that a queued buffer will never be written: another thread cannot
 * tell whether the selector is writing it right now.
 */
final class GatheringChannel implements ByteChannel {

    /**
     * Buffers per system call. Small on purpose: with 64 buffers and 256 KB per call (bench/group.sh, live, 250
     * messages/s to 1,000 members) every connection fell behind and was closed for resync; with 8 and 16 KB the
     * delivery p99 fell from 445 to 163 ms at 250,000 frames/s and from 1,090 to 200 ms at 300,000.
     */
    static final int MAX_BUFFERS = 8;
    /** Bytes gathered per system call beyond the first buffer. */
    static final int MAX_BYTES = 16 * 1024;

    private static final byte TEXT_FRAME = (byte) 0x81; // FIN + text: every frame the gateway queues
    private static final byte CLOSE_FRAME = (byte) 0x88;

    private final SocketChannel socket;
    private final SelectionKey key;
    private final ByteBuffer[] gathered = new ByteBuffer[MAX_BUFFERS];
    private volatile boolean discarding;
    private volatile ByteBuffer keep;

    GatheringChannel(SocketChannel socket, SelectionKey key) {
        this.socket = socket;
        this.key = key;
    }

    /**
     * From now on, text frames not yet started are passed over until {@code keep} (when not null) or the close
     * frame reaches the head of the queue. Call it before queueing {@code keep} and the close frame.
     */
    void discardUntil(ByteBuffer keep) {
        this.keep = keep;
        discarding = true;
    }

    @Override
    public int write(ByteBuffer first) throws IOException {
        if (!first.hasRemaining()) {
            return 0; // written ahead of its turn by an earlier gathering write: the library now drops it
        }
        if (discarding) {
            if (first == keep || first.get(0) == CLOSE_FRAME) {
                discarding = false;
                keep = null;
            } else if (first.position() == 0 && first.get(0) == TEXT_FRAME) {
                first.position(first.limit()); // never written: the library drops it as if it were
                return 0;
            } else {
                return socket.write(first); // started, or a control frame: alone, nothing gathered behind it
            }
        }
        if (!(key.attachment() instanceof WebSocketImpl ws)) {
            return socket.write(first);
        }
        Queue<ByteBuffer> queue = ws.outQueue;
        Iterator<ByteBuffer> queued = queue.iterator();
        if (!queued.hasNext() || queued.next() != first) {
            return socket.write(first); // not the queue's head: nothing behind it to gather
        }
        int count = 1;
        long bytes = 0;
        gathered[0] = first;
        while (count < MAX_BUFFERS && bytes < MAX_BYTES && queued.hasNext()) {
            ByteBuffer next = queued.next();
            if (next.hasRemaining()) {
                gathered[count++] = next;
                bytes += next.remaining();
            }
        }
        try {
            return count == 1 ? socket.write(first) : (int) socket.write(gathered, 0, count); // < 2 GB: bounded above
        } finally {
            Arrays.fill(gathered, 0, count, null);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return socket.read(dst);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
