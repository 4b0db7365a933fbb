package org.appmsg.adapter.apns;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.server.RejectionReason;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.appmsg.adapter.apns.MockApns.Received;
import org.appmsg.application.fake.InMemoryApnsCredentialStore;
import org.appmsg.application.fake.InMemoryApnsTokenStore;
import org.appmsg.application.fake.InMemoryDeliveryStatusLog;
import org.appmsg.application.fake.InMemoryDirectoryRepository;
import org.appmsg.application.fake.InMemoryFileLinks;
import org.appmsg.application.fake.InMemoryMailbox;
import org.appmsg.application.fake.InMemoryOrgRepository;
import org.appmsg.application.fake.InMemoryPresence;
import org.appmsg.application.fake.InMemoryPushPermissions;
import org.appmsg.application.fake.InMemoryQunRepository;
import org.appmsg.application.fake.InMemoryTokenStore;
import org.appmsg.application.fake.InMemoryUserRepository;
import org.appmsg.application.fake.RecordingLiveDelivery;
import org.appmsg.application.fake.SequentialIds;
import org.appmsg.application.port.in.SendMessageUseCase;
import org.appmsg.application.port.out.ApnsTokenStore.Registration;
import org.appmsg.application.service.AuthenticateUserService;
import org.appmsg.application.service.NotifyDevicesService;
import org.appmsg.application.service.SendMessageService;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsEnvironment;
import org.appmsg.domain.apns.ApnsScope;
import org.appmsg.domain.apns.DeviceToken;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.message.DeliveryStatus;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Customer;
import org.appmsg.domain.tenant.Tenant;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole notification path below HTTP: the real {@link SendMessageService} stores a message and hands it to
 * {@link ApnsLiveDelivery}, whose worker runs {@link NotifyDevicesService} against the real Pushy gateway and
 * Pushy's mock APNs server. Asserts what the mock receives, what happens to the token store, and the status log.
 */
class ApnsNotificationTest {

    static final TestPki PKI = new TestPki();
    static final String IOS_1 = "iOS-phone";
    static final String IOS_2 = "iOS-ipad";
    static final String ANDROID = "Android-pixel";

    final Clock clock = Clock.systemUTC();
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final InMemoryTokenStore userTokens = new InMemoryTokenStore();
    final InMemoryDirectoryRepository directory = new InMemoryDirectoryRepository();
    final InMemoryMailbox mailbox = new InMemoryMailbox();
    final InMemoryPresence presence = new InMemoryPresence();
    final InMemoryApnsTokenStore apnsTokens = new InMemoryApnsTokenStore();
    final InMemoryApnsCredentialStore credentials = new InMemoryApnsCredentialStore();
    final InMemoryDeliveryStatusLog status = new InMemoryDeliveryStatusLog();
    final RecordingLiveDelivery sockets = new RecordingLiveDelivery();
    MockApns apns;
    PushyApnsGateway gateway;
    NotifyDevicesService notifier;
    ApnsLiveDelivery live;
    SendMessageService send;

    final DeviceToken phone = PushyApnsGatewayTest.token();
    final DeviceToken ipad = PushyApnsGatewayTest.token();

    @BeforeEach
    void setUp() throws Exception {
        apns = new MockApns(PKI);
        gateway = new PushyApnsGateway(PushyApnsGateway.Settings.of("127.0.0.1:" + apns.port(),
                Optional.of(PKI.caPem(Files.createTempFile("ca", ".pem")))).withRetries(3, Duration.ofMillis(20)));
        notifier = new NotifyDevicesService(apnsTokens, users, directory, credentials, gateway, status, clock);
        live = new ApnsLiveDelivery(sockets, notifier, 10_000);
        var authenticate = new AuthenticateUserService(userTokens, users, clock, Duration.ofSeconds(30));
        var orgs = new InMemoryOrgRepository(users);
        send = new SendMessageService(authenticate, users, mailbox, live, presence, new SequentialIds(), clock,
                Duration.ofDays(7), new InMemoryFileLinks(), new InMemoryQunRepository(mailbox, clock),
                SendMessageService.Broadcasting.defaults(new InMemoryPushPermissions(), orgs, directory));

        directory.saveCustomer(new Customer(new CustomerId("c1"), "ACME"));
        directory.saveTenant(new Tenant(new TenantId("t1"), "hq", "Head office", new CustomerId("c1")));
        user("alice", "Alice");
        user("bob", "Bob");
        credentials.save(new ApnsCredential(ApnsScope.of(new CustomerId("c1")), "com.acme.chat",
                ApnsEnvironment.SANDBOX, new ApnsCredential.SigningKey(TestPki.p8(TestPki.ec()), "KEY1234567",
                        "TEAM123456"), Instant.EPOCH));
        Instant registered = clock.instant().minusSeconds(3_600);
        apnsTokens.bind(new Registration(new UserId("bob"), IOS_1, phone, registered));
        apnsTokens.bind(new Registration(new UserId("bob"), IOS_2, ipad, registered));
    }

