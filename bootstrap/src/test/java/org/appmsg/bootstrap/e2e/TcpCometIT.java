package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The legacy TCP comet protocol against the real server: discovery, subscribe, heartbeat, live frames, resume. */
class TcpCometIT extends ServerFixture {

    @Override
    String databaseUrl() {
        return "";
    }

    private static byte[] command(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    /** Reads one bulk string frame: {@code $len\r\n<json>\r\n}. */
    private static String bulk(InputStream in) throws IOException {
        String head = line(in);
        assertThat(head).startsWith("$");
        byte[] body = in.readNBytes(Integer.parseInt(head.substring(1)));
        line(in);
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void a_tcp_client_discovers_the_node_subscribes_receives_and_resumes() throws Exception {
        syncUser("lena", "lena-login", "Lena", "lena-pw");
        syncUser("mark", "mark-login", "Mark", "mark-pw");
        String lena = login("lena-login", "lena-pw", "Android-l1");
        String mark = login("mark-login", "mark-pw", "Android-m1");
        JsonNode where = client.getJson("/1/server/get", Map.of("k", "mark_Android-m1@user", "p", "2"));
        assertThat(where.get("data").get("server").asText()).isEqualTo("127.0.0.1:" + server.tcpPort());

        long lastMid;
        try (Socket socket = new Socket("127.0.0.1", server.tcpPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(command("sub", "mark_Android-m1@user", "60", mark, "1"));
            assertThat(line(in)).isEqualTo("+h");
            out.write('h');
            assertThat(line(in)).isEqualTo("+h");

            push(lena, "Android-l1", "lena@user", "mark@user", "over tcp");
            JsonNode frame = Client.parse(bulk(in));
            assertThat(frame.get("msg").get("content").asText()).isEqualTo("over tcp");
            lastMid = frame.get("mid").asLong();
        }
        push(lena, "Android-l1", "lena@user", "mark@user", "while away");
        try (Socket socket = new Socket("127.0.0.1", server.tcpPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(command("sub", "mark_Android-m1@user", "60", mark, "", Long.toString(lastMid)));
            InputStream in = socket.getInputStream();
            assertThat(line(in)).isEqualTo("+h");
            JsonNode replayed = Client.parse(bulk(in));
            assertThat(Client.parse(replayed.get("msg").asText()).get("content").asText())
                    .as("no version: legacy format, msg as a string").isEqualTo("while away");
        }
        try (Socket socket = new Socket("127.0.0.1", server.tcpPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(command("sub", "mark@user", "60", lena));
            assertThat(line(socket.getInputStream())).as("lena's token for mark's key").isEqualTo("-a");
        }
    }
}
