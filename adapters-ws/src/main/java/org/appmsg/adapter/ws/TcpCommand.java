package org.appmsg.adapter.ws;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.appmsg.adapter.ws.SubscribeRequest.Parsed;

/**
 * The legacy TCP subscribe command in Redis multi-bulk form: {@code *<argc>\r\n} then per argument
 * {@code $<len>\r\n<bytes>\r\n}, arguments {@code sub}, key, heartbeat, [token], [version], [mid].
 * The sixth, {@code mid}, is an appmsg extension (legacy clients send at most five): a non-empty
 * decimal asks for a replay after that mid exactly as {@code mid=} does on the WebSocket; an empty one
 * means none. Arguments are printable ASCII of at most {@link #MAX_ARG_BYTES} bytes, so a command
 * never holds more than a few KiB.
 */
final class TcpCommand {

    static final int MAX_ARGS = 6;
    static final int MAX_ARG_BYTES = 512;
    private static final int MAX_DIGITS = 4;

    /** Malformed framing: the connection is closed without a reply. */
    static final class Malformed extends IOException {
        Malformed(String why) {
            super(why);
        }
    }

    private TcpCommand() {}

    /** Reads one command; blocks until it is complete. */
    static List<String> read(InputStream in) throws IOException {
        int argc = header(in, '*');
        if (argc < 1 || argc > MAX_ARGS) {
            throw new Malformed("argc must be 1-" + MAX_ARGS + ": " + argc);
        }
        List<String> args = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            int length = header(in, '$');
            if (length > MAX_ARG_BYTES) {
                throw new Malformed("argument longer than " + MAX_ARG_BYTES + " bytes");
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new EOFException("argument cut short");
            }
            for (byte b : bytes) {
                if (b < 0x20 || b > 0x7e) {
                    throw new Malformed("argument is not printable ASCII");
                }
            }
            expect(in, '\r');
            expect(in, '\n');
            args.add(new String(bytes, StandardCharsets.US_ASCII));
        }
        return args;
    }

    /** The request a command asks for; an unknown command or a missing key or heartbeat is a {@code -p}. */
    static Parsed parse(List<String> args, int minHeartbeatSeconds) {
        if (!"sub".equals(args.getFirst())) {
            return new Parsed.BadParams("unknown command");
        }
        if (args.size() < 3) {
            return new Parsed.BadParams("sub needs a key and a heartbeat");
        }
        String mid = argument(args, 5);
        return SubscribeRequest.of(args.get(1), args.get(2), argument(args, 3), argument(args, 4),
                mid == null || mid.isEmpty() ? null : mid, minHeartbeatSeconds);
    }

    private static String argument(List<String> args, int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** {@code <marker><decimal>\r\n}: the value, at most {@value #MAX_DIGITS} digits (so never negative). */
    private static int header(InputStream in, char marker) throws IOException {
        expect(in, marker);
        int value = 0;
        int digits = 0;
        int b = next(in);
        while (b >= '0' && b <= '9') {
            if (++digits > MAX_DIGITS) {
                throw new Malformed("number too long after " + marker);
            }
            value = value * 10 + (b - '0');
            b = next(in);
        }
        if (digits == 0 || b != '\r') {
            throw new Malformed("bad " + marker + " line");
        }
        expect(in, '\n');
        return value;
    }

    private static void expect(InputStream in, char wanted) throws IOException {
        if (next(in) != wanted) {
            throw new Malformed("expected " + (int) wanted);
        }
    }

    private static int next(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("command cut short");
        }
        return b;
    }
}
