package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A comet client that stops reading while messages keep coming: the server gives up on it once its outbound
 * queue is full (here 16 frames) and closes it so that the client, when it reads again, gets what its socket
 * already held and then the close (4000 "resync" on the WebSocket, a clean end of stream on TCP), even when it
 * starts reading long after the server gave up. It then resumes with the highest mid it saw and gets the rest.
 */
class SlowConsumerIT extends ServerFixture {

    private static final String BIG = "x".repeat(60_000);
    /** Longer than the server's 5 s close timeout: a client that is slow is not a client that is gone. */
    private static final long READS_AGAIN_AFTER_MILLIS = 6_000;

    @Override
    String databaseUrl() {
        return "";
    }

    @Override
    void moreSettings(Map<String, String> env) {
        env.put("APPMSG_MAX_QUEUED_FRAMES", "16");
        env.put("APPMSG_PASSWORD_ITERATIONS", "10000");
    }

    @Test
    void a_websocket_client_that_stops_reading_gets_a_resync_close_frame_then_resumes_without_loss() throws Exception {
        String sam = signedIn("sam");
        String ann = signedIn("ann");
        List<Long> seen = new ArrayList<>();
        int pushed;
        try (RawWebSocket ws = RawWebSocket.open(server.wsPort(), "key=sam@user&heartbeat=30&ver=1&token=" + sam)) {
            assertThat(ws.next().text()).isEqualTo("+h\r\n"); // then it reads nothing
            pushed = pushUntilTheServerGivesUp(ann, "ann", "sam");
            Thread.sleep(READS_AGAIN_AFTER_MILLIS);

            RawWebSocket.Frame frame;
            while (!(frame = ws.next()).isClose()) {
                seen.add(mid(frame.text()));
            }
            assertThat(frame.closeCode()).isEqualTo(4000);
            assertThat(frame.closeReason()).isEqualTo("resync: outbound queue full");
        }
        assertThat(seen).as("what the socket held, in order").isEqualTo(midsUpTo(seen.size()))
                .hasSizeLessThan(pushed);

        try (Socket resumed = subscribe("sam@user", sam, "&ver=1&mid=" + seen.size())) {
            seen.addAll(mids(resumed, pushed - seen.size()));
        }
        assertThat(seen).isEqualTo(midsUpTo(pushed));
    }

    @Test
    void a_tcp_client_that_stops_reading_reads_whole_frames_then_the_end_and_resumes_without_loss() throws Exception {
        String tim = signedIn("tim");
        String bea = signedIn("bea");
        List<Long> seen = new ArrayList<>();
        int pushed;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.tcpPort()), 5000);
            socket.setSoTimeout(20_000);
            String command = "*5\r\n$3\r\nsub\r\n$8\r\ntim@user\r\n$2\r\n30\r\n$" + tim.length() + "\r\n" + tim
                    + "\r\n$1\r\n1\r\n";
            socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertThat(TcpFeed.line(in)).isEqualTo("+h"); // then it reads nothing
            pushed = pushUntilTheServerGivesUp(bea, "bea", "tim");
            Thread.sleep(READS_AGAIN_AFTER_MILLIS);

            for (String head = TcpFeed.line(in); head != null; head = TcpFeed.line(in)) {
                assertThat(head).startsWith("$");
                byte[] body = in.readNBytes(Integer.parseInt(head.substring(1)));
                assertThat(TcpFeed.line(in)).as("a whole frame").isEmpty();
                seen.add(mid(new String(body, StandardCharsets.UTF_8)));
            }
        }
        assertThat(seen).as("what the socket held, in order").isEqualTo(midsUpTo(seen.size()))
                .hasSizeLessThan(pushed);

        try (TcpFeed resumed = TcpFeed.open(server.tcpPort(), "tim@user", "30", tim, "1", Long.toString(seen.size()))) {
            assertThat(resumed.next(15)).isEqualTo("+h\r\n");
            seen.addAll(mids(resumed, pushed - seen.size()));
        }
        assertThat(seen).isEqualTo(midsUpTo(pushed));
    }

    /** Pushes large messages to a reader that reads nothing until the server closes its connection; how many. */
    private int pushUntilTheServerGivesUp(String token, String from, String to) {
        int pushed = 0;
        while (liveConnections() > 0) {
            assertThat(pushed).as("the server never gave up").isLessThan(2000);
            var body = Client.obj();
            body.putObject("baseRequest").put("deviceID", "Android-" + from).put("token", token);
            body.putObject("msg").put("fromUserName", from + "@user").put("toUserName", to + "@user")
                    .put("content", BIG + pushed).put("msgType", 1);
            JsonNode r = client.post("/app/client/device/push", body);
            assertThat(ret(r)).as(r.toString()).isZero();
            pushed++;
        }
        return pushed;
    }

    private long liveConnections() {
        String metrics = client.adminGet("/metrics", ADMIN_KEY).body();
        return metrics.lines().filter(l -> l.startsWith("appmsg_ws_connections ")).mapToLong(
                l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1).strip())).findFirst().orElseThrow();
    }

    private static List<Long> mids(Feed feed, int count) throws InterruptedException {
        List<Long> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (out.size() < count && System.nanoTime() < deadline) {
            feed.drain(100).forEach(frame -> out.add(mid(frame)));
        }
        return out;
    }
}
