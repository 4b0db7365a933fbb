package org.appmsg.adapter.apns;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.server.RejectionReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.appmsg.application.port.out.ApnsGateway.Notification;
import org.appmsg.application.port.out.ApnsGateway.Outcome;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsEnvironment;
import org.appmsg.domain.apns.ApnsScope;
import org.appmsg.domain.apns.DeviceToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Pushy gateway against Pushy's mock APNs server, with keys and certificates made by the test. */
class PushyApnsGatewayTest {

    static final TestPki PKI = new TestPki();
    static MockApns sandbox;
    static MockApns production;
    static PushyApnsGateway gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        sandbox = new MockApns(PKI);
        production = new MockApns(PKI);
        gateway = new PushyApnsGateway(new PushyApnsGateway.Settings(
                new PushyApnsGateway.Host("127.0.0.1", sandbox.port()),
                new PushyApnsGateway.Host("localhost", production.port()),
                Optional.of(PKI.caPem(dir.resolve("ca.pem"))), 100, 4, Duration.ofMillis(50)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sandbox.close();
        production.close();
    }

    static DeviceToken token() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return new DeviceToken(HexFormat.of().formatHex(b));
    }

    static ApnsCredential tokenAuth(String customer, ApnsEnvironment env) {
        return new ApnsCredential(new ApnsScope(ApnsScope.Kind.CUSTOMER, customer), "com.example.chat", env,
                new ApnsCredential.SigningKey(TestPki.p8(TestPki.ec()), "KEY1234567", "TEAM123456"), Instant.EPOCH);
    }

    static ApnsCredential certificateAuth(String customer, ApnsEnvironment env) {
        return new ApnsCredential(new ApnsScope(ApnsScope.Kind.CUSTOMER, customer), "com.example.chat", env,
                new ApnsCredential.Certificate(PKI.clientP12("acme push", "secret"), "secret"), Instant.EPOCH);
    }

    static Outcome send(ApnsCredential credential, DeviceToken token) throws Exception {
        return sendAsync(credential, token).get(20, TimeUnit.SECONDS);
    }

    static CompletableFuture<Outcome> sendAsync(ApnsCredential credential, DeviceToken token) {
        return gateway.send(credential, new Notification(token, "{\"aps\":{\"alert\":\"hi\"}}",
                Instant.now().plus(1, ChronoUnit.HOURS)));
    }

    @Test
    void token_auth_reaches_the_sandbox_host_with_a_bearer_token() throws Exception {
        DeviceToken token = token();

        assertThat(send(tokenAuth("c-token", ApnsEnvironment.SANDBOX), token)).isInstanceOf(Outcome.Accepted.class);

        assertThat(sandbox.accepted()).filteredOn(r -> r.token().equals(token.value())).singleElement()
                .satisfies(r -> {
                    assertThat(r.auth()).isEqualTo("token");
                    assertThat(r.topic()).isEqualTo("com.example.chat");
                    assertThat(r.payload()).isEqualTo("{\"aps\":{\"alert\":\"hi\"}}");
                });
        assertThat(production.accepted()).noneMatch(r -> r.token().equals(token.value()));
    }

    @Test
    void certificate_auth_reaches_the_production_host_with_the_client_certificate() throws Exception {
        DeviceToken token = token();

        assertThat(send(certificateAuth("c-cert", ApnsEnvironment.PRODUCTION), token))
                .isInstanceOf(Outcome.Accepted.class);

        assertThat(production.accepted()).filteredOn(r -> r.token().equals(token.value())).singleElement()
                .satisfies(r -> assertThat(r.auth()).isEqualTo("certificate:CN=acme push"));
        assertThat(sandbox.accepted()).noneMatch(r -> r.token().equals(token.value()));
    }

    @Test
    void permanent_rejections_come_back_with_apples_reason_after_one_attempt() throws Exception {
        ApnsCredential credential = tokenAuth("c-reject", ApnsEnvironment.SANDBOX);
        DeviceToken bad = token();
        DeviceToken notForTopic = token();
        DeviceToken tooLarge = token();
        sandbox.reject(bad.value(), RejectionReason.BAD_DEVICE_TOKEN);
        sandbox.reject(notForTopic.value(), RejectionReason.DEVICE_TOKEN_NOT_FOR_TOPIC);
        sandbox.reject(tooLarge.value(), RejectionReason.PAYLOAD_TOO_LARGE);
        int before = sandbox.attempts();

        assertThat(send(credential, bad)).isEqualTo(new Outcome.Rejected(400, "BadDeviceToken", Optional.empty()));
        assertThat(send(credential, notForTopic))
                .isEqualTo(new Outcome.Rejected(400, "DeviceTokenNotForTopic", Optional.empty()));
        assertThat(send(credential, tooLarge)).isEqualTo(new Outcome.Rejected(413, "PayloadTooLarge", Optional.empty()));
        assertThat(sandbox.attempts() - before).isEqualTo(3);
    }

