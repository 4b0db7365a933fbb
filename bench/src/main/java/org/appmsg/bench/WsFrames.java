package org.appmsg.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The little of RFC 6455 that the load tools' selector-driven WebSocket clients need: the upgrade request, the
 * server's {@code 101} answer and its unmasked frames ({@link Reader}), and masked one-byte text frames.
 */
final class WsFrames {

    private WsFrames() {
    }

    /** Receives the payload of one complete text frame: {@code bytes[from, from + len)}. */
    @FunctionalInterface
    interface TextHandler {
        void text(byte[] bytes, int from, int len) throws IOException;
    }

    /** The upgrade request for {@code pathAndQuery} on {@code host} ({@code host:port}). */
    static byte[] upgradeRequest(String host, String pathAndQuery) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A masked text frame of one byte, as a client must send it (a heartbeat {@code h}). */
    static byte[] maskedText(byte payload) {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        return new byte[] {(byte) 0x81, (byte) 0x81, mask[0], mask[1], mask[2], mask[3], (byte) (payload ^ mask[0])};
    }

    /**
     * One connection's incoming side: the server's upgrade answer once, then its frames; text frames go to the
     * handler, a close frame or a refused upgrade is an {@link IOException}, other frames are skipped. The bytes
     * of an unfinished answer or frame wait for the next read.
     */
    static final class Reader {
        private boolean upgraded;
        private byte[] pending = new byte[0];

        /** Consumes what {@code read} holds (flipped) after the bytes kept from earlier reads. */
        void read(ByteBuffer read, TextHandler text) throws IOException {
            byte[] bytes = append(pending, read);
            int at = 0;
            if (!upgraded) {
                at = endOfUpgrade(bytes);
                if (at < 0) {
                    pending = bytes;
                    return;
                }
                upgraded = true;
            }
            pending = frames(bytes, at, text);
        }
    }

    /** {@code pending} followed by what {@code read} holds (flipped). */
    static byte[] append(byte[] pending, ByteBuffer read) {
        byte[] bytes = new byte[pending.length + read.remaining()];
        System.arraycopy(pending, 0, bytes, 0, pending.length);
        read.get(bytes, pending.length, read.remaining());
        return bytes;
    }

    /** Where the frames start after the {@code 101} answer that opens {@code bytes}; -1 while it is unfinished. */
    private static int endOfUpgrade(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int endOfHead = text.indexOf("\r\n\r\n");
        if (endOfHead < 0) {
            return -1;
        }
        if (!text.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + text.lines().findFirst().orElse(""));
        }
        return endOfHead + 4;
    }

    /** Handles the complete frames from {@code at}; returns the bytes of an unfinished last one. */
    private static byte[] frames(byte[] bytes, int at, TextHandler text) throws IOException {
        while (bytes.length - at >= 2) {
            int opcode = bytes[at] & 0x0f;
            long len = bytes[at + 1] & 0x7f;
            int header = 2;
            if (len == 126) {
                if (bytes.length - at < 4) {
                    break;
                }
                len = ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
                header = 4;
            } else if (len == 127) {
                if (bytes.length - at < 10) {
                    break;
                }
                len = 0;
                for (int i = 2; i < 10; i++) {
                    len = (len << 8) | (bytes[at + i] & 0xff);
                }
                header = 10;
            }
            if (bytes.length - at < header + len) {
                break;
            }
            if (opcode == 8) {
                throw new IOException("closed by the server");
            }
            if (opcode == 1) {
                text.text(bytes, at + header, (int) len);
            }
            at += header + (int) len;
        }
        return at == bytes.length ? new byte[0] : Arrays.copyOfRange(bytes, at, bytes.length);
    }
}
