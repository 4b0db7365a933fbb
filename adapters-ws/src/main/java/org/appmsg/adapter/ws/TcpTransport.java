package org.appmsg.adapter.ws;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Transport} over a legacy TCP socket: statuses go raw, messages as Redis bulk strings. A
 * bounded queue feeds {@link #drain}, the connection's writer, which runs on its own virtual thread and
 * may block on a slow client; when the queue is full the connection is closed (the client resumes with
 * its mid).
 */
final class TcpTransport implements Transport {

    /** Room beyond the message allowance for {@code +h}/{@code -a} and the end marker. */
    private static final int SLACK = 3;
    private static final byte[] END = new byte[0];

    private final Socket socket;
    private final LinkedBlockingQueue<byte[]> outbound;
    private final AtomicBoolean closing = new AtomicBoolean();

    TcpTransport(Socket socket, int maxQueuedFrames) {
        this.socket = socket;
        this.outbound = new LinkedBlockingQueue<>(maxQueuedFrames + SLACK);
    }

    @Override
    public boolean sendStatus(byte[] line) {
        return enqueue(line);
    }

    @Override
    public boolean sendMessage(Frame frame, boolean newFormat) {
        return enqueue(frame.bulk(newFormat));
    }

    @Override
    public int queued() {
        return outbound.size();
    }

    @Override
    public void close(int code, String reason) {
        if (closing.compareAndSet(false, true) && !outbound.offer(END)) {
            cut(code, reason);
        }
    }

    /** The writer finishes the message it is writing (it takes whole ones), then takes the status and the end. */
    @Override
    public void closeDiscarding(int code, String reason, byte[] status) {
        if (closing.compareAndSet(false, true)) {
            outbound.clear();
            if (status != null) {
                outbound.offer(status);
            }
            outbound.offer(END);
        }
    }

    @Override
    public void cut(int code, String reason) {
        closing.set(true);
        closeSocket();
        outbound.clear();
        outbound.offer(END); // wakes the writer if it waits for work
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    /** The writer: sends queued items in order until the end marker or a dead socket, then closes. */
    void drain() {
        try {
            OutputStream out = socket.getOutputStream();
            for (byte[] next = outbound.take(); next != END; next = outbound.take()) {
                out.write(next);
            }
            out.flush();
            socket.shutdownOutput();
        } catch (IOException e) {
            // the client went away or the socket was cut: nothing left to send to
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the adapter is stopping
        } finally {
            closeSocket();
        }
    }

    private boolean enqueue(byte[] bytes) {
        // after close nothing more is sent, as on a closing WebSocket: report success so no one closes twice
        return closing.get() || outbound.offer(bytes);
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
