package org.appmsg.bootstrap;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.appmsg.adapter.apns.ApnsLiveDelivery;
import org.appmsg.adapter.apns.PushyApnsGateway;
import org.appmsg.adapter.http.HttpAdapter;
import org.appmsg.adapter.persistence.SqlPersistence;
import org.appmsg.adapter.persistence.files.HttpFileStorage;
import org.appmsg.adapter.ws.WebSocketAdapter;
import org.appmsg.application.port.in.InitAdminKeyUseCase;
import org.appmsg.application.port.out.ClusterEvents;
import org.appmsg.application.port.out.ConnectionRevocation;
import org.appmsg.application.port.out.DeliveryStatusLog;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.StorageHealth;
import org.appmsg.application.service.AddQunMembersService;
import org.appmsg.application.service.AdminKeyService;
import org.appmsg.application.service.ApnsCredentialService;
import org.appmsg.application.service.ApnsTokenService;
import org.appmsg.application.service.AuthenticateApplicationService;
import org.appmsg.application.service.AuthenticateUserService;
import org.appmsg.application.service.MeterCallsService;
import org.appmsg.application.service.QuotaAdminService;
import org.appmsg.application.service.QuotaPermissionService;
import org.appmsg.application.service.ReportUsageService;
import org.appmsg.application.service.ChangeContactService;
import org.appmsg.application.service.ChangeOrgMembershipService;
import org.appmsg.application.service.CreateQunService;
import org.appmsg.application.service.CheckReadinessService;
import org.appmsg.application.service.DeleteTokenService;
import org.appmsg.application.service.DeliveryStatusService;
import org.appmsg.application.service.ExpireFilesService;
import org.appmsg.application.service.FetchMailboxService;
import org.appmsg.application.service.GetMemberService;
import org.appmsg.application.service.GetOrgInfoService;
import org.appmsg.application.service.GetQunMembersService;
import org.appmsg.application.service.ListApplicationsService;
import org.appmsg.application.service.ListOrgUsersService;
import org.appmsg.application.service.ListUserOrgsService;
import org.appmsg.application.service.LoginService;
import org.appmsg.application.service.NotifyDevicesService;
import org.appmsg.application.service.OperatorPushService;
import org.appmsg.application.service.ClearMailboxService;
import org.appmsg.application.service.CheckUpdateService;
import org.appmsg.application.service.OpenSessionService;
import org.appmsg.application.service.ProvisionService;
import org.appmsg.application.service.PurgeExpiredService;
import org.appmsg.application.service.PushApplicationMessageService;
import org.appmsg.application.service.PushPermissionService;
import org.appmsg.application.service.QunOwnerService;
import org.appmsg.application.service.RemoveQunMembersService;
import org.appmsg.application.service.RenameQunService;
import org.appmsg.application.service.ReplayMailboxService;
import org.appmsg.application.service.SearchDirectoryService;
import org.appmsg.application.service.SendMessageService;
import org.appmsg.application.service.SessionStateService;
import org.appmsg.application.service.ShieldService;
import org.appmsg.application.service.SignOutService;
import org.appmsg.application.service.SyncOrgService;
import org.appmsg.application.service.SyncTenantService;
import org.appmsg.application.service.SyncUserService;
import org.appmsg.application.service.ValidateTokenService;
import org.appmsg.application.service.VerifyUserTokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds every adapter and service by hand, starts them, stops them in order. */
public final class AppmsgServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppmsgServer.class);
    /** How long draining may take before sockets are closed anyway. */
    private static final Duration DRAIN = Duration.ofSeconds(10);
    /** Keys the login throttle keeps (about 200 bytes each): the least recently used are forgotten beyond. */
    private static final int LOGIN_ATTEMPT_KEYS = 100_000;

    private final SqlPersistence persistence;
    private final WebSocketAdapter ws;
    private final HttpAdapter http;
    private final RetentionJob retention;
    private final FileExpiryJob fileExpiry;
    private final Apns apns;
    private final ClusterWiring cluster;
    private final QuotaJob quotaJob;
    private final CometListeners comet;
    private volatile boolean stopped;

    /** The APNs parts that need closing: the notifier's queue and thread, then the gateway's connections. */
    private record Apns(ApnsLiveDelivery live, PushyApnsGateway gateway) implements AutoCloseable {
        @Override
        public void close() {
            live.close();
            gateway.close();
        }
    }

    private AppmsgServer(SqlPersistence persistence, WebSocketAdapter ws, HttpAdapter http, RetentionJob retention,
            FileExpiryJob fileExpiry, Apns apns, ClusterWiring cluster, QuotaJob quotaJob, CometListeners comet) {
        this.comet = comet;
        this.apns = apns;
        this.quotaJob = quotaJob;
        this.persistence = persistence;
        this.ws = ws;
        this.http = http;
        this.retention = retention;
        this.fileExpiry = fileExpiry;
        this.cluster = cluster;
    }

    /** The SQL store {@code config} names, with {@code poolSize} connections (tools need fewer than a node). */
    static SqlPersistence.Settings storage(Config config, int poolSize) {
        return new SqlPersistence.Settings(config.dbUrl(), config.dbUser(), config.dbPassword(), poolSize,
                config.nodeId(), config.passwordIterations(), config.dbConnectTimeout(), config.dbSocketTimeout(),
                config.mailboxFirstMid());
    }

    /** Starts a complete node and returns once every listener accepts connections. */
    public static AppmsgServer start(Config config) {
        long started = System.nanoTime();
        Clock clock = Clock.systemUTC();
        SqlPersistence persistence = SqlPersistence.start(storage(config, config.dbPoolSize()), clock);
        RetentionJob retention = null;
        FileExpiryJob fileExpiry = null;
        Apns apns = null;
        ClusterWiring cluster = null;
        QuotaJob quotaJob = null;
        HttpAdapter startedHttp = null;
        WebSocketAdapter startedWs = null;
        var comet = new CometListeners();
        try {
            var ids = persistence.ids();
            var adminKeys = new AdminKeyService(persistence.adminKeys(), ids);
            announceAdminKey(adminKeys.init(new InitAdminKeyUseCase.Command(config.adminKey())));

            var authenticate = new AuthenticateUserService(persistence.tokens(), persistence.users(), clock,
                    Duration.ofSeconds(30));
            cluster = ClusterWiring.join(config,
                    new ClusterWiring.NodeCaches(authenticate, persistence.users(), persistence.orgs()));
            var sockets = cluster.localSessions();
            var presence = cluster.presence();
            // every service hands stored entries to `sessions`: this node's connections and the other nodes that
            // hold the recipients' (cluster.delivery()), then the APNs notifier, once, on the node that stored them
            var gateway = new PushyApnsGateway(PushyApnsGateway.Settings.of(config.apnsEndpoint(),
                    config.apnsTrustCert()).withMaxInFlight(config.apnsMaxInFlight()));
            var deliveryStatus = persistence.deliveryStatus();
            var notifier = new NotifyDevicesService(persistence.apnsTokens(), persistence.users(),
                    persistence.directory(), persistence.apnsCredentials(), gateway, deliveryStatus, clock);
            var sessions = new ApnsLiveDelivery(cluster.delivery(), notifier, config.apnsQueue());
            apns = new Apns(sessions, gateway);
            // one instance: the operator's disable and rotate-token clear the cache every application route reads
            var access = new AuthenticateApplicationService(persistence.directory(), clock, Duration.ofSeconds(5),
                    cluster.events());
            cluster.applicationCache(access);
            // counts calls and pushes against the quotas, and the recipients the pushes store, for the reports
            var meterCalls = new MeterCallsService(persistence.quotas(), persistence.usage(), clock,
                    cluster.sharedMeters(), access, authenticate, persistence.users(), persistence.directory());
            var send = new SendMessageService(authenticate, persistence.users(), persistence.mailbox(), sessions,
                    presence, ids, clock, config.messageExpire(), persistence.fileLinks(), persistence.quns(),
                    SendMessageService.Broadcasting.defaults(persistence.pushPermissions(), persistence.orgs(),
                            persistence.directory()), meterCalls);
            var openSession = new OpenSessionService(authenticate, presence, clock, config.maxSessionsPerUser());
            var sessionStates = new SessionStateService(authenticate, access, persistence.users(), presence, clock);
            var appPush = new PushApplicationMessageService(access, new PushApplicationMessageService.Directory(
                    persistence.users(), persistence.orgs(), persistence.directory(), persistence.quns()),
                    persistence.shields(),
                    new PushApplicationMessageService.FanOut(persistence.mailbox(), sessions, presence,
                            persistence.fileLinks()), ids, clock,
                    PushApplicationMessageService.Limits.defaults(config.messageExpire()), meterCalls);
            var replay = new ReplayMailboxService(persistence.mailbox(), clock);
            var limits = config.clientLimits();
            var ws = new WebSocketAdapter(WebSocketAdapter.Settings.defaults(config.wsHost(), config.wsPort())
                    .withLimits(config.maxConnectionsPerKey(), config.connectionMaxLifetime())
                    .withHeartbeatGrace(config.heartbeatGrace()).withMaxQueuedFrames(config.maxQueuedFrames()),
                    new WebSocketAdapter.ClientLimits(limits.trustedProxies(), limits.wsPerAddress(),
                            limits.tcpPerAddress(), limits.frameRate(), limits.frameBurst()),
                    sockets, openSession, openSession, replay, replay);
            retention = RetentionJob.start(new PurgeExpiredService(persistence.mailbox(), deliveryStatus, clock),
                    config.retentionInterval());
            fileExpiry = startFileExpiry(config, persistence, clock);
            var throttle = config.loginLimits().throttle();
            var login = new LoginService(persistence.users(), persistence.tokens(), persistence.passwordHasher(), ids,
                    clock, config.tokenTtl(), new LoginService.Throttling(throttle,
                            cluster.loginAttempts(throttle, SqlPersistence.localLoginAttempts(LOGIN_ATTEMPT_KEYS))));
            quotaJob = QuotaJob.start(meterCalls);
            var quotaAdmin = new QuotaAdminService(persistence.quotas(), persistence.usage(), meterCalls,
                    persistence.directory(), access, clock);
            var quotaPermissions = new QuotaPermissionService(access, persistence.quotaPermissions(),
                    persistence.directory(), persistence.quotas(), quotaAdmin, clock);
            var quotas = new HttpAdapter.Quotas(meterCalls, quotaAdmin,
                    new ReportUsageService(persistence.usage(), persistence.directory(), Optional.of(meterCalls)),
                    quotaPermissions, quotaPermissions);
            var http = new HttpAdapter(
                    useCases(persistence, clock, config, access, authenticate, send, adminKeys, sessionStates, appPush,
                            cluster.revocation(), cluster.events(), sessions, presence, login, gateway, deliveryStatus,
                            cluster.health(), comet),
                    Optional.of(quotas),
                    new HttpAdapter.Settings(config.httpHost(), config.httpPort(), config.adminHost(), config.adminPort(),
                            config.maxBodyBytes(), DRAIN, comet.port(ws::port), comet.port(ws::tcpPort),
                            gauges(sockets, ws, login, retention, fileExpiry, sessions, gateway, notifier, persistence),
                            new HttpAdapter.ClientLimits(limits.trustedProxies(), limits.httpPerAddress(),
                                    limits.httpRequestTimeout()), config.corsOrigins()).withServers(cluster.servers()),
                    clock);
            startedHttp = http;
            http.start();
            LOG.info("listening: HTTP API http://{}:{}/", config.httpHost(), http.apiPort());
            LOG.info("listening: admin, health and metrics http://{}:{}/", config.adminHost(), http.adminPort());
            // the comet listeners last: a client that got in can fetch and push at once (its first /1/msg/get after
            // a restart used to find the HTTP API not listening yet)
            startedWs = ws;
            ws.start();
            LOG.info("listening: WebSocket gateway ws://{}:{}/sub", config.wsHost(), ws.port());
            ws.startTcp(config.tcpHost(), config.tcpPort());
            LOG.info("listening: TCP comet tcp://{}:{}/", config.tcpHost(), ws.tcpPort());
            comet.open();
            LOG.info("ready in {} ms: {} ({})", (System.nanoTime() - started) / 1_000_000, config, persistence.dialect());
            return new AppmsgServer(persistence, ws, http, retention, fileExpiry, apns, cluster, quotaJob, comet);
        } catch (RuntimeException e) {
            if (startedWs != null) {
                startedWs.stop(Duration.ofMillis(1));
            }
            if (startedHttp != null) {
                startedHttp.stop();
            }
            if (quotaJob != null) {
                quotaJob.close();
            }
            if (apns != null) {
                apns.close();
            }
            if (cluster != null) {
                cluster.close();
            }
            if (retention != null) {
                retention.close();
            }
            if (fileExpiry != null) {
                fileExpiry.close();
            }
            persistence.close();
            throw e;
        }
    }

    public int httpPort() {
        return http.apiPort();
    }

    public int wsPort() {
        return ws.port();
    }

    public int tcpPort() {
        return ws.tcpPort();
    }

    public int adminPort() {
        return http.adminPort();
    }

    /**
     * Graceful drain, the start in reverse: the comet listeners close first ({@code /ready} turns 503 and
     * {@code /1/server/get} stops naming them at once; sockets are closed with a reason), so no client sits on a
     * socket of a node whose HTTP API is gone; then the HTTP listeners stop accepting and finish in-flight requests
     * (so every acknowledged push is stored); then storage is flushed and closed.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("draining");
        comet.close();
        retention.close();
        fileExpiry.close();
        ws.stop(DRAIN);
        LOG.info("closed: WebSocket gateway and TCP comet");
        http.stop();
        LOG.info("closed: HTTP API and admin");
        quotaJob.close(); // after the API drained: every answered call is counted and flushed
        apns.close();
        cluster.close(); // after the sockets: their closes leave presence first, then the goodbye drops the rest
        persistence.close();
        LOG.info("stopped");
    }
    /** The file expiry job (R20), or none when no delete URL is configured: then links are only recorded. */
    private static FileExpiryJob startFileExpiry(Config config, SqlPersistence persistence, Clock clock) {
        if (config.fileDeleteUrl().isEmpty()) {
            LOG.info("file expiry off: APPMSG_FILE_DELETE_URL is empty (file links are still recorded)");
            return FileExpiryJob.off();
        }
        var storage = new HttpFileStorage(new HttpFileStorage.Settings(config.fileDeleteUrl(), config.fileDeleteMethod()));
        LOG.info("file expiry: files unused for {} s are deleted with {} {}, checked every {} s",
                config.fileExpire().toSeconds(), config.fileDeleteMethod(), Config.redacted(config.fileDeleteUrl()),
                config.fileExpiryInterval().toSeconds());
        return FileExpiryJob.start(new ExpireFilesService(persistence.fileLinks(), storage, clock), storage::close,
                config.fileExpire(), config.fileExpiryInterval());
    }

    /** The Prometheus values /metrics shows besides the per-route counters. */
    private static Map<String, LongSupplier> gauges(WebSocketAdapter.Sessions sockets, WebSocketAdapter ws,
            LoginService login, RetentionJob retention, FileExpiryJob fileExpiry, ApnsLiveDelivery apnsQueue,
            PushyApnsGateway gateway, NotifyDevicesService notifier, SqlPersistence persistence) {
        var counters = notifier.counters();
        return Map.ofEntries(
                Map.entry("appmsg_ws_connections", sockets::connectionCount),
                Map.entry("process_resident_memory_bytes", AppmsgServer::residentBytes),
                Map.entry("appmsg_retention_removed_total", retention::removedTotal),
                Map.entry("appmsg_files_deleted_total", fileExpiry::deletedTotal),
                Map.entry("appmsg_file_deletions_failed_total", fileExpiry::failedTotal),
                Map.entry("appmsg_database_up", () -> persistence.health().reachable() ? 1 : 0),
                Map.entry("appmsg_login_throttled_total", login::throttledTotal),
                Map.entry("appmsg_ws_connections_refused_total", ws::webSocketConnectionsRefused),
                Map.entry("appmsg_tcp_connections_refused_total", ws::tcpConnectionsRefused),
                Map.entry("appmsg_comet_frame_limit_closes_total", ws::frameLimitCloses),
                Map.entry("appmsg_apns_queued", apnsQueue::queued),
                Map.entry("appmsg_apns_dropped_total", apnsQueue::dropped),
                Map.entry("appmsg_apns_in_flight", gateway::inFlight),
                Map.entry("appmsg_apns_sent_total", counters.sent::get),
                Map.entry("appmsg_apns_accepted_total", counters.accepted::get),
                Map.entry("appmsg_apns_rejected_total", counters.rejected::get),
                Map.entry("appmsg_apns_failed_total", counters.failed::get),
                Map.entry("appmsg_apns_tokens_removed_total", counters.tokensRemoved::get),
                Map.entry("appmsg_apns_no_credential_total", counters.noCredential::get),
                Map.entry("appmsg_delivery_status_queued", persistence::deliveryStatusQueued),
                Map.entry("appmsg_delivery_status_dropped_total", persistence::deliveryStatusDropped));
    }

    /** The process's resident set size from /proc (Linux), for the metrics; -1 where there is none. */
    static long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux, or /proc not mounted: the gauge says so with -1
        }
        return -1;
    }

    /** The HTTP adapter's inbound ports, wired to the services over this node's storage. */
    private static HttpAdapter.UseCases useCases(SqlPersistence persistence, Clock clock, Config config,
            AuthenticateApplicationService access, AuthenticateUserService authenticate, SendMessageService send,
            AdminKeyService adminKeys, SessionStateService sessionStates, PushApplicationMessageService appPush,
            ConnectionRevocation revocation, ClusterEvents events, LiveDelivery live, PresenceRegistry presence,
            LoginService login, PushyApnsGateway gateway, DeliveryStatusLog deliveryStatus,
            StorageHealth clusterHealth, CometListeners comet) {
        var users = persistence.users();
        var directory = persistence.directory();
        var orgs = persistence.orgs();
        var contacts = persistence.contacts();
        var hasher = persistence.passwordHasher();
        var ids = persistence.ids();
        var shields = new ShieldService(authenticate, directory, persistence.shields());
        var quns = persistence.quns();
        var notices = config.messageExpire(); // group notices live as long as any message
        var qunOwner = new QunOwnerService(authenticate, users, quns, live, presence, ids, clock, notices);
        return new HttpAdapter.UseCases(
                new SyncUserService(access, users, orgs, hasher, events),
                login,
                send,
                new FetchMailboxService(authenticate, persistence.mailbox(), clock),
                new ProvisionService(directory, ids, access),
                adminKeys,
                comet.readiness(new CheckReadinessService(persistence.health(), clusterHealth)),
                sessionStates, sessionStates,
                new SyncTenantService(access, directory),
                new SyncOrgService(access, orgs, events),
                new ChangeOrgMembershipService(access, orgs, users),
                new ListOrgUsersService(access, authenticate, orgs),
                new ListUserOrgsService(access, users, orgs),
                new VerifyUserTokenService(access, authenticate),
                new GetOrgInfoService(authenticate, directory, orgs, contacts),
                new GetMemberService(authenticate, users, contacts),
                new SearchDirectoryService(authenticate, users, directory),
                new ChangeContactService(authenticate, users, contacts),
                new ValidateTokenService(persistence.tokens(), users, clock),
                new SignOutService(new DeleteTokenService(authenticate, persistence.tokens(), revocation, clock),
                        persistence.tokens(), persistence.apnsTokens()),
                new ListApplicationsService(authenticate, directory),
                appPush, shields, shields,
                new CreateQunService(authenticate, users, quns, live, presence, ids, clock, notices,
                        config.qunMaxMembers()),
                new GetQunMembersService(authenticate, users, quns),
                new RenameQunService(authenticate, users, quns, live, presence, ids, clock, notices),
                new AddQunMembersService(authenticate, users, quns, live, presence, ids, clock, notices),
                new RemoveQunMembersService(authenticate, users, quns, live, presence, ids, clock, notices),
                qunOwner, qunOwner,
                new PushPermissionService(users, persistence.pushPermissions(), clock),
                new ApnsTokenService(authenticate, persistence.apnsTokens(), clock),
                new ApnsCredentialService(directory, persistence.apnsCredentials(), gateway, clock),
                new DeliveryStatusService(access, deliveryStatus),
                new OperatorPushService(users, directory, persistence.mailbox(), live, presence, ids, clock,
                        config.messageExpire()),
                new ClearMailboxService(persistence.mailbox()),
                new CheckUpdateService(authenticate, config.clientReleases()));
    }

    private static void announceAdminKey(InitAdminKeyUseCase.Result result) {
        switch (result) {
            case InitAdminKeyUseCase.Result.Generated g -> LOG.warn(
                    "generated the admin key (shown once, only its digest is stored; set APPMSG_ADMIN_KEY to choose your own): {}",
                    g.key().value());
            case InitAdminKeyUseCase.Result.Configured c -> LOG.info("admin key taken from APPMSG_ADMIN_KEY");
            case InitAdminKeyUseCase.Result.AlreadyPresent p -> LOG.info("admin key: the one generated on first start");
        }
    }
}
