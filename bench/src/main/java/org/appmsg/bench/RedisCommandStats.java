package org.appmsg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Redis server has processed so far: {@code total_commands_processed} of {@code INFO stats} and the calls
 * per command of {@code INFO commandstats}. Two snapshots taken around a window, minus the idle rate measured
 * before it, give the commands a load caused ({@link #minus}, {@link #scaled}). Read over one plain RESP
 * connection per snapshot (the bench has no Redis client library, and needs only this one command).
 *
 * @param total processed commands (every client's, the INFO calls of this class included)
 * @param calls processed commands per command name (lower case, as Redis names them: {@code publish},
 *              {@code hset}, …)
 */
record RedisCommandStats(long total, Map<String, Long> calls) {

    private static final Pattern TOTAL = Pattern.compile("(?m)^total_commands_processed:(\\d+)");
    private static final Pattern CMD = Pattern.compile("(?m)^cmdstat_([^:]+):calls=(\\d+)");

    /** Parses the text of {@code INFO everything} (or of {@code INFO stats} and {@code INFO commandstats} together). */
    static RedisCommandStats parse(String info) {
        Matcher t = TOTAL.matcher(info);
        if (!t.find()) {
            throw new IllegalArgumentException("no total_commands_processed in the INFO answer");
        }
        Map<String, Long> calls = new LinkedHashMap<>();
        Matcher m = CMD.matcher(info);
        while (m.find()) {
            calls.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return new RedisCommandStats(Long.parseLong(t.group(1)), Map.copyOf(calls));
    }

    /** Asks the Redis at {@code hostPort} (no password) for {@code INFO everything}, waiting at most 2 s. */
    static RedisCommandStats read(String hostPort) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(BenchKit.host(hostPort), BenchKit.port(hostPort)), 2000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("*2\r\n$4\r\nINFO\r\n$10\r\neverything\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = line(in);
            if (!head.startsWith("$")) {
                throw new IOException("Redis answered " + head);
            }
            byte[] body = in.readNBytes(Integer.parseInt(head.substring(1)));
            return parse(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** What happened between {@code earlier} and this snapshot. */
    RedisCommandStats minus(RedisCommandStats earlier) {
        Map<String, Long> d = new LinkedHashMap<>();
        calls.forEach((name, n) -> d.put(name, n - earlier.calls.getOrDefault(name, 0L)));
        return new RedisCommandStats(total - earlier.total, Map.copyOf(d));
    }

    /** Every count times {@code factor} (rounded): an idle rate per second stretched over a window. */
    RedisCommandStats scaled(double factor) {
        Map<String, Long> d = new LinkedHashMap<>();
        calls.forEach((name, n) -> d.put(name, Math.round(n * factor)));
        return new RedisCommandStats(Math.round(total * factor), Map.copyOf(d));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
