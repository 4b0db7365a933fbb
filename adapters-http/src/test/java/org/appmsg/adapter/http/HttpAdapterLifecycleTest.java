package org.appmsg.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.appmsg.application.port.in.SendMessageUseCase;
import org.appmsg.domain.message.MessageId;
import org.junit.jupiter.api.Test;

class HttpAdapterLifecycleTest {

    private static final String PUSH_BODY = "{\"baseRequest\":{\"token\":\"tok\"},\"msg\":{\"fromUserName\":\"42@user\","
            + "\"toUserName\":\"43@user\",\"content\":\"hi\",\"msgType\":1}}";

    @Test
    void stop_lets_an_in_flight_request_finish_and_turns_ready_off_meanwhile() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var server = new TestServer(Duration.ofSeconds(10))) {
            server.send = c -> {
                entered.countDown();
                await(release);
                return new SendMessageUseCase.Result.Accepted(new MessageId(5), 11, "");
            };
            int adminPort = server.adapter.adminPort();
            var inFlight = CompletableFuture.supplyAsync(() -> server.post("/app/client/device/push", PUSH_BODY));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

            var stopping = CompletableFuture.runAsync(server.adapter::stop);
            Thread.sleep(300);
            assertThat(stopping).isNotDone();
            var ready = server.send(HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + adminPort + "/ready")).GET());
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).contains("shutting down");

            release.countDown();
            var response = inFlight.get(5, TimeUnit.SECONDS);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("mid").asLong()).isEqualTo(11);
            stopping.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void ports_are_known_only_while_running_and_start_is_once() {
        var adapter = new HttpAdapter(stubs(), HttpAdapter.Settings.defaults(() -> 1).withPorts(0, 0),
                Clock.systemUTC());
        assertThatThrownBy(adapter::apiPort).isInstanceOf(IllegalStateException.class);

        adapter.start();
        try {
            assertThat(adapter.apiPort()).isPositive().isNotEqualTo(adapter.adminPort());
            assertThatThrownBy(adapter::start).isInstanceOf(IllegalStateException.class);
        } finally {
            adapter.stop();
        }
        adapter.stop();
        assertThatThrownBy(adapter::adminPort).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_port_in_use_fails_start_with_a_clear_message() {
        try (var first = new TestServer()) {
            int taken = first.adapter.adminPort();
            var second = new HttpAdapter(stubs(), HttpAdapter.Settings.defaults(() -> 1).withPorts(0, taken),
                    Clock.systemUTC());

            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken);
            assertThatThrownBy(second::apiPort).isInstanceOf(IllegalStateException.class);
            second.stop();
        }
    }

    @Test
    void settings_refuse_nonsense() {
        var defaults = HttpAdapter.Settings.defaults(() -> 1);
        assertThat(defaults.apiPort()).isEqualTo(8090);
        assertThat(defaults.adminHost()).isEqualTo("127.0.0.1");
        assertThat(defaults.maxBodyBytes()).isEqualTo(1 << 20);
        assertThatThrownBy(() -> defaults.withPorts(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withGauges(Map.of("bad name", () -> 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpAdapter.UseCases stubs() {
        return new HttpAdapter.UseCases(c -> null, c -> null, c -> null, q -> null, c -> null, k -> false, List::of,
                c -> null, q -> null, c -> null, c -> null, c -> null, q -> null, q -> null, q -> null, q -> null,
                q -> null, q -> null, c -> null, q -> null, c -> null, q -> null, c -> null, c -> null, q -> null,
                c -> null, q -> null, c -> null, c -> null, c -> null, c -> null, c -> null, r -> null, c -> null, r -> null,
                q -> null, c -> null, c -> null, q -> null);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
