package org.appmsg.adapter.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain-socket client of the legacy TCP protocol. */
final class TcpClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    TcpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends a Redis multi-bulk command. */
    void command(String... args) throws IOException {
        StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        out.write(command.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends raw bytes, one per char (ISO-8859-1). */
    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends a client heartbeat and returns this client. */
    TcpClient heartbeat() throws IOException {
        send("h");
        return this;
    }

    /**
     * The next reply: a status line as sent ({@code "+h\r\n"}) or a bulk string's payload (checking that its
     * {@code $} length is the payload's byte length); null after {@code millis} without one.
     */
    String next(long millis) throws IOException {
        socket.setSoTimeout((int) millis);
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            return null;
        }
        socket.setSoTimeout(5000);
        if (first < 0) {
            throw new AssertionError("the server closed the connection");
        }
        String line = (char) first + line();
        if (first != '$') {
            return line;
        }
        int length = Integer.parseInt(line.substring(1, line.length() - 2));
        byte[] payload = in.readNBytes(length);
        if (payload.length != length || !"\r\n".equals(new String(in.readNBytes(2), StandardCharsets.US_ASCII))) {
            throw new AssertionError("bulk string of " + length + " bytes not followed by CRLF");
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    String next() throws IOException {
        return next(5000);
    }

    /** Everything the server sends until it closes; fails when it is still open after {@code millis}. */
    byte[] untilClosed(long millis) throws IOException {
        socket.setSoTimeout((int) millis);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after " + millis + " ms", e);
        } catch (SocketException e) {
            // reset: closed as well
        }
        return received.toByteArray();
    }

    String untilClosedText(long millis) throws IOException {
        return new String(untilClosed(millis), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            line.append((char) b);
            if (b == '\n') {
                return line.toString();
            }
        }
        throw new AssertionError("the server closed the connection mid-line");
    }
}
