package org.appmsg.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.appmsg.application.port.in.AddQunMembersUseCase;
import org.appmsg.application.port.in.AuthenticateAdminUseCase;
import org.appmsg.application.port.in.ChangeContactUseCase;
import org.appmsg.application.port.in.ClearMailboxUseCase;
import org.appmsg.application.port.in.ChangeShieldUseCase;
import org.appmsg.application.port.in.CheckUpdateUseCase;
import org.appmsg.application.port.in.ChangeOrgMembershipUseCase;
import org.appmsg.application.port.in.CheckReadinessUseCase;
import org.appmsg.application.port.in.CheckShieldUseCase;
import org.appmsg.application.port.in.CreateQunUseCase;
import org.appmsg.application.port.in.DeleteTokenUseCase;
import org.appmsg.application.port.in.FetchMailboxUseCase;
import org.appmsg.application.port.in.GetDeliveryStatusUseCase;
import org.appmsg.application.port.in.GetMemberUseCase;
import org.appmsg.application.port.in.GetOrgInfoUseCase;
import org.appmsg.application.port.in.GetQunMembersUseCase;
import org.appmsg.application.port.in.GetSessionsUseCase;
import org.appmsg.application.port.in.ListApplicationsUseCase;
import org.appmsg.application.port.in.ListOrgUsersUseCase;
import org.appmsg.application.port.in.ListUserOrgsUseCase;
import org.appmsg.application.port.in.LoginUseCase;
import org.appmsg.application.port.in.ManageQuotasUseCase;
import org.appmsg.application.port.in.ReportUsageUseCase;
import org.appmsg.application.port.in.SyncQuotaUseCase;
import org.appmsg.application.port.in.ManageQuotaPermissionUseCase;
import org.appmsg.application.port.in.MeterCallsUseCase;
import org.appmsg.application.port.in.ManageApnsCredentialsUseCase;
import org.appmsg.application.port.in.ManageApnsTokenUseCase;
import org.appmsg.application.port.in.ManagePushPermissionUseCase;
import org.appmsg.application.port.in.ProvisionUseCase;
import org.appmsg.application.port.in.PushApplicationMessageUseCase;
import org.appmsg.application.port.in.PushAsOperatorUseCase;
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
import org.appmsg.domain.net.ConnectionsPerAddress;
import org.appmsg.domain.net.TrustedProxies;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP adapter: two Javalin servers whose handlers run on virtual threads.
 *
 * <ul>
 *   <li>API server (default {@code 0.0.0.0:8090}), on the legacy wire contract:
 *     <ul>
 *       <li>application token, {@code POST /app/client/app/}: {@code syncUser}, {@code syncTenant}, {@code syncOrg},
 *           {@code addOrgUser}, {@code removeOrgUser}, {@code getOrgUserList}, {@code getOrgList}, {@code user/auth},
 *           {@code setSessionState}, {@code getSessions}, {@code user/push}, {@code getMessageStatus};
 *       <li>user token (or none), {@code POST /app/client/device/}: {@code login}, {@code push},
 *           {@code setSessionState}, {@code getOrgInfo}, {@code getOrgUserList}, {@code getMember}, {@code search},
 *           {@code addOrRemoveContact}, {@code validateToken}, {@code delToken}, {@code getApplicationList},
 *           {@code setShieldMsg}, {@code cancelShieldMsg}, {@code isUserShieldApp}; the groups' {@code create-qun},
 *           {@code getQunMembers}, {@code updateQunTopic}, {@code addQunMember}, {@code delQunMember},
 *           {@code setQunMemberRole}, {@code setQunInvite}; APNs' {@code addApnsToken}, {@code delApnsToken};
 *           {@code checkUpdate} ({@link ClientUpdateEndpoints}), {@code getAppOperationList}
 *           ({@link AppOperationEndpoints});
 *       <li>the web chat page's JSONP {@code /app/client/appweb/login} and {@code /push}, GET or POST
 *           ({@link WebChatEndpoints}); the contact card page {@code GET /app/user/erweima} ({@link ContactCardPage});
 *       <li>public gopush: {@code GET /1/msg/get}, {@code /1/time/get}, {@code /1/server/get},
 *           {@code /2/server/get}; and the unversioned {@code /msg/get}, {@code /time/get}, {@code /server/get}
 *           ({@link UnversionedReadEndpoints});
 *       <li>the browser client library {@code GET /js/appmsg.js} and the web app {@code GET /web/}
 *           ({@link WebAssets}, with a strict Content-Security-Policy);
 *       <li>CORS for the configured origins on {@code /app/}, {@code /1/}, {@code /2/} and the unversioned reads
 *           ({@link CrossOrigin}).
 *     </ul>
 *   <li>Admin server (default {@code 127.0.0.1:8091}), admin key as {@code Authorization: Bearer}:
 *       {@code POST} and {@code GET /admin/customers}, {@code /admin/tenants} ({@code ?customerId=}),
 *       {@code /admin/applications} ({@code ?tenantId=}), {@code POST /admin/applications/{id}/disable},
 *       {@code /enable}, {@code /rotate-token}, {@code GET} and {@code PUT /admin/users/{userId}/permissions};
 *       {@code GET /admin/apns}, {@code PUT}, {@code GET} and {@code DELETE /admin/apns/{customers|tenants}/{id}},
 *       {@code GET /admin/messages/{msgId}/status}; the legacy admin push family {@code POST /1/admin/push/private}
 *       (alias {@code /admin/push}), {@code /1/admin/push/mprivate}, {@code /1/admin/msg/del} (alias
 *       {@code /admin/msg/clean}) ({@link OperatorPushEndpoints}); with {@link Quotas}: {@code PUT}, {@code GET} and {@code DELETE
 *       /admin/quotas}, {@code PUT /admin/quotas/zone}, {@code GET /admin/usage}, {@code GET /admin/reports}, {@code GET} and {@code PUT /admin/applications/{id}/permissions} (docs/quotas.md);
 *       and unauthenticated {@code GET /health}, {@code /ready},
 *       {@code /metrics} (Prometheus text 0.0.4).
 * </ul>
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #stop()}. Not restartable. {@code start} and
 * {@code stop} may be called from any thread.
 */