    @Test
    void unregistered_carries_apples_timestamp() throws Exception {
        DeviceToken gone = token();
        Instant since = Instant.parse("2026-11-01T08:00:00Z");
        sandbox.unregistered(gone.value(), since);

        Outcome outcome = send(tokenAuth("c-gone", ApnsEnvironment.SANDBOX), gone);

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        Outcome.Rejected r = (Outcome.Rejected) outcome;
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.reason()).isEqualTo("Unregistered");
        assertThat(r.invalidSince()).contains(since);
    }

    @Test
    void a_503_is_retried_until_accepted() throws Exception {
        DeviceToken token = token();
        sandbox.unavailable(token.value(), 2);
        int before = sandbox.attempts();

        assertThat(send(tokenAuth("c-busy", ApnsEnvironment.SANDBOX), token)).isInstanceOf(Outcome.Accepted.class);

        assertThat(sandbox.attempts() - before).isEqualTo(3);
        assertThat(sandbox.accepted()).filteredOn(r -> r.token().equals(token.value())).hasSize(1);
    }

    @Test
    void retries_stop_after_the_last_attempt_with_the_last_answer() throws Exception {
        DeviceToken token = token();
        sandbox.unavailable(token.value(), 10);

        assertThat(send(tokenAuth("c-down", ApnsEnvironment.SANDBOX), token))
                .isEqualTo(new Outcome.Rejected(503, "ServiceUnavailable", Optional.empty()));
    }

    @Test
    void a_dropped_connection_is_retried_on_a_new_one() throws Exception {
        try (MockApns flaky = new MockApns(PKI);
                PushyApnsGateway own = new PushyApnsGateway(new PushyApnsGateway.Settings(
                        new PushyApnsGateway.Host("127.0.0.1", flaky.port()),
                        new PushyApnsGateway.Host("127.0.0.1", flaky.port()),
                        Optional.of(PKI.caPem(java.nio.file.Files.createTempFile("ca", ".pem"))), 10, 6,
                        Duration.ofMillis(200)))) {
            ApnsCredential credential = tokenAuth("c-flaky", ApnsEnvironment.SANDBOX);
            Notification n = new Notification(token(), "{}", Instant.now().plusSeconds(60));
            assertThat(own.send(credential, n).get(20, TimeUnit.SECONDS)).isInstanceOf(Outcome.Accepted.class);

            flaky.stop(); // the open connection drops; the next send finds no server
            CompletableFuture<Outcome> later = own.send(credential, new Notification(token(), "{}",
                    Instant.now().plusSeconds(60)));
            Thread.sleep(300);
            flaky.start();

            assertThat(later.get(20, TimeUnit.SECONDS)).isInstanceOf(Outcome.Accepted.class);
            assertThat(flaky.accepted()).hasSize(2);
        }
    }

    @Test
    void a_credential_that_does_not_load_is_named_before_it_is_used() {
        var badKey = new ApnsCredential(new ApnsScope(ApnsScope.Kind.CUSTOMER, "c-bad"), "com.example.chat",
                ApnsEnvironment.SANDBOX, new ApnsCredential.SigningKey(
                        "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n", "KEY1234567",
                        "TEAM123456"), Instant.EPOCH);
        var wrongPassword = new ApnsCredential(new ApnsScope(ApnsScope.Kind.CUSTOMER, "c-bad"), "com.example.chat",
                ApnsEnvironment.SANDBOX, new ApnsCredential.Certificate(PKI.clientP12("x", "right"), "wrong"),
                Instant.EPOCH);

        assertThat(gateway.problemWith(badKey)).hasValueSatisfying(p -> assertThat(p).contains(".p8 key"));
        assertThat(gateway.problemWith(wrongPassword)).hasValueSatisfying(p -> assertThat(p).contains(".p12"));
        assertThat(gateway.problemWith(tokenAuth("c-ok", ApnsEnvironment.SANDBOX))).isEmpty();
        assertThat(gateway.problemWith(certificateAuth("c-ok", ApnsEnvironment.SANDBOX))).isEmpty();
    }
}
