package org.appmsg.bootstrap.e2e;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket that reads only when asked, so a test can play a client that stops
 * reading: after the handshake nothing is read until {@link #next}. Its receive buffer is small, so little piles up
 * in the kernel on its side.
 */
final class RawWebSocket implements AutoCloseable {

    /** One frame from the server: its opcode (1 text, 8 close) and payload. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        boolean isClose() {
            return opcode == 8;
        }

        int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final java.net.Socket socket;
    private final DataInputStream in;

    private RawWebSocket(java.net.Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    static RawWebSocket open(int port, String query) throws IOException {
        java.net.Socket socket = new java.net.Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET /sub?" + query + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        RawWebSocket ws = new RawWebSocket(socket);
        String head = ws.head();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head);
        }
        return ws;
    }

    /** The next frame; an {@link IOException} when the connection ends without one. */
    Frame next() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String head() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        InputStream raw = in;
        while (!endsWithBlankLine(b.toByteArray())) {
            int c = raw.read();
            if (c < 0) {
                throw new IOException("closed during the handshake");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private static boolean endsWithBlankLine(byte[] bytes) {
        int n = bytes.length;
        return n >= 4 && Arrays.equals(bytes, n - 4, n, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, 4);
    }
}