    @AfterEach
    void tearDown() {
        live.close();
        gateway.close();
        apns.close();
    }

    void user(String id, String nick) {
        users.upsert(new User(new UserId(id), new TenantId("t1"),
                new UserProfile(id, nick, "", "", "", "", "", "", ""), PasswordHash.none()));
        userTokens.save(new UserToken(new Secret("tok-" + id).digest(), new UserId(id), "iOS", IOS_1,
                clock.instant().plusSeconds(3_600)));
    }

    SendMessageUseCase.Result.Accepted push(String text, Lifetime lifetime) {
        var result = send.send(new SendMessageUseCase.Command(new Secret("tok-alice"), "", Name.parse("alice@user"),
                Name.parse("bob@user"), 1, text, "", "", lifetime, new SessionSelector.All()));
        assertThat(result).isInstanceOf(SendMessageUseCase.Result.Accepted.class);
        return (SendMessageUseCase.Result.Accepted) result;
    }

    List<Received> receivedBy(DeviceToken token) {
        return apns.accepted().stream().filter(r -> r.token().equals(token.value())).toList();
    }

    void session(String device, SessionState state) {
        SessionId id = new SessionId(new UserId("bob"), device);
        presence.open(id, clock.instant());
        presence.setState(id, state, clock.instant());
    }

