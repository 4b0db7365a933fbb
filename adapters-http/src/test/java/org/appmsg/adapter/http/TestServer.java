package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.appmsg.application.port.in.FetchMailboxUseCase;
import org.appmsg.application.port.in.LoginUseCase;
import org.appmsg.application.port.in.ProvisionUseCase;
import org.appmsg.application.port.in.GetSessionsUseCase;
import org.appmsg.application.port.in.SendMessageUseCase;
import org.appmsg.application.port.in.SetSessionStateUseCase;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;
import org.appmsg.application.port.in.SyncUserUseCase;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;

/**
 * The adapter on free ports with lambda-stubbed use cases whose answers a test can swap, plus a
 * java.net.http client. Every call to a business use case is recorded in {@link #calls}.
 */
final class TestServer implements AutoCloseable {

    static final String ADMIN_KEY = "the-admin-key";
    static final Instant NOW = Instant.parse("2024-05-01T10:00:00.123456Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final List<Object> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger adminChecks = new AtomicInteger();

    volatile Function<SyncUserUseCase.Command, SyncUserUseCase.Result> syncUser =
            c -> new SyncUserUseCase.Result.Created(c.id());
    volatile Function<LoginUseCase.Command, LoginUseCase.Result> login =
            c -> new LoginUseCase.Result.LoggedIn(alice(), new Secret("tok-alice"));
    volatile Function<SendMessageUseCase.Command, SendMessageUseCase.Result> send =
            c -> new SendMessageUseCase.Result.Accepted(new MessageId(99), 7, c.clientMsgId());
    volatile Function<FetchMailboxUseCase.Query, FetchMailboxUseCase.Result> fetch =
            q -> new FetchMailboxUseCase.Result.Page(List.of(), false);
    volatile Function<ProvisionUseCase.Request, ProvisionUseCase.Result> provision =
            c -> new ProvisionUseCase.Result.Refused("not stubbed");
    volatile Supplier<List<String>> problems = List::of;
    volatile Function<SetSessionStateUseCase.Command, SetSessionStateUseCase.Result> setSessionState =
            c -> new SetSessionStateUseCase.Result.Updated(
                    new Session(c.session(), c.state(), NOW, NOW));
    volatile Function<GetSessionsUseCase.Query, GetSessionsUseCase.Result> getSessions =
            q -> new GetSessionsUseCase.Result.Sessions(List.of(new Session(
                    new SessionId(q.user(), "iOS-abc"), SessionState.ACTIVE, NOW, NOW)));

    final HttpAdapter adapter;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    TestServer() {
        this(Duration.ofSeconds(5));
    }

    TestServer(Duration drainTimeout) {
        var useCases = new HttpAdapter.UseCases(
                c -> record(c, syncUser),
                c -> record(c, login),
                c -> record(c, send),
                q -> record(q, fetch),
                c -> record(c, provision),
                key -> {
                    adminChecks.incrementAndGet();
                    return ADMIN_KEY.equals(key);
                },
                () -> problems.get(),
                c -> record(c, setSessionState),
                q -> record(q, getSessions));
        var settings = HttpAdapter.Settings.defaults(() -> 6968)
                .withPorts(0, 0)
                .withDrainTimeout(drainTimeout)
                .withGauges(Map.of("appmsg_ws_sessions", () -> 3));
        adapter = new HttpAdapter(useCases, settings, Clock.fixed(NOW, ZoneOffset.UTC));
        adapter.start();
    }

    private <C, R> R record(C command, Function<C, R> answer) {
        calls.add(command);
        return answer.apply(command);
    }

    static User alice() {
        return new User(new UserId("42"), new TenantId("t1"),
                new UserProfile("alice", "Alice", "alice@example.org", "555-1", "av.png", "1", "A", "alice", "north"),
                new PasswordHash("$hash$secret"));
    }

    /** The single recorded use case call, of the given type. */
    <T> T onlyCall(Class<T> type) {
        if (calls.size() != 1) {
            throw new AssertionError("expected one use case call, got " + calls);
        }
        return type.cast(calls.get(0));
    }

    Response post(String path, String body) {
        return send(HttpRequest.newBuilder(api(path))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(api(pathAndQuery)).GET());
    }

    Response method(String method, String path) {
        return send(HttpRequest.newBuilder(api(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    Response admin(String method, String path, String authorization, String body) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adapter.adminPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    URI api(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + adapter.apiPort() + pathAndQuery);
    }

    Response send(HttpRequest.Builder request) {
        try {
            var response = client.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        adapter.stop();
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** {@code baseResponse.ret} on app routes, {@code ret} on the public routes. */
        int ret() {
            JsonNode json = json();
            return json.has("baseResponse") ? json.get("baseResponse").get("ret").asInt() : json.get("ret").asInt();
        }

        String errMsg() {
            JsonNode json = json();
            return json.has("baseResponse") ? json.get("baseResponse").get("errMsg").asText() : json.path("errMsg").asText();
        }
    }
}
