package org.appmsg.adapter.persistence.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.appmsg.application.port.out.FileStorage.Deletion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpFileStorage} against a local HTTP server that plays the file store. */
class HttpFileStorageIT {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "{\"size\":1234}";
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** Generous timeouts: an answering server must never look like a timeout on a busy machine. */
    private HttpFileStorage storage(String method) {
        return storage(method, Duration.ofSeconds(10));
    }

    private HttpFileStorage storage(String method, Duration requestTimeout) {
        return new HttpFileStorage(new HttpFileStorage.Settings(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/delete?fid={fid}", method,
                Duration.ofSeconds(1), requestTimeout));
    }

    @Test
    void a_2xx_answer_is_a_deletion_and_the_fid_is_sent_encoded_with_the_configured_method() {
        try (HttpFileStorage storage = storage("delete")) {
            assertThat(storage.delete("3,01637037d6", "ignored:8080/x")).isEqualTo(new Deletion.Deleted());
        }
        assertThat(requests).containsExactly("DELETE /delete?fid=3%2C01637037d6");
    }

    @Test
    void get_and_post_are_possible_and_an_empty_202_is_a_deletion_too() {
        status = 202;
        body = "";
        try (HttpFileStorage get = storage("GET"); HttpFileStorage post = storage("POST")) {
            assertThat(get.delete("a b/c", "")).isEqualTo(new Deletion.Deleted());
            assertThat(post.delete("f1", "")).isEqualTo(new Deletion.Deleted());
        }
        assertThat(requests).containsExactly("GET /delete?fid=a%20b%2Fc", "POST /delete?fid=f1");
    }

    @Test
    void a_404_means_the_file_is_gone_already() {
        status = 404;
        body = "{\"error\":\"not found\"}";
        try (HttpFileStorage storage = storage("DELETE")) {
            assertThat(storage.delete("f1", "")).isEqualTo(new Deletion.Gone());
        }
    }

    @Test
    void a_500_is_a_failure_that_names_the_status() {
        status = 500;
        body = "volume server down";
        try (HttpFileStorage storage = storage("DELETE")) {
            assertThat(storage.delete("f1", "")).isInstanceOfSatisfying(Deletion.Failed.class,
                    f -> assertThat(f.reason()).contains("HTTP 500").contains("volume server down"));
        }
    }

    @Test
    void a_json_body_with_an_error_is_a_failure_as_weedfs_reports_one() {
        body = "{\"error\": \"Deletion Failed: no write permission\"}";
        try (HttpFileStorage storage = storage("DELETE")) {
            assertThat(storage.delete("f1", "")).isInstanceOfSatisfying(Deletion.Failed.class,
                    f -> assertThat(f.reason()).contains("no write permission"));
            body = "{\"error\":\"\",\"size\":3}";
            assertThat(storage.delete("f1", "")).isEqualTo(new Deletion.Deleted());
        }
    }

    @Test
    void no_answer_within_the_request_timeout_is_a_failure() {
        delayMillis = 2_000;
        try (HttpFileStorage storage = storage("DELETE", Duration.ofMillis(500))) {
            long start = System.nanoTime();
            assertThat(storage.delete("f1", "")).isInstanceOfSatisfying(Deletion.Failed.class,
                    f -> assertThat(f.reason()).contains("timeout"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_900));
        }
    }

    @Test
    void a_refused_connection_is_a_failure() {
        HttpFileStorage storage = storage("DELETE");
        server.stop(0);
        try (storage) {
            assertThat(storage.delete("f1", "")).isInstanceOfSatisfying(Deletion.Failed.class,
                    f -> assertThat(f.reason()).contains("cannot reach"));
        }
    }

    @Test
    void the_settings_refuse_urls_without_fid_other_schemes_and_other_methods() {
        assertThatThrownBy(() -> new HttpFileStorage.Settings("http://weed:9333/delete", "DELETE"))
                .hasMessageContaining("{fid}");
        assertThatThrownBy(() -> new HttpFileStorage.Settings("ftp://weed/{fid}", "DELETE"))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> new HttpFileStorage.Settings("http://weed/{fid}", "PUT"))
                .hasMessageContaining("DELETE, GET or POST");
        assertThat(new HttpFileStorage.Settings("https://weed/{fid}", " get ").method()).isEqualTo("GET");
        assertThat(new HttpFileStorage.Settings("http://weed:9333/delete?fid={fid}", "DELETE").requestTimeout())
                .isEqualTo(Duration.ofSeconds(10));
    }
}