public final class HttpAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpAdapter.class);

    /** The inbound ports this adapter calls; all required. */
    public record UseCases(SyncUserUseCase syncUser, LoginUseCase login, SendMessageUseCase send,
            FetchMailboxUseCase fetchMailbox, ProvisionUseCase provision, AuthenticateAdminUseCase authenticateAdmin,
            CheckReadinessUseCase readiness, SetSessionStateUseCase setSessionState, GetSessionsUseCase getSessions,
            SyncTenantUseCase syncTenant, SyncOrgUseCase syncOrg, ChangeOrgMembershipUseCase changeOrgMembership,
            ListOrgUsersUseCase listOrgUsers, ListUserOrgsUseCase listUserOrgs, VerifyUserTokenUseCase verifyUserToken,
            GetOrgInfoUseCase getOrgInfo, GetMemberUseCase getMember, SearchDirectoryUseCase searchDirectory,
            ChangeContactUseCase changeContact, ValidateTokenUseCase validateToken, DeleteTokenUseCase deleteToken,
            ListApplicationsUseCase listApplications, PushApplicationMessageUseCase pushApplicationMessage,
            ChangeShieldUseCase changeShield, CheckShieldUseCase checkShield, CreateQunUseCase createQun,
            GetQunMembersUseCase getQunMembers, RenameQunUseCase renameQun, AddQunMembersUseCase addQunMembers,
            RemoveQunMembersUseCase removeQunMembers, SetQunMemberRoleUseCase setQunMemberRole,
            SetQunInviteUseCase setQunInvite, ManagePushPermissionUseCase pushPermissions,
            ManageApnsTokenUseCase apnsTokens, ManageApnsCredentialsUseCase apnsCredentials,
            GetDeliveryStatusUseCase deliveryStatus, PushAsOperatorUseCase operatorPush,
            ClearMailboxUseCase clearMailbox, CheckUpdateUseCase checkUpdate) {
        public UseCases {
            Objects.requireNonNull(syncUser, "syncUser");
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(send, "send");
            Objects.requireNonNull(fetchMailbox, "fetchMailbox");
            Objects.requireNonNull(provision, "provision");
            Objects.requireNonNull(authenticateAdmin, "authenticateAdmin");
            Objects.requireNonNull(readiness, "readiness");
            Objects.requireNonNull(setSessionState, "setSessionState");
            Objects.requireNonNull(getSessions, "getSessions");
            Objects.requireNonNull(syncTenant, "syncTenant");
            Objects.requireNonNull(syncOrg, "syncOrg");
            Objects.requireNonNull(changeOrgMembership, "changeOrgMembership");
            Objects.requireNonNull(listOrgUsers, "listOrgUsers");
            Objects.requireNonNull(listUserOrgs, "listUserOrgs");
            Objects.requireNonNull(verifyUserToken, "verifyUserToken");
            Objects.requireNonNull(getOrgInfo, "getOrgInfo");
            Objects.requireNonNull(getMember, "getMember");
            Objects.requireNonNull(searchDirectory, "searchDirectory");
            Objects.requireNonNull(changeContact, "changeContact");
            Objects.requireNonNull(validateToken, "validateToken");
            Objects.requireNonNull(deleteToken, "deleteToken");
            Objects.requireNonNull(listApplications, "listApplications");
            Objects.requireNonNull(pushApplicationMessage, "pushApplicationMessage");
            Objects.requireNonNull(changeShield, "changeShield");
            Objects.requireNonNull(checkShield, "checkShield");
            Objects.requireNonNull(createQun, "createQun");
            Objects.requireNonNull(getQunMembers, "getQunMembers");
            Objects.requireNonNull(renameQun, "renameQun");
            Objects.requireNonNull(addQunMembers, "addQunMembers");
            Objects.requireNonNull(removeQunMembers, "removeQunMembers");
            Objects.requireNonNull(setQunMemberRole, "setQunMemberRole");
            Objects.requireNonNull(setQunInvite, "setQunInvite");
            Objects.requireNonNull(pushPermissions, "pushPermissions");
            Objects.requireNonNull(apnsTokens, "apnsTokens");
            Objects.requireNonNull(apnsCredentials, "apnsCredentials");
            Objects.requireNonNull(deliveryStatus, "deliveryStatus");
            Objects.requireNonNull(operatorPush, "operatorPush");
            Objects.requireNonNull(clearMailbox, "clearMailbox");
            Objects.requireNonNull(checkUpdate, "checkUpdate");
        }
    }

    /**
     * @param apiPort 0 picks any free port ({@link HttpAdapter#apiPort()} tells which)
     * @param adminPort 0 picks any free port ({@link HttpAdapter#adminPort()} tells which)
     * @param maxBodyBytes larger request bodies are refused as malformed (65534 / 400) without being read
     * @param drainTimeout how long {@link #stop()} waits for in-flight requests before cutting them off
     * @param webSocketPort the port {@code /1/server/get?p=1} advertises, asked on every request
     * @param tcpPort the port {@code /1/server/get?p=2} advertises; 0 means this node has no TCP listener
     * @param gauges extra Prometheus gauges by metric name, read on every scrape of {@code /metrics}
     * @param clientLimits what one client may hold and how long a request may take to arrive
     * @param corsOrigins origins ({@code scheme://host[:port]}, or {@code *}) whose pages may call the API
     *     from a browser; the server's own pages need no entry
     * @param servers which node {@code /1/server/get} names; {@link ServerDirectory#THIS_NODE} on a single node
     */
    public record Settings(String apiHost, int apiPort, String adminHost, int adminPort, int maxBodyBytes,
            Duration drainTimeout, IntSupplier webSocketPort, IntSupplier tcpPort, Map<String, LongSupplier> gauges,
            ClientLimits clientLimits, List<String> corsOrigins, ServerDirectory servers) {

        public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
        private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

        public Settings {
            Objects.requireNonNull(apiHost, "apiHost");
            Objects.requireNonNull(adminHost, "adminHost");
            checkPort("apiPort", apiPort);
            checkPort("adminPort", adminPort);
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024: " + maxBodyBytes);
            }
            if (drainTimeout.isNegative()) {
                throw new IllegalArgumentException("drainTimeout must not be negative: " + drainTimeout);
            }
            Objects.requireNonNull(webSocketPort, "webSocketPort");
            Objects.requireNonNull(tcpPort, "tcpPort");
            gauges.forEach((name, supplier) -> {
                if (!METRIC_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("not a Prometheus metric name: " + name);
                }
                Objects.requireNonNull(supplier, name);
            });
            gauges = Map.copyOf(gauges);
            Objects.requireNonNull(clientLimits, "clientLimits");
            corsOrigins.forEach(CrossOrigin::check);
            corsOrigins = List.copyOf(corsOrigins);
            Objects.requireNonNull(servers, "servers");
        }

        /** A single node's: {@code /1/server/get} names this node. */
        public Settings(String apiHost, int apiPort, String adminHost, int adminPort, int maxBodyBytes,
                Duration drainTimeout, IntSupplier webSocketPort, IntSupplier tcpPort, Map<String, LongSupplier> gauges,
                ClientLimits clientLimits, List<String> corsOrigins) {
            this(apiHost, apiPort, adminHost, adminPort, maxBodyBytes, drainTimeout, webSocketPort, tcpPort, gauges,
                    clientLimits, corsOrigins, ServerDirectory.THIS_NODE);
        }

        public Settings withServers(ServerDirectory servers) {
            return new Settings(apiHost, apiPort, adminHost, adminPort, maxBodyBytes, drainTimeout, webSocketPort,
                    tcpPort, gauges, clientLimits, corsOrigins, servers);
        }

        /**
         * API on 0.0.0.0:8090, admin on 127.0.0.1:8091, 1 MiB bodies, 30 s drain, no TCP, no extra gauges, the
         * default client limits, no cross-origin callers.
         */
        public static Settings defaults(IntSupplier webSocketPort) {
            return new Settings("0.0.0.0", 8090, "127.0.0.1", 8091, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(30),
                    webSocketPort, () -> 0, Map.of(), ClientLimits.DEFAULTS, List.of());
        }

        public Settings withCorsOrigins(List<String> corsOrigins) {
            return new Settings(apiHost, apiPort, adminHost, adminPort, maxBodyBytes, drainTimeout, webSocketPort,
                    tcpPort, gauges, clientLimits, corsOrigins);
        }

        public Settings withPorts(int apiPort, int adminPort) {
            return new Settings(apiHost, apiPort, adminHost, adminPort, maxBodyBytes, drainTimeout, webSocketPort,
                    tcpPort, gauges, clientLimits, corsOrigins, servers);
        }

        public Settings withDrainTimeout(Duration drainTimeout) {
            return new Settings(apiHost, apiPort, adminHost, adminPort, maxBodyBytes, drainTimeout, webSocketPort,
                    tcpPort, gauges, clientLimits, corsOrigins, servers);
        }

        public Settings withGauges(Map<String, LongSupplier> gauges) {
            return new Settings(apiHost, apiPort, adminHost, adminPort, maxBodyBytes, drainTimeout, webSocketPort,
                    tcpPort, gauges, clientLimits, corsOrigins, servers);
        }

        public Settings withClientLimits(ClientLimits clientLimits) {
            return new Settings(apiHost, apiPort, adminHost, adminPort, maxBodyBytes, drainTimeout, webSocketPort,
                    tcpPort, gauges, clientLimits, corsOrigins, servers);
        }

        private static void checkPort(String what, int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(what + " must be within 0..65535: " + port);
            }
        }
    }

    /**
     * What one client may do (docs/security.md): {@code proxies} are believed in X-Forwarded-For and not counted;
     * every other address holds at most {@code maxConnectionsPerAddress} connections on each listener; a request
     * must arrive whole within {@code requestTimeout} of connecting or of the previous response.
     */
    public record ClientLimits(TrustedProxies proxies, int maxConnectionsPerAddress, Duration requestTimeout) {

        /** No proxy, 256 connections per address, 10 s per request. */
        public static final ClientLimits DEFAULTS = new ClientLimits(TrustedProxies.NONE, 256, Duration.ofSeconds(10));

        public ClientLimits {
            Objects.requireNonNull(proxies, "proxies");
            if (maxConnectionsPerAddress < 1) {
                throw new IllegalArgumentException("maxConnectionsPerAddress must be at least 1");
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive");
            }
        }
    }

    /**
     * Quotas: the gate every {@code /app/client/...} route passes ({@link QuotaGate}), and the operator's
     * {@code /admin/quotas}, {@code /admin/usage}, {@code /admin/reports} and
     * {@code /admin/applications/{id}/permissions} routes plus {@code /app/client/app/getQuotaUsage} and
     * {@code /app/client/app/syncQuota}.
     */
    public record Quotas(MeterCallsUseCase meter, ManageQuotasUseCase manage, ReportUsageUseCase reports,
            SyncQuotaUseCase sync, ManageQuotaPermissionUseCase permissions) {
        public Quotas {
            Objects.requireNonNull(meter, "meter");
            Objects.requireNonNull(manage, "manage");
            Objects.requireNonNull(reports, "reports");
            Objects.requireNonNull(sync, "sync");
            Objects.requireNonNull(permissions, "permissions");
        }
    }

    private final Settings settings;
    private final Optional<QuotaGate> quotaGate;
    private final Javalin api;
    private final Javalin admin;
    private final RequestDeadline deadline;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("appmsg-http-deadlines").daemon().factory());
    private final AtomicBoolean draining = new AtomicBoolean();
    private boolean started;
    private boolean stopped;

    /** Builds both servers; nothing listens until {@link #start()}. {@code clock} serves {@code /1/time/get}. */
    public HttpAdapter(UseCases useCases, Settings settings, Clock clock) {
        this(useCases, Optional.empty(), settings, clock);
    }

    /** The same, with {@code quotas} counted and enforced when given. */
    public HttpAdapter(UseCases useCases, Optional<Quotas> quotas, Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.quotaGate = quotas.map(q -> new QuotaGate(q.meter(), settings.maxBodyBytes()));
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(clock, "clock");
        ClientLimits limits = settings.clientLimits();
        this.deadline = new RequestDeadline(limits.requestTimeout());
        var apiLimit = new ConnectionLimit("HTTP API",
                new ConnectionsPerAddress(limits.maxConnectionsPerAddress(), limits.proxies()));
        var adminLimit = new ConnectionLimit("admin listener",
                new ConnectionsPerAddress(limits.maxConnectionsPerAddress(), limits.proxies()));
        Map<String, LongSupplier> gauges = new HashMap<>(settings.gauges());
        gauges.put("appmsg_http_connections_refused_total", () -> apiLimit.refusedTotal() + adminLimit.refusedTotal());
        gauges.put("appmsg_http_request_timeouts_total", deadline::cutTotal);
        var metrics = quotas.map(q -> new Metrics(gauges, q.meter()::totals)).orElseGet(() -> new Metrics(gauges));
        int maxBody = settings.maxBodyBytes();
        var app = new AppEndpoints(useCases.syncUser(), maxBody);
        var device = new DeviceEndpoints(useCases.login(), useCases.send(), useCases.apnsTokens(),
                new ClientAddress(limits.proxies()), maxBody);
        var sessions = new SessionEndpoints(useCases.setSessionState(), useCases.getSessions(), maxBody);
        var directory = new DirectoryEndpoints(useCases.syncTenant(), useCases.syncOrg(),
                useCases.changeOrgMembership(), useCases.listOrgUsers(), useCases.listUserOrgs(),
                useCases.verifyUserToken(), maxBody);
        var addressBook = new AddressBookEndpoints(useCases.getOrgInfo(), useCases.getMember(),
                useCases.searchDirectory(), useCases.changeContact(), useCases.validateToken(), useCases.deleteToken(),
                useCases.listApplications(), maxBody);
        var appPush = new AppPushEndpoints(useCases.pushApplicationMessage(), maxBody);
        var shields = new ShieldEndpoints(useCases.changeShield(), useCases.checkShield(), maxBody);
        var quns = new QunEndpoints(useCases.createQun(), useCases.getQunMembers(), useCases.renameQun(),
                useCases.addQunMembers(), useCases.removeQunMembers(), useCases.setQunMemberRole(),
                useCases.setQunInvite(), maxBody);
        var open = new PublicEndpoints(useCases.fetchMailbox(), clock, settings.webSocketPort(), settings.tcpPort(),
                settings.servers());
        var unversioned = new UnversionedReadEndpoints(open, clock);
        var updates = new ClientUpdateEndpoints(useCases.checkUpdate(), maxBody);
        var operations = new AppOperationEndpoints(useCases.listApplications(), maxBody);
        var contactCard = new ContactCardPage(useCases.getMember());
        var webChat = new WebChatEndpoints(device);
        Function<Context, Reply> webPush = quotaGate.<Function<Context, Reply>>map(
                g -> g.around(QuotaGate.DEVICE_PUSH, webChat::push)).orElse(webChat::push);
        var web = new WebAssets(settings.webSocketPort());
        var cors = new CrossOrigin(settings.corsOrigins());
        var ops = new AdminEndpoints(useCases.provision(), useCases.pushPermissions(), useCases.authenticateAdmin(),
                useCases.readiness(), draining::get, metrics, maxBody);
        var apns = new ApnsEndpoints(useCases.apnsTokens(), useCases.apnsCredentials(), useCases.deliveryStatus(), ops,
                maxBody);
        var operatorPush = new OperatorPushEndpoints(useCases.operatorPush(), useCases.clearMailbox(), ops, maxBody);
        Optional<QuotaEndpoints> quotaRoutes = quotas.map(q -> new QuotaEndpoints(q, ops, maxBody));

        this.api = server(settings, settings.apiHost(), settings.apiPort(), apiLimit, deadline, r -> {
            r.before("/app/*", cors::decorate);
            r.before("/1/*", cors::decorate);
            r.before("/2/*", cors::decorate);
            r.options("/app/*", cors::preflight);
            r.options("/1/*", cors::preflight);
            r.options("/2/*", cors::preflight);
            for (String path : List.of("/server/get", "/msg/get", "/time/get")) {
                r.before(path, cors::decorate);
                r.options(path, cors::preflight);
            }
            r.get("/js/{file}", web::library);
            r.get("/web", web::app);
            r.get("/web/", web::app);
            r.get("/web/{file}", web::appFile);
            post(r, metrics, Envelope.APP, "/app/client/app/syncUser", app::syncUser);
            post(r, metrics, Envelope.APP, "/app/client/device/login", device::login);
            post(r, metrics, Envelope.APP, "/app/client/device/push", device::push);
            post(r, metrics, Envelope.APP, "/app/client/device/setSessionState", sessions::setStateByUser);
            post(r, metrics, Envelope.APP, "/app/client/app/setSessionState", sessions::setStateByApplication);
            post(r, metrics, Envelope.APP, "/app/client/app/getSessions", sessions::list);
            post(r, metrics, Envelope.APP, "/app/client/app/syncTenant", directory::syncTenant);
            post(r, metrics, Envelope.APP, "/app/client/app/syncOrg", directory::syncOrg);
            post(r, metrics, Envelope.APP, "/app/client/app/addOrgUser", directory::addOrgUser);
            post(r, metrics, Envelope.APP, "/app/client/app/removeOrgUser", directory::removeOrgUser);
            post(r, metrics, Envelope.APP, "/app/client/app/getOrgUserList", directory::orgUsersByApplication);
            post(r, metrics, Envelope.APP, "/app/client/app/getOrgList", directory::userOrgs);
            post(r, metrics, Envelope.APP, "/app/client/app/user/auth", directory::verifyUser);
            post(r, metrics, Envelope.APP, "/app/client/device/getOrgUserList", directory::orgUsersByUser);
            post(r, metrics, Envelope.APP, "/app/client/device/getOrgInfo", addressBook::orgInfo);
            post(r, metrics, Envelope.APP, "/app/client/device/getMember", addressBook::member);
            post(r, metrics, Envelope.APP, "/app/client/device/search", addressBook::search);
            post(r, metrics, Envelope.APP, "/app/client/device/addOrRemoveContact", addressBook::changeContact);
            post(r, metrics, Envelope.APP, "/app/client/device/validateToken", addressBook::validateToken);
            post(r, metrics, Envelope.APP, "/app/client/device/delToken", addressBook::deleteToken);
            post(r, metrics, Envelope.APP, "/app/client/device/getApplicationList", addressBook::applications);
            post(r, metrics, Envelope.APP, "/app/client/app/user/push", appPush::push);
            post(r, metrics, Envelope.APP, "/app/client/device/setShieldMsg", shields::setShield);
            post(r, metrics, Envelope.APP, "/app/client/device/cancelShieldMsg", shields::cancelShield);
            post(r, metrics, Envelope.APP, "/app/client/device/isUserShieldApp", shields::isShielded);
            post(r, metrics, Envelope.APP, "/app/client/device/create-qun", quns::create);
            post(r, metrics, Envelope.APP, "/app/client/device/getQunMembers", quns::members);
            post(r, metrics, Envelope.APP, "/app/client/device/updateQunTopic", quns::rename);
            post(r, metrics, Envelope.APP, "/app/client/device/addQunMember", quns::addMembers);
            post(r, metrics, Envelope.APP, "/app/client/device/delQunMember", quns::removeMembers);
            post(r, metrics, Envelope.APP, "/app/client/device/setQunMemberRole", quns::setMemberRole);
            post(r, metrics, Envelope.APP, "/app/client/device/setQunInvite", quns::setInvite);
            post(r, metrics, Envelope.APP, "/app/client/device/addApnsToken", apns::addToken);
            post(r, metrics, Envelope.APP, "/app/client/device/delApnsToken", apns::deleteToken);
            post(r, metrics, Envelope.APP, "/app/client/app/getMessageStatus", apns::applicationStatus);
            post(r, metrics, Envelope.APP, "/app/client/device/checkUpdate", updates::checkUpdate);
            post(r, metrics, Envelope.APP, "/app/client/device/getAppOperationList", operations::operations);
            get(r, metrics, Envelope.PAGE, "/app/user/erweima", contactCard::show);
            anyMethod(r, metrics, Envelope.WEB_CHAT, "/app/client/appweb/login", webChat::login);
            anyMethod(r, metrics, Envelope.WEB_CHAT, "/app/client/appweb/push", ctx -> {
                WebChatEndpoints.formAsPushBody(ctx);
                return WebChatEndpoints.jsonp(ctx, webPush.apply(ctx));
            });
            quotaRoutes.ifPresent(q -> {
                post(r, metrics, Envelope.APP, "/app/client/app/getQuotaUsage", q::ownUsage);
                post(r, metrics, Envelope.APP, "/app/client/app/syncQuota", q::syncQuota);
            });
            get(r, metrics, Envelope.PUBLIC, "/1/msg/get", open::fetchMessages);
            get(r, metrics, Envelope.PUBLIC, "/1/time/get", open::time);
            get(r, metrics, Envelope.PUBLIC, "/1/server/get", open::server);
            get(r, metrics, Envelope.PUBLIC, "/2/server/get", open::serverList);
            get(r, metrics, Envelope.UNVERSIONED, "/server/get", unversioned::server);
            get(r, metrics, Envelope.UNVERSIONED, "/msg/get", unversioned::fetchMessages);
            get(r, metrics, Envelope.UNVERSIONED, "/time/get", unversioned::time);
        });
        this.admin = server(settings, settings.adminHost(), settings.adminPort(), adminLimit, deadline, r -> {
            post(r, metrics, Envelope.ADMIN, "/admin/customers", ops::createCustomer);
            post(r, metrics, Envelope.ADMIN, "/admin/tenants", ops::createTenant);
            post(r, metrics, Envelope.ADMIN, "/admin/applications", ops::createApplication);
            get(r, metrics, Envelope.ADMIN, "/admin/customers", ops::listCustomers);
            get(r, metrics, Envelope.ADMIN, "/admin/tenants", ops::listTenants);
            get(r, metrics, Envelope.ADMIN, "/admin/applications", ops::listApplications);
            post(r, metrics, Envelope.ADMIN, "/admin/applications/{id}/disable", ops::disableApplication);
            post(r, metrics, Envelope.ADMIN, "/admin/applications/{id}/enable", ops::enableApplication);
            post(r, metrics, Envelope.ADMIN, "/admin/applications/{id}/rotate-token", ops::rotateApplicationToken);
            get(r, metrics, Envelope.ADMIN, "/admin/users/{userId}/permissions", ops::userPermissions);
            put(r, metrics, Envelope.ADMIN, "/admin/users/{userId}/permissions", ops::changeUserPermissions);
            get(r, metrics, Envelope.ADMIN, "/admin/apns", apns::listCredentials);
            put(r, metrics, Envelope.ADMIN, "/admin/apns/{scope}/{id}", apns::putCredential);
            get(r, metrics, Envelope.ADMIN, "/admin/apns/{scope}/{id}", apns::getCredential);
            delete(r, metrics, Envelope.ADMIN, "/admin/apns/{scope}/{id}", apns::deleteCredential);
            get(r, metrics, Envelope.ADMIN, "/admin/messages/{msgId}/status", apns::adminStatus);
            quotaRoutes.ifPresent(q -> {
                put(r, metrics, Envelope.ADMIN, "/admin/quotas", q::put);
                get(r, metrics, Envelope.ADMIN, "/admin/quotas", q::list);
                delete(r, metrics, Envelope.ADMIN, "/admin/quotas", q::delete);
                put(r, metrics, Envelope.ADMIN, "/admin/quotas/zone", q::setZone);
                get(r, metrics, Envelope.ADMIN, "/admin/usage", q::usage);
                get(r, metrics, Envelope.ADMIN, "/admin/reports", q::report);
                get(r, metrics, Envelope.ADMIN, "/admin/applications/{id}/permissions", q::applicationPermissions);
                put(r, metrics, Envelope.ADMIN, "/admin/applications/{id}/permissions",
                        q::changeApplicationPermissions);
            });
            post(r, metrics, Envelope.LEGACY_ADMIN, "/1/admin/push/private", operatorPush::pushPrivate);
            post(r, metrics, Envelope.LEGACY_ADMIN, "/admin/push", operatorPush::pushPrivate);
            post(r, metrics, Envelope.LEGACY_ADMIN, "/1/admin/push/mprivate", operatorPush::pushMultiPrivate);
            post(r, metrics, Envelope.LEGACY_ADMIN, "/1/admin/msg/del", operatorPush::deleteMessages);
            post(r, metrics, Envelope.LEGACY_ADMIN, "/admin/msg/clean", operatorPush::deleteMessages);
            get(r, metrics, Envelope.ADMIN, "/health", ops::health);
            get(r, metrics, Envelope.ADMIN, "/ready", ops::ready);
            get(r, metrics, Envelope.ADMIN, "/metrics", ops::metrics);
        });
    }

    /** A POST route; every {@code /app/client/...} one passes the quota gate, when quotas are on. */
    private void post(JavalinDefaultRouting r, Metrics metrics, Envelope envelope, String path,
            Function<Context, Reply> action) {
        Function<Context, Reply> counted = path.startsWith("/app/client/") && quotaGate.isPresent()
                ? quotaGate.get().around(path, action) : action;
        r.post(path, new Endpoint(path, envelope, counted, metrics));
    }

    private static void get(JavalinDefaultRouting r, Metrics metrics, Envelope envelope, String path,
            Function<Context, Reply> action) {
        r.get(path, new Endpoint(path, envelope, action, metrics));
    }

    /** A route for GET and POST alike (JSONP pages call it with a script tag, forms post to it). */
    private static void anyMethod(JavalinDefaultRouting r, Metrics metrics, Envelope envelope, String path,
            Function<Context, Reply> action) {
        Endpoint endpoint = new Endpoint(path, envelope, action, metrics);
        r.get(path, endpoint);
        r.post(path, endpoint);
    }

    private static void put(JavalinDefaultRouting r, Metrics metrics, Envelope envelope, String path,
            Function<Context, Reply> action) {
        r.put(path, new Endpoint(path, envelope, action, metrics));
    }

    private static void delete(JavalinDefaultRouting r, Metrics metrics, Envelope envelope, String path,
            Function<Context, Reply> action) {
        r.delete(path, new Endpoint(path, envelope, action, metrics));
    }

    private static Javalin server(Settings settings, String host, int port, ConnectionLimit limit,
            RequestDeadline deadline, Consumer<JavalinDefaultRouting> routes) {
        return Javalin.create(config -> {
            config.useVirtualThreads = true;
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = settings.maxBodyBytes();
            // Javalin's default Jetty server has a StatisticsHandler, so a stop timeout makes stop() wait for
            // in-flight requests (after closing the listener) instead of cutting their connections.
            config.jetty.modifyServer(server -> server.setStopTimeout(settings.drainTimeout().toMillis()));
            // our own connector (Javalin would add a plain one): the listeners see every connection and request
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.addBean(limit);
                connector.addBean(deadline);
                return connector;
            });
            // legacy clients build URLs such as //1/msg/get (base URL ending in a slash); route them as /1/msg/get
            config.router.treatMultipleSlashesAsSingleSlash = true;
            config.router.mount(routes);
        });
    }

    /**
     * Binds both servers; fails with {@link IllegalStateException} when a port cannot be bound (then
     * nothing is left listening) or when called twice.
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("HttpAdapter is started once");
        }
        started = true;
        stopped = true; // until both are bound, so that a failed start leaves a stopped adapter
        bind(api, settings.apiHost(), settings.apiPort());
        try {
            bind(admin, settings.adminHost(), settings.adminPort());
        } catch (RuntimeException e) {
            quietly(api::stop, e);
            sweeper.shutdownNow();
            throw e;
        }
        stopped = false;
        sweeper.scheduleWithFixedDelay(this::sweepDeadlines, 1, 1, TimeUnit.SECONDS);
    }

    private void sweepDeadlines() {
        try {
            deadline.sweep();
        } catch (RuntimeException e) {
            log.error("request deadline sweep failed", e); // keep the schedule: it is every request's timer
        }
    }

    private static void quietly(Runnable stop, RuntimeException failure) {
        try {
            stop.run();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private static void bind(Javalin server, String host, int port) {
        try {
            server.start(host, port);
        } catch (Exception e) { // Javalin (Kotlin) may throw checked exceptions undeclared
            throw new IllegalStateException("cannot listen on " + host + ":" + port, e);
        }
    }

    /** The API server's bound port. */
    public synchronized int apiPort() {
        requireStarted();
        return api.port();
    }

    /** The admin server's bound port. */
    public synchronized int adminPort() {
        requireStarted();
        return admin.port();
    }

    private void requireStarted() {
        if (!started || stopped) {
            throw new IllegalStateException("HttpAdapter is not running");
        }
    }

    /**
     * Graceful: {@code /ready} turns 503 at once, the API server stops accepting connections and waits
     * up to {@code drainTimeout} for in-flight requests to finish, then the admin server does the same.
     * Returns when both are stopped. Idempotent; a no-op before {@link #start()}.
     */
    public synchronized void stop() {
        draining.set(true);
        if (!started || stopped) {
            return;
        }
        stopped = true;
        try {
            api.stop();
        } finally {
            try {
                admin.stop();
            } finally {
                sweeper.shutdownNow();
            }
        }
    }
}
