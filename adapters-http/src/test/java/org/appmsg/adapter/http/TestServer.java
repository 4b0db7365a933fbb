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
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.appmsg.application.port.in.AddQunMembersUseCase;
import org.appmsg.application.port.in.ChangeContactUseCase;
import org.appmsg.application.port.in.ChangeOrgMembershipUseCase;
import org.appmsg.application.port.in.ChangeShieldUseCase;
import org.appmsg.application.port.in.CheckShieldUseCase;
import org.appmsg.application.port.in.CreateQunUseCase;
import org.appmsg.application.port.in.DeleteTokenUseCase;
import org.appmsg.application.port.in.FetchMailboxUseCase;
import org.appmsg.application.port.in.GetMemberUseCase;
import org.appmsg.application.port.in.GetOrgInfoUseCase;
import org.appmsg.application.port.in.GetQunMembersUseCase;
import org.appmsg.application.port.in.GetSessionsUseCase;
import org.appmsg.application.port.in.ListApplicationsUseCase;
import org.appmsg.application.port.in.ListOrgUsersUseCase;
import org.appmsg.application.port.in.ListUserOrgsUseCase;
import org.appmsg.application.port.in.LoginUseCase;
import org.appmsg.application.port.in.GetDeliveryStatusUseCase;
import org.appmsg.application.port.in.PushAsOperatorUseCase;
import org.appmsg.application.port.in.ClearMailboxUseCase;
import org.appmsg.application.port.in.CheckUpdateUseCase;
import org.appmsg.application.port.in.ManageApnsCredentialsUseCase;
import org.appmsg.application.port.in.ManageApnsTokenUseCase;
import org.appmsg.application.port.in.ManagePushPermissionUseCase;
import org.appmsg.application.port.in.ProvisionUseCase;
import org.appmsg.application.port.in.PushApplicationMessageUseCase;
import org.appmsg.application.port.in.QunResult;
import org.appmsg.application.port.in.RemoveQunMembersUseCase;
import org.appmsg.application.port.in.RenameQunUseCase;
import org.appmsg.application.port.in.SearchDirectoryUseCase;
import org.appmsg.application.port.in.SendMessageUseCase;
import org.appmsg.application.port.in.SetQunInviteUseCase;
import org.appmsg.application.port.in.SetQunMemberRoleUseCase;
import org.appmsg.application.port.in.SetSessionStateUseCase;
import org.appmsg.application.port.in.SyncOrgUseCase;
import org.appmsg.application.port.in.SyncTenantUseCase;
import org.appmsg.application.port.in.SyncUserUseCase;
import org.appmsg.application.port.in.ValidateTokenUseCase;
import org.appmsg.application.port.in.VerifyUserTokenUseCase;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.org.OrgMember;
import org.appmsg.domain.org.OrgTree;
import org.appmsg.domain.qun.Member;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.qun.Role;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.Tenant;
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

    volatile Function<SyncTenantUseCase.Command, SyncTenantUseCase.Result> syncTenant;
    volatile Function<SyncOrgUseCase.Command, SyncOrgUseCase.Result> syncOrg;
    volatile Function<ChangeOrgMembershipUseCase.Command, ChangeOrgMembershipUseCase.Result> changeOrgMembership;
    volatile Function<ListOrgUsersUseCase.Query, ListOrgUsersUseCase.Result> listOrgUsers;
    volatile Function<ListUserOrgsUseCase.Query, ListUserOrgsUseCase.Result> listUserOrgs;
    volatile Function<VerifyUserTokenUseCase.Query, VerifyUserTokenUseCase.Result> verifyUserToken;
    volatile Function<GetOrgInfoUseCase.Query, GetOrgInfoUseCase.Result> getOrgInfo;
    volatile Function<GetMemberUseCase.Query, GetMemberUseCase.Result> getMember;
    volatile Function<SearchDirectoryUseCase.Query, SearchDirectoryUseCase.Result> searchDirectory;
    volatile Function<ChangeContactUseCase.Command, ChangeContactUseCase.Result> changeContact;
    volatile Function<ValidateTokenUseCase.Query, ValidateTokenUseCase.Result> validateToken;
    volatile Function<DeleteTokenUseCase.Command, DeleteTokenUseCase.Result> deleteToken;
    volatile Function<ListApplicationsUseCase.Query, ListApplicationsUseCase.Result> listApplications;
    volatile Function<PushApplicationMessageUseCase.Command, PushApplicationMessageUseCase.Result> pushApplicationMessage;
    volatile Function<ChangeShieldUseCase.Command, ChangeShieldUseCase.Result> changeShield;
    volatile Function<CheckShieldUseCase.Query, CheckShieldUseCase.Result> checkShield;
    volatile Function<CreateQunUseCase.Command, QunResult> createQun;
    volatile Function<GetQunMembersUseCase.Query, QunResult> getQunMembers;
    volatile Function<RenameQunUseCase.Command, QunResult> renameQun;
    volatile Function<AddQunMembersUseCase.Command, QunResult> addQunMembers;
    volatile Function<RemoveQunMembersUseCase.Command, QunResult> removeQunMembers;
    volatile Function<SetQunMemberRoleUseCase.Command, QunResult> setQunMemberRole;
    volatile Function<SetQunInviteUseCase.Command, QunResult> setQunInvite;
    volatile Function<ManageApnsTokenUseCase.Command, ManageApnsTokenUseCase.Result> apnsTokens =
            c -> new ManageApnsTokenUseCase.Result.Bound("iOS-1");
    volatile Function<ManageApnsCredentialsUseCase.Request, ManageApnsCredentialsUseCase.Result> apnsCredentials =
            r -> new ManageApnsCredentialsUseCase.Result.Credentials(java.util.List.of());
    volatile Function<GetDeliveryStatusUseCase.Query, GetDeliveryStatusUseCase.Result> deliveryStatus =
            q -> new GetDeliveryStatusUseCase.Result.NotFound();
    volatile Function<PushAsOperatorUseCase.Command, PushAsOperatorUseCase.Result> operatorPush =
            c -> new PushAsOperatorUseCase.Result.Pushed(new org.appmsg.domain.message.MessageId(5),
                    c.targets().stream().map(t -> new PushAsOperatorUseCase.Delivered(t, 1)).toList(), List.of());
    volatile Function<CheckUpdateUseCase.Query, CheckUpdateUseCase.Result> checkUpdate =
            q -> new CheckUpdateUseCase.Result.NoRelease(q.type());
    volatile Function<ClearMailboxUseCase.Command, ClearMailboxUseCase.Result> clearMailbox =
            c -> new ClearMailboxUseCase.Result.Cleared(2);
    volatile Function<ManagePushPermissionUseCase.Request, ManagePushPermissionUseCase.Result> pushPermissions =
            r -> new ManagePushPermissionUseCase.Result.Permissions(r.user(),
                    r instanceof ManagePushPermissionUseCase.Request.Change c && c.broadcast());

    final HttpAdapter adapter;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    TestServer() {
        this(Duration.ofSeconds(5));
    }

    TestServer(Duration drainTimeout) {
        this(drainTimeout, HttpAdapter.ClientLimits.DEFAULTS, List.of());
    }

    TestServer(Duration drainTimeout, HttpAdapter.ClientLimits limits) {
        this(drainTimeout, limits, List.of());
    }

    TestServer(Duration drainTimeout, List<String> corsOrigins) {
        this(drainTimeout, HttpAdapter.ClientLimits.DEFAULTS, corsOrigins);
    }

    TestServer(Duration drainTimeout, HttpAdapter.ClientLimits limits, List<String> corsOrigins) {
        resetDirectoryStubs();
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
                q -> record(q, getSessions),
                c -> record(c, syncTenant),
                c -> record(c, syncOrg),
                c -> record(c, changeOrgMembership),
                q -> record(q, listOrgUsers),
                q -> record(q, listUserOrgs),
                q -> record(q, verifyUserToken),
                q -> record(q, getOrgInfo),
                q -> record(q, getMember),
                q -> record(q, searchDirectory),
                c -> record(c, changeContact),
                q -> record(q, validateToken),
                c -> record(c, deleteToken),
                q -> record(q, listApplications),
                c -> record(c, pushApplicationMessage),
                c -> record(c, changeShield),
                q -> record(q, checkShield),
                c -> record(c, createQun),
                q -> record(q, getQunMembers),
                c -> record(c, renameQun),
                c -> record(c, addQunMembers),
                c -> record(c, removeQunMembers),
                c -> record(c, setQunMemberRole),
                c -> record(c, setQunInvite),
                r -> record(r, pushPermissions),
                c -> record(c, apnsTokens),
                r -> record(r, apnsCredentials),
                q -> record(q, deliveryStatus),
                c -> record(c, operatorPush),
                c -> record(c, clearMailbox),
                q -> record(q, checkUpdate));
        var settings = HttpAdapter.Settings.defaults(() -> 6968)
                .withPorts(0, 0)
                .withDrainTimeout(drainTimeout)
                .withGauges(Map.of("appmsg_ws_sessions", () -> 3))
                .withClientLimits(limits).withCorsOrigins(corsOrigins);
        adapter = new HttpAdapter(useCases, settings, Clock.fixed(NOW, ZoneOffset.UTC));
        adapter.start();
    }

    /** Puts back the directory use cases' default (successful) answers. */
    void resetDirectoryStubs() {
        syncTenant = c -> new SyncTenantUseCase.Result.Created(c.id());
        syncOrg = c -> new SyncOrgUseCase.Result.Created(c.id());
        changeOrgMembership = c -> new ChangeOrgMembershipUseCase.Result.Done(true);
        listOrgUsers = q -> new ListOrgUsersUseCase.Result.Members(List.of(new OrgMember(alice(), 3)));
        listUserOrgs = q -> new ListUserOrgsUseCase.Result.Orgs(List.of(rootOrg(), childOrg()));
        verifyUserToken = q -> new VerifyUserTokenUseCase.Result.Verified(alice());
        getOrgInfo = q -> new GetOrgInfoUseCase.Result.Info(tenant(), OrgTree.of(List.of(rootOrg(), childOrg())),
                Optional.of(childOrg().id()), List.of(alice()));
        getMember = q -> new GetMemberUseCase.Result.Found(alice(), false);
        searchDirectory = q -> new SearchDirectoryUseCase.Result.Users(List.of(alice()), 1);
        changeContact = c -> new ChangeContactUseCase.Result.Done(true);
        validateToken = q -> new ValidateTokenUseCase.Result.Valid(new UserId("42"), NOW);
        deleteToken = c -> new DeleteTokenUseCase.Result.Deleted(true);
        listApplications = q -> new ListApplicationsUseCase.Result.Applications(List.of(crm()));
        pushApplicationMessage = c -> new PushApplicationMessageUseCase.Result.Pushed(new MessageId(77), List.of(
                new PushApplicationMessageUseCase.Stored(Name.parse("42@user"), 5),
                new PushApplicationMessageUseCase.Stored(Name.parse("a9@app"), 1)));
        changeShield = c -> new ChangeShieldUseCase.Result.Done(true);
        checkShield = q -> new CheckShieldUseCase.Result.Checked(true);
        createQun = c -> teamDone(team());
        getQunMembers = q -> teamDone(team());
        renameQun = c -> teamDone(team());
        addQunMembers = c -> teamDone(team());
        removeQunMembers = c -> teamDone(team());
        setQunMemberRole = c -> teamDone(team());
        setQunInvite = c -> teamDone(team());
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

    /**
     * {@code qun} with alice as its one member user, created at {@link #NOW} and updated a minute later (to the
     * millisecond, as the group store keeps them).
     */
    static QunResult.Done teamDone(Qun qun) {
        Instant created = NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return new QunResult.Done(qun, qun.isDissolved() ? List.of() : List.of(alice()), created,
                created.plusSeconds(60));
    }

    /** Group q1 of t1, "Team", owned by alice (42) with member 43. */
    static Qun team() {
        return new Qun(new QunId("q1"), new TenantId("t1"), "Team", 500, false, List.of(
                new Member(new UserId("42"), "Alice", Role.OWNER, 0), new Member(new UserId("43"), "Bob", Role.MEMBER, 1)));
    }

    static Tenant tenant() {
        return new Tenant(new TenantId("t1"), "hq", "Head office", new CustomerId("c1"), 2);
    }

    /** A root org of t1. */
    static Org rootOrg() {
        return new Org(new OrgId("o1"), new TenantId("t1"), Optional.empty(), "Sales", "S", 1);
    }

    /** A child of {@link #rootOrg()}. */
    static Org childOrg() {
        return new Org(new OrgId("o2"), new TenantId("t1"), Optional.of(new OrgId("o1")), "Sales North", "SN", 5);
    }

    /** An enabled, tenant-scoped application of t1. */
    static Application crm() {
        return new Application(new AppId("a1"), "CRM", new TenantId("t1"), true);
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

    /** {@link #post} with an X-Forwarded-For header, as a reverse proxy sends it. */
    Response postFrom(String forwardedFor, String path, String body) {
        return send(HttpRequest.newBuilder(api(path))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .header("X-Forwarded-For", forwardedFor)
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
