package org.appmsg.bootstrap.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A live comet subscription as a test reads it, over the WebSocket ({@link Socket}) or TCP ({@link TcpFeed}). */
interface Feed extends AutoCloseable {

    /** Every frame in arrival order: status lines as sent ({@code "+h\r\n"}), messages as their JSON envelope. */
    BlockingQueue<String> frames();

    /** The server closed the connection (or it was cut). */
    boolean isClosed();

    /** Drops the connection abruptly, without a close handshake. */
    void abort();

    @Override
    void close();

    /** The next frame, or fails the test after {@code seconds}. */
    default String next(int seconds) {
        try {
            String f = frames().poll(seconds, TimeUnit.SECONDS);
            if (f == null) {
                throw new AssertionError("no frame within " + seconds + " s");
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every message frame that arrives within {@code millis} (status frames like +h are skipped). */
    default List<String> drain(long millis) throws InterruptedException {
        List<String> out = new ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000;
        String f;
        while ((f = frames().poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            if (!f.startsWith("+")) {
                out.add(f);
            }
        }
        return out;
    }
}
