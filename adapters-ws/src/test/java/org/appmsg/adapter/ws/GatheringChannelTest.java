package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.drafts.Draft_6455;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gathering write against a real loopback socket with tiny buffers, so most writes are partial, while more
 * frames are queued as it writes: the peer must read every byte once, in queue order, whatever was gathered.
 * The loop below is what Java-WebSocket's selector does with a connection's queue (peek, write, poll when empty).
 */
class GatheringChannelTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void every_byte_arrives_once_and_in_order_through_partial_writes_and_a_growing_queue() throws Exception {
        Random random = new Random(42);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                SocketChannel client = SocketChannel.open()) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            client.connect(server.getLocalAddress());
            try (SocketChannel socket = server.accept(); Selector selector = Selector.open()) {
                socket.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
                socket.configureBlocking(false);
                WebSocketImpl ws = new WebSocketImpl((WebSocketListener) Proxy.newProxyInstance(
                        getClass().getClassLoader(), new Class<?>[] {WebSocketListener.class}, (p, m, a) -> null),
                        new Draft_6455());
                SelectionKey key = socket.register(selector, SelectionKey.OP_WRITE, ws);
                GatheringChannel channel = new GatheringChannel(socket, key);
                int total = 3_000;
                for (int i = 0; i < total / 2; i++) {
                    ws.outQueue.add(frame(i, random, expected));
                }
                CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> readAll(client));

                int queued = total / 2;
                while (!ws.outQueue.isEmpty() || queued < total) {
                    if (queued < total && random.nextInt(3) == 0) { // a producer adds while the selector writes
                        ws.outQueue.add(frame(queued++, random, expected));
                    }
                    ByteBuffer head = ws.outQueue.peek();
                    if (head == null) {
                        continue;
                    }
                    channel.write(head);
                    if (head.hasRemaining()) {
                        selector.select(50); // the socket is full: wait until it can take more, as the selector does
                        selector.selectedKeys().clear();
                    } else {
                        ws.outQueue.poll();
                    }
                }

                assertThat(read.get(50, TimeUnit.SECONDS)).isEqualTo(expectedBytes(expected));
            }
        }
    }

    private static ByteBuffer frame(int index, Random random, ByteArrayOutputStream expected) {
        byte[] bytes = new byte[1 + random.nextInt(3_000)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (index * 31 + i);
        }
        synchronized (expected) {
            expected.writeBytes(bytes);
        }
        return ByteBuffer.wrap(bytes);
    }

    private static byte[] expectedBytes(ByteArrayOutputStream expected) {
        synchronized (expected) {
            return expected.toByteArray();
        }
    }

    /** Reads until nothing has come for a second, pausing now and then at first, so the sender's writes stay partial. */
    private static byte[] readAll(SocketChannel client) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            client.socket().setSoTimeout(1_000);
            var in = client.socket().getInputStream();
            byte[] chunk = new byte[1024];
            int reads = 0;
            int n;
            while ((n = in.read(chunk)) > 0) {
                got.write(chunk, 0, n);
                if (++reads % 50 == 0 && reads < 2_000) {
                    Thread.sleep(1);
                }
            }
        } catch (java.net.SocketTimeoutException done) {
            // nothing more is coming
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return got.toByteArray();
    }
}