    @Test
    void an_inactive_and_an_offline_ios_device_are_notified_an_active_android_does_not_stop_them() {
        session(IOS_1, SessionState.INACTIVE);
        session(ANDROID, SessionState.ACTIVE);

        var pushed = push("lunch?", Lifetime.serverDefault());

        Eventually.within(Duration.ofSeconds(15), () -> apns.accepted().size() == 2);
        assertThat(receivedBy(phone)).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("com.acme.chat");
            assertThat(r.payload()).isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Alice\",\"body\":\"lunch?\"},"
                    + "\"sound\":\"default\"},\"msgId\":\"" + pushed.id() + "\",\"mid\":1,\"from\":\"alice@user\"}");
        });
        assertThat(receivedBy(ipad)).hasSize(1);
        Eventually.within(Duration.ofSeconds(5), () -> devices(pushed.id()).stream()
                .allMatch(d -> d.state() == DeliveryStatus.ApnsState.ACCEPTED) && devices(pushed.id()).size() == 2);
        DeliveryStatus.Recipient bob = status.find(pushed.id()).orElseThrow().recipients().get(0);
        assertThat(bob.mailbox()).isEqualTo(Name.parse("bob@user"));
        assertThat(bob.mid()).isEqualTo(1);
        assertThat(bob.liveSessions()).isEqualTo(2);
    }

    @Test
    void an_active_ios_session_gets_the_message_live_and_no_notification_its_offline_sibling_still_does() {
        session(IOS_1, SessionState.ACTIVE);

        var pushed = push("are you there", Lifetime.serverDefault());

        Eventually.within(Duration.ofSeconds(15), () -> receivedBy(ipad).size() == 1);
        Eventually.throughout(Duration.ofMillis(500), () -> receivedBy(phone).isEmpty());
        assertThat(devices(pushed.id())).extracting(DeliveryStatus.Device::device).containsExactly(IOS_2);
    }

    @Test
    void live_only_messages_and_the_senders_own_copy_notify_nobody() {
        apnsTokens.bind(new Registration(new UserId("alice"), IOS_1, PushyApnsGatewayTest.token(), clock.instant()));

        var typing = push("typing…", Lifetime.ofExpireSeconds(0));
        var stored = push("stored", Lifetime.serverDefault());

        Eventually.within(Duration.ofSeconds(15), () -> apns.accepted().size() == 2);
        Eventually.throughout(Duration.ofMillis(500), () -> apns.accepted().size() == 2);
        assertThat(apns.accepted()).allMatch(r -> r.payload().contains("\"msgId\":\"" + stored.id() + "\""));
        assertThat(status.find(typing.id())).as("a live-only message keeps no status").isEmpty();
    }

    @Test
    void a_live_only_message_that_asks_for_it_notifies_the_devices_not_active_with_mid_0_and_keeps_its_status() {
        apnsTokens.bind(new Registration(new UserId("alice"), IOS_1, PushyApnsGatewayTest.token(), clock.instant()));
        session(IOS_1, SessionState.ACTIVE);

        var asked = push("call me", new Lifetime.LiveOnly(true));

        Eventually.within(Duration.ofSeconds(15), () -> receivedBy(ipad).size() == 1);
        Eventually.throughout(Duration.ofMillis(500), () -> apns.accepted().size() == 1); // not the active phone, not alice
        assertThat(receivedBy(ipad).get(0).payload()).isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Alice\","
                + "\"body\":\"call me\"},\"sound\":\"default\"},\"msgId\":\"" + asked.id()
                + "\",\"mid\":0,\"from\":\"alice@user\"}");
        Eventually.within(Duration.ofSeconds(5), () -> devices(asked.id()).size() == 1
                && devices(asked.id()).get(0).state() == DeliveryStatus.ApnsState.ACCEPTED);
        DeliveryStatus.Recipient bob = status.find(asked.id()).orElseThrow().recipients().get(0);
        assertThat(bob.mid()).isZero();
        assertThat(bob.liveSessions()).isEqualTo(1);
        assertThat(mailbox.readAfter(Name.parse("bob@user"), 0, 10, clock.instant())).isEmpty();
    }

    @Test
    void bad_device_token_and_device_token_not_for_topic_remove_the_token_at_once() {
        apns.reject(phone.value(), RejectionReason.BAD_DEVICE_TOKEN);
        apns.reject(ipad.value(), RejectionReason.DEVICE_TOKEN_NOT_FOR_TOPIC);

        var pushed = push("hello", Lifetime.serverDefault());

        Eventually.within(Duration.ofSeconds(15), () -> apnsTokens.registrationsOf(List.of(new UserId("bob")))
                .isEmpty());
        Eventually.within(Duration.ofSeconds(5), () -> devices(pushed.id()).stream()
                .allMatch(d -> d.state() == DeliveryStatus.ApnsState.REJECTED));
        assertThat(devices(pushed.id())).extracting(DeliveryStatus.Device::detail)
                .containsExactlyInAnyOrder("400 BadDeviceToken", "400 DeviceTokenNotForTopic");
        assertThat(notifier.counters().tokensRemoved.get()).isEqualTo(2);
    }

    @Test
    void unregistered_removes_a_token_registered_before_apples_timestamp_and_keeps_one_registered_since() {
        apns.unregistered(phone.value(), clock.instant().minusSeconds(60)); // after the registration an hour ago
        apns.unregistered(ipad.value(), clock.instant().minusSeconds(7_200)); // before it: the app came back

        var pushed = push("hello", Lifetime.serverDefault());

        Eventually.within(Duration.ofSeconds(15), () -> devices(pushed.id()).size() == 2 && devices(pushed.id())
                .stream().allMatch(d -> d.state() == DeliveryStatus.ApnsState.REJECTED));
        Eventually.within(Duration.ofSeconds(5), () -> notifier.counters().tokensRemoved.get() == 1);
        assertThat(apnsTokens.registrationsOf(List.of(new UserId("bob")))).extracting(Registration::token)
                .containsExactly(ipad);
    }

    @Test
    void other_rejections_keep_the_token() {
        apns.reject(phone.value(), RejectionReason.PAYLOAD_TOO_LARGE);
        apns.reject(ipad.value(), RejectionReason.TOPIC_DISALLOWED);

        var pushed = push("hello", Lifetime.serverDefault());

        Eventually.within(Duration.ofSeconds(15), () -> devices(pushed.id()).size() == 2 && devices(pushed.id())
                .stream().allMatch(d -> d.state() == DeliveryStatus.ApnsState.REJECTED));
        assertThat(apnsTokens.registrationsOf(List.of(new UserId("bob")))).hasSize(2);
    }

    @Test
    void a_tenants_own_credential_overrides_its_customers() {
        credentials.save(new ApnsCredential(ApnsScope.of(new TenantId("t1")), "com.acme.hq", ApnsEnvironment.SANDBOX,
                new ApnsCredential.Certificate(PKI.clientP12("hq", "pw"), "pw"), Instant.EPOCH));

        push("hello", Lifetime.serverDefault());

        Eventually.within(Duration.ofSeconds(15), () -> apns.accepted().size() == 2);
        assertThat(apns.accepted()).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("com.acme.hq");
            assertThat(r.auth()).isEqualTo("certificate:CN=hq");
        });
    }

    @Test
    void without_a_credential_nothing_is_sent_and_the_status_says_why() {
        credentials.delete(ApnsScope.of(new CustomerId("c1")));

        var pushed = push("hello", Lifetime.serverDefault());

        Eventually.within(Duration.ofSeconds(5), () -> devices(pushed.id()).size() == 2);
        assertThat(devices(pushed.id())).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(DeliveryStatus.ApnsState.FAILED);
            assertThat(d.detail()).contains("no APNs credential");
        });
        assertThat(apns.attempts()).isZero();
    }

    @Test
    void a_burst_against_a_slow_apns_never_slows_a_push_and_memory_stays_bounded() {
        live.close();
        gateway.close();
        gateway = new PushyApnsGateway(PushyApnsGateway.Settings.of("127.0.0.1:" + apns.port(), Optional.of(
                PKI.caPem(tempFile()))).withMaxInFlight(50));
        notifier = new NotifyDevicesService(apnsTokens, users, directory, credentials, gateway, status, clock);
        int capacity = 2_000;
        live = new ApnsLiveDelivery(sockets, notifier, capacity);
        apns.answerDelay(Duration.ofMillis(2)); // at most ~500 answers/s: 10,000 messages × 2 devices need 40 s
        var authenticate = new AuthenticateUserService(userTokens, users, clock, Duration.ofSeconds(30));
        send = new SendMessageService(authenticate, users, mailbox, live, presence, new SequentialIds(), clock,
                Duration.ofDays(7), new InMemoryFileLinks(), new InMemoryQunRepository(mailbox, clock),
                SendMessageService.Broadcasting.defaults(new InMemoryPushPermissions(), new InMemoryOrgRepository(users),
                        directory));

        long slowest = 0;
        long maxQueued = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            long t = System.nanoTime();
            push("burst " + i, Lifetime.serverDefault());
            slowest = Math.max(slowest, System.nanoTime() - t);
            maxQueued = Math.max(maxQueued, live.queued());
        }
        long total = System.nanoTime() - start;

        // had a push waited for APNs, 10,000 of them would take over 40 s (20,000 answers at 2 ms); the bound on the
        // slowest single push only guards against a stall, with room for a pause of a machine shared by many
        assertThat(Duration.ofNanos(total)).isLessThan(Duration.ofSeconds(15));
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(2));
        assertThat(maxQueued).isLessThanOrEqualTo(capacity);
        assertThat(live.dropped()).isPositive();
        assertThat(gateway.inFlight()).isLessThanOrEqualTo(50);
        assertThat(sockets.delivered()).hasSize(20_000); // bob's copy and alice's own, every one handed on live
    }

    static java.nio.file.Path tempFile() {
        try {
            return Files.createTempFile("ca", ".pem");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    List<DeliveryStatus.Device> devices(MessageId id) {
        return status.find(id).map(s -> s.recipients().stream().flatMap(r -> r.devices().stream()).toList())
                .orElse(List.of());
    }
}
