package org.appmsg.adapter.ws;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.appmsg.application.port.in.CloseSessionUseCase;
import org.appmsg.application.port.in.OpenSessionUseCase;
import org.appmsg.application.port.in.ReadLastMidUseCase;
import org.appmsg.application.port.in.ReplayMailboxUseCase;
import org.appmsg.application.port.out.LiveDelivery.Live;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;

/**
 * A started adapter (WebSocket and TCP, both on port 0) with lambda use cases over in-test mailboxes; token "good"
 * is accepted, and so is any token starting with "good" (each its own token, valid for {@link #tokenLifetime}).
 */
final class Gateway implements AutoCloseable {

    static final String GOOD = "good";

    final WebSocketAdapter.Sessions sessions = new WebSocketAdapter.Sessions();
    final WebSocketAdapter adapter;
    private final Map<Name, ConcurrentSkipListMap<Long, MailboxEntry>> mailboxes = new ConcurrentHashMap<>();
    volatile UnaryOperator<List<MailboxEntry>> onReplay = UnaryOperator.identity();
    /** How long a token the stubbed open use case admits stays valid from then on. */
    volatile Duration tokenLifetime = Duration.ofDays(1);
    /** Runs in the open use case after the token was accepted, before the answer. */
    volatile java.util.function.Consumer<UserToken> onOpen = token -> { };

    /** A token whose user already has too many sessions, as the stubbed open use case answers. */
    static final String CROWDED = "crowded";

    /** Sessions the stubbed open use case admitted, and those the close use case ended. */
    final Set<SessionId> live = ConcurrentHashMap.newKeySet();
    final List<SessionId> ended = new CopyOnWriteArrayList<>();

    Gateway(UnaryOperator<WebSocketAdapter.Settings> tweak) {
        OpenSessionUseCase open = command -> {
            if (CROWDED.equals(command.token().value())) {
                return new OpenSessionUseCase.Result.TooManySessions(3);
            }
            if (!command.token().value().startsWith(GOOD)) {
                return new OpenSessionUseCase.Result.Rejected();
            }
            command.key().session().ifPresent(live::add);
            UserToken token = token(command.key().user().value(), command.token().value());
            onOpen.accept(token);
            return new OpenSessionUseCase.Result.Opened(user(command.key().user()), command.key(), token);
        };
        CloseSessionUseCase close = key -> key.session().ifPresent(ended::add);
        ReplayMailboxUseCase replay = query -> onReplay.apply(mailbox(query.mailbox())
                .tailMap(query.afterMid(), false).values().stream().limit(query.limit()).toList());
        ReadLastMidUseCase lastMid = query -> mailbox(query.mailbox()).isEmpty() ? 0
                : mailbox(query.mailbox()).lastKey();
        adapter = new WebSocketAdapter(tweak.apply(testSettings()), sessions, open, close, replay, lastMid);
        adapter.start();
        adapter.startTcp("127.0.0.1", 0);
    }

    Gateway() {
        this(UnaryOperator.identity());
    }

    /** Heartbeats from 1 s with 300 ms grace, 1 s socket timeout, a 50 ms sweep, replay pages of 4, 1 s for the TCP command. */
    static WebSocketAdapter.Settings testSettings() {
        return new WebSocketAdapter.Settings("127.0.0.1", 0, 1, Duration.ofMillis(300), Duration.ofSeconds(1),
                Duration.ofMillis(50), 1024, 4, 64, Duration.ofSeconds(1), Duration.ZERO);
    }

    int port() {
        return adapter.port();
    }

    TestClient connect(String query) throws InterruptedException {
        return TestClient.connect(port(), "/sub?" + query);
    }

    /** A raw TCP client on the legacy listener. */
    TcpClient tcp() throws java.io.IOException {
        return new TcpClient(adapter.tcpPort());
    }

    /** Subscribes {@code key} over TCP with heartbeat 30, the good token, {@code version} and, unless null, {@code mid}. */
    TcpClient tcpSubscribe(String key, String version, String mid) throws java.io.IOException {
        TcpClient client = tcp();
        if (mid == null) {
            client.command("sub", key, "30", GOOD, version);
        } else {
            client.command("sub", key, "30", GOOD, version, mid);
        }
        return client;
    }

    /** Connects {@code key} with heartbeat 30 and the good token, plus {@code extra} parameters. */
    TestClient subscribe(String key, String extra) throws InterruptedException {
        return connect("key=" + key + "&heartbeat=30&token=" + GOOD + extra);
    }

    /**
     * Stores the entry (durable first) and hands it to live delivery, as the services do: to every session
     * of the user that subscribed so far except {@code except}, and to its session-less connections.
     */
    MailboxEntry push(String user, long mid, SessionId... except) {
        MailboxEntry entry = store(user, mid);
        Set<SessionId> targets = new HashSet<>();
        live.stream().filter(s -> s.user().value().equals(user)).forEach(targets::add);
        List.of(except).forEach(targets::remove);
        sessions.deliver(List.of(new Live(entry, targets, List.of())));
        return entry;
    }

    /** The entry as a live frame carries it: with its (here empty) activeSessions. */
    static MailboxEntry live(MailboxEntry entry) {
        return entry.withActiveSessions(List.of());
    }

    MailboxEntry store(String user, long mid) {
        return store(user, mid, "{\"text\":\"m" + mid + "\"}");
    }

    MailboxEntry store(String user, long mid, String json) {
        MailboxEntry entry = Entries.entry(user, mid, json);
        mailbox(entry.mailbox()).put(mid, entry);
        return entry;
    }

    void awaitConnections(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sessions.connectionCount() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (sessions.connectionCount() != expected) {
            throw new AssertionError("expected " + expected + " connections, have " + sessions.connectionCount());
        }
    }

    @Override
    public void close() {
        adapter.stop(Duration.ofSeconds(1));
    }

    private ConcurrentSkipListMap<Long, MailboxEntry> mailbox(Name name) {
        return mailboxes.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>());
    }

    /** The token {@code secret} of {@code user} as the open use case admits it. */
    UserToken token(String user, String secret) {
        return new UserToken(new Secret(secret).digest(), new org.appmsg.domain.shared.UserId(user), "Android",
                "d1", Instant.now().plus(tokenLifetime));
    }

    private static User user(org.appmsg.domain.shared.UserId id) {
        return new User(id, new TenantId("t1"), new UserProfile("u" + id.value(), "", "", "", "", "", "", "", ""),
                new PasswordHash("x"));
    }
}
