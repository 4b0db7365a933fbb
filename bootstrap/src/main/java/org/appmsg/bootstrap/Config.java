package org.appmsg.bootstrap;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.appmsg.adapter.http.HttpAdapter;
import org.appmsg.adapter.persistence.SqlPersistence;
import org.appmsg.adapter.persistence.files.HttpFileStorage;
import org.appmsg.domain.auth.LoginThrottle;
import org.appmsg.domain.message.FirstMid;
import org.appmsg.domain.net.TrustedProxies;
import org.appmsg.domain.release.ClientRelease;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.RetrySchedule;

/**
 * Every setting of the server, typed. Sources, later ones winning: built-in defaults, an optional
 * properties file ({@code --config FILE}, the same {@code APPMSG_*} keys), environment variables.
 * Unknown {@code APPMSG_*} keys and malformed values stop the start with a message naming them.
 */
public record Config(
        String httpHost, int httpPort,
        String wsHost, int wsPort,
        String tcpHost, int tcpPort,
        String adminHost, int adminPort,
        Path dataDir,
        String dbUrl, String dbUser, String dbPassword, int dbPoolSize,
        Duration dbConnectTimeout, Duration dbSocketTimeout,
        String redisUrl,
        String adminKey,
        Duration tokenTtl, Duration messageExpire, FirstMid mailboxFirstMid, int maxBodyBytes, int nodeId, int passwordIterations,
        int maxSessionsPerUser, int maxConnectionsPerKey, Duration connectionMaxLifetime, Duration heartbeatGrace,
        int maxQueuedFrames,
        Duration retentionInterval,
        Duration fileExpire, Duration fileExpiryInterval, String fileDeleteUrl, String fileDeleteMethod,
        int qunMaxMembers, ClientLimits clientLimits, LoginLimits loginLimits, List<String> corsOrigins,
        String apnsEndpoint, Optional<Path> apnsTrustCert, int apnsQueue, int apnsMaxInFlight, Cluster cluster,
        List<ClientRelease> clientReleases) {

    /**
     * How a node takes part in a cluster (docs/operations.md, "Running a cluster"); only read when
     * {@code APPMSG_REDIS_URL} is set. The public addresses ({@code host:port}) are what other nodes hand to clients
     * in {@code /1/server/get}; empty = the listener's own address, {@code 0.0.0.0} replaced by this host's name.
     * A node is dead {@code leaseTtl} after its last lease refresh, which comes every third of it.
     */
    public record Cluster(String redisPrefix, String publicHttpAddress, String publicWsAddress,
            String publicTcpAddress, Duration leaseTtl) {}

    /**
     * What one client may hold and send (docs/security.md): connections per source address on each listener
     * ({@code trustedProxies}, a comma-separated list of addresses and CIDR ranges, are exempt, and only their
     * X-Forwarded-For is believed), the time an HTTP request may take to arrive, and the rate of frames a comet
     * client may send (a token bucket: {@code frameBurst} at once, refilled at {@code frameRate} per second).
     */
    public record ClientLimits(TrustedProxies trustedProxies, int httpPerAddress, int wsPerAddress, int tcpPerAddress,
            Duration httpRequestTimeout, int frameRate, int frameBurst) {}

    /**
     * Failed sign-ins allowed before further attempts wait (docs/security.md): per account from one address,
     * per account from addresses it never signed in from, per address over accounts it never signed in to. The
     * first wait is {@code lock}, doubling with each further failure up to {@code maxLock}; failures are
     * forgotten {@code forgetAfter} after the last one.
     */
    public record LoginLimits(int perAccountAndAddress, int perAccount, int perAddress, Duration lock,
            Duration maxLock, Duration forgetAfter) {

        /** How long a successful login keeps its address known to its account (exempt from two of the counts). */
        static final Duration KNOWN_FOR = Duration.ofDays(30);

        LoginThrottle throttle() {
            return new LoginThrottle(new LoginThrottle.Allowance(perAccountAndAddress, perAccount, perAddress),
                    new RetrySchedule(lock, maxLock), forgetAfter, KNOWN_FOR);
        }
    }

    /** The shortest admin key an operator may choose. */
    static final int MIN_ADMIN_KEY = 16;

    /** The keys, their defaults and what they mean; the README's table is generated from the same words. */
    static final Map<String, String[]> KEYS = new LinkedHashMap<>();

    static {
        key("APPMSG_HTTP_HOST", "0.0.0.0", "address of the HTTP API (/app/client/..., /1/...)");
        key("APPMSG_HTTP_PORT", "8090", "port of the HTTP API; 0 = any free port");
        key("APPMSG_WS_HOST", "0.0.0.0", "address of the WebSocket gateway (/sub)");
        key("APPMSG_WS_PORT", "6968", "port of the WebSocket gateway; 0 = any free port");
        key("APPMSG_TCP_HOST", "0.0.0.0", "address of the TCP comet listener (legacy Redis-style protocol)");
        key("APPMSG_TCP_PORT", "6969", "port of the TCP comet listener; 0 = any free port");
        key("APPMSG_ADMIN_HOST", "127.0.0.1", "address of the admin API, /health, /ready, /metrics");
        key("APPMSG_ADMIN_PORT", "8091", "port of the admin listener; 0 = any free port");
        key("APPMSG_LOG_FORMAT", "text", "log lines: text (key=value) or json (one JSON object per event, stack traces included)");
        key("APPMSG_DATA_DIR", "./data", "where the embedded H2 database lives (created if missing)");
        key("APPMSG_DB_URL", "", "JDBC URL; empty = embedded H2 under the data dir; jdbc:mariadb: or jdbc:mysql: for MariaDB/MySQL, jdbc:postgresql: for PostgreSQL");
        key("APPMSG_DB_USER", "", "database user");
        key("APPMSG_DB_PASSWORD", "", "database password");
        key("APPMSG_DB_POOL_SIZE", "16", "database connections");
        key("APPMSG_DB_CONNECT_TIMEOUT_MS", "1000", "longest wait for a database connection, from the pool or a new one (250-60000); while the database is known to be down, calls fail at once");
        key("APPMSG_DB_SOCKET_TIMEOUT_MS", "10000", "MariaDB/MySQL/PostgreSQL (PostgreSQL in whole seconds, rounded up): longest wait for the answer to one statement, so a database that stops answering fails the calls in flight (0 = no limit, else at least 1000)");
        key("APPMSG_REDIS_URL", "", "Redis shared by the nodes of a cluster (redis://[user:password@]host:port[/db], rediss:// for TLS; a Redis Cluster is found by itself); empty = this node runs alone");
        key("APPMSG_REDIS_PREFIX", "appmsg", "start of every Redis key and channel name; the nodes of one cluster share it (1-64 letters, digits, '_', '.', ':' or '-')");
        key("APPMSG_PUBLIC_HTTP_ADDRESS", "", "host:port of this node's HTTP API as clients reach it (told to other nodes); empty = the listener's, 0.0.0.0 replaced by this host's name");
        key("APPMSG_PUBLIC_WS_ADDRESS", "", "host:port of this node's WebSocket gateway as clients reach it (/1/server/get?p=1 on any node may name it); empty = the listener's, 0.0.0.0 replaced by this host's name");
        key("APPMSG_PUBLIC_TCP_ADDRESS", "", "host:port of this node's TCP comet listener as clients reach it (/1/server/get?p=2); empty = the listener's, 0.0.0.0 replaced by this host's name");
        key("APPMSG_CLUSTER_LEASE_TTL", "15", "seconds after its last lease refresh (every third of it) that a silent node counts as dead: its connections leave presence and /1/server/get stops naming it (3-300)");
        key("APPMSG_ADMIN_KEY", "", "operator key, at least 16 characters; empty = generate one (256 bits) on first start, log it once, store its digest");
        key("APPMSG_TOKEN_TTL", "604800", "lifetime of a user token, seconds");
        key("APPMSG_MESSAGE_EXPIRE", "604800", "default message lifetime, seconds (a push may set its own expire; expire 0 = live only, never stored)");
        key("APPMSG_MAILBOX_FIRST_MID", "1", "where the mids of a mailbox created from now on start: 1 (1, 2, 3...), or clock = the current time in microseconds, above every mid a legacy appmsgsrv gave out before, for clients that keep a legacy mid cursor (docs/migration.md); existing mailboxes keep their sequence");
        key("APPMSG_RETENTION_INTERVAL", "60", "seconds between retention passes, which delete expired mailbox entries and messages");
        key("APPMSG_FILE_EXPIRE", "604800", "seconds after its last use (by any sender) that an uploaded file of a file, image or voice message is deleted from the file store");
        key("APPMSG_FILE_EXPIRY_INTERVAL", "3600", "seconds between file expiry passes (failed deletions are retried after 1 min, doubling, at most 1 h)");
        key("APPMSG_CLIENT_RELEASES", "", "a properties file of the client releases /app/client/device/checkUpdate offers, e.g. Android.versionCode=12, Android.versionName, Android.url, Android.description, Android.fileName (docs/migration.md); empty = none");
        key("APPMSG_FILE_DELETE_URL", "", "how to delete a file from the file store, {fid} = its id, e.g. http://weed:9333/delete?fid={fid}; empty = file expiry off (links are still recorded)");
        key("APPMSG_FILE_DELETE_METHOD", "DELETE", "HTTP method of the delete request: DELETE, GET or POST");
        key("APPMSG_MAX_BODY_BYTES", "1048576", "largest HTTP request body accepted");
        key("APPMSG_NODE_ID", "0", "0-1023, distinct per node of a cluster: part of every message id");
        key("APPMSG_MAX_SESSIONS_PER_USER", "32", "live sessions one user may have; a new session beyond it is refused (-c)");
        key("APPMSG_MAX_CONNECTIONS_PER_KEY", "64", "connections on one subscription key (legacy maxsubscriber)");
        key("APPMSG_CONNECTION_MAX_LIFETIME", "86400", "seconds a comet connection may stay open before it is closed (4003) to reconnect; 0 = no limit");
        key("APPMSG_HEARTBEAT_GRACE", "5", "seconds added to a client's heartbeat before its connection counts as dead (the idle timeout is heartbeat + grace)");
        key("APPMSG_MAX_QUEUED_FRAMES", "1024", "frames a comet connection may have waiting for its socket (8-65536); one more and it is closed with 4000 resync (the client resumes with its mid)");
        key("APPMSG_QUN_MAX_MEMBERS", "2000", "member limit of a newly created group (2-10000); existing groups keep theirs");
        key("APPMSG_CORS_ORIGINS", "", "comma-separated origins (scheme://host[:port], or *) whose web pages may call the HTTP API from a browser; empty = only the server's own pages (/web/)");
        key("APPMSG_APNS_ENDPOINT", "", "APNs server as host:port for every credential (a test server); empty = Apple's hosts, sandbox or production per credential");
        key("APPMSG_APNS_TRUST_CERT", "", "PEM file of the roots that sign the APNs server's certificate, trusted instead of the JDK's (a test server); empty = the JDK's");
        key("APPMSG_APNS_QUEUE", "100000", "message copies waiting for APNs at most; beyond it copies are not notified (counted in appmsg_apns_dropped_total)");
        key("APPMSG_APNS_MAX_IN_FLIGHT", "1000", "APNs notifications sent and not yet answered, at most");
        key("APPMSG_PASSWORD_ITERATIONS", "210000", "PBKDF2-SHA256 cost of newly stored passwords (at least 10000); weaker hashes are upgraded at login");
        key("APPMSG_TRUSTED_PROXIES", "", "comma-separated addresses or CIDR ranges of reverse proxies: their X-Forwarded-For names the client, and they are exempt from the per-address connection limits; empty = trust no header");
        key("APPMSG_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "256", "open HTTP API connections one client address may hold; more are closed at once");
        key("APPMSG_WS_MAX_CONNECTIONS_PER_ADDRESS", "1000", "open WebSocket connections one client address may hold; more are closed at once");
        key("APPMSG_TCP_MAX_CONNECTIONS_PER_ADDRESS", "1000", "open TCP comet connections one client address may hold; more are closed at once");
        key("APPMSG_HTTP_REQUEST_TIMEOUT", "10", "seconds a client has to send a whole HTTP request (headers and body), counted from connecting or from the previous answer; then the connection is closed");
        key("APPMSG_CLIENT_FRAME_RATE", "2", "client frames (heartbeats, pings) per second a comet connection may send on average; a faster client is closed (WebSocket 4029)");
        key("APPMSG_CLIENT_FRAME_BURST", "20", "client frames a comet connection may send at once before APPMSG_CLIENT_FRAME_RATE applies");
        key("APPMSG_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS", "5", "failed logins to one account from one address before each further failure locks that pair (65536)");
        key("APPMSG_LOGIN_FAILURES_PER_ACCOUNT", "20", "failed logins to one account before it is locked for addresses it has not signed in from in the last 30 days");
        key("APPMSG_LOGIN_FAILURES_PER_ADDRESS", "50", "failed logins from one address before it is locked for accounts that have not signed in from it in the last 30 days");
        key("APPMSG_LOGIN_LOCK", "1", "seconds of the first lock; each further failure doubles it");
        key("APPMSG_LOGIN_MAX_LOCK", "900", "longest lock, seconds");
        key("APPMSG_LOGIN_FORGET_AFTER", "3600", "seconds after its last failure that a count of failed logins is forgotten (at least APPMSG_LOGIN_MAX_LOCK)");
    }

    private static void key(String name, String defaultValue, String meaning) {
        KEYS.put(name, new String[] {defaultValue, meaning});
    }

    public static Config load(Map<String, String> env, Optional<Path> file) {
        Map<String, String> values = merged(env, file);
        if (!LOG_FORMATS.contains(values.get("APPMSG_LOG_FORMAT"))) {
            throw new ConfigException("APPMSG_LOG_FORMAT must be text or json (got \"" + values.get("APPMSG_LOG_FORMAT") + "\")");
        }
        Path dataDir = Path.of(values.get("APPMSG_DATA_DIR"));
        String dbUrl = values.get("APPMSG_DB_URL");
        if (dbUrl.isEmpty()) {
            dbUrl = "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("appmsg");
        } else if (!SqlPersistence.supports(dbUrl)) {
            throw new ConfigException("APPMSG_DB_URL must start with " + SqlPersistence.supportedUrlPrefixes());
        }
        String adminKey = values.get("APPMSG_ADMIN_KEY");
        if (!adminKey.isEmpty() && adminKey.length() < MIN_ADMIN_KEY) { // wrong keys are not throttled: make guessing hopeless
            throw new ConfigException("APPMSG_ADMIN_KEY must be at least " + MIN_ADMIN_KEY + " characters (empty = generate one)");
        }
        String redis = values.get("APPMSG_REDIS_URL");
        if (!redis.isEmpty() && !redis.matches("rediss?://[^\\s/]+(:\\d+)?(/\\d*)?")) {
            throw new ConfigException("APPMSG_REDIS_URL must look like redis://host:port");
        }
        Cluster cluster = cluster(values);
        String fileDeleteUrl = values.get("APPMSG_FILE_DELETE_URL").strip();
        String fileDeleteMethod = values.get("APPMSG_FILE_DELETE_METHOD").strip().toUpperCase(java.util.Locale.ROOT);
        if (!fileDeleteMethod.matches("DELETE|GET|POST")) {
            throw new ConfigException("APPMSG_FILE_DELETE_METHOD must be DELETE, GET or POST (got \"" + fileDeleteMethod + "\")");
        }
        if (!fileDeleteUrl.isEmpty()) {
            try {
                new HttpFileStorage.Settings(fileDeleteUrl, fileDeleteMethod);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("APPMSG_FILE_DELETE_URL: " + e.getMessage());
            }
        }
        String apnsEndpoint = values.get("APPMSG_APNS_ENDPOINT").strip();
        if (!apnsEndpoint.isEmpty() && !apnsEndpoint.matches("[^\\s:/]+:\\d{1,5}")) {
            throw new ConfigException("APPMSG_APNS_ENDPOINT must be host:port (got \"" + apnsEndpoint + "\")");
        }
        String trust = values.get("APPMSG_APNS_TRUST_CERT").strip();
        Optional<Path> apnsTrustCert = trust.isEmpty() ? Optional.empty() : Optional.of(Path.of(trust));
        if (apnsTrustCert.isPresent() && !java.nio.file.Files.isReadable(apnsTrustCert.get())) {
            throw new ConfigException("APPMSG_APNS_TRUST_CERT: cannot read " + trust);
        }
        return new Config(
                values.get("APPMSG_HTTP_HOST"), port(values, "APPMSG_HTTP_PORT"),
                values.get("APPMSG_WS_HOST"), port(values, "APPMSG_WS_PORT"),
                values.get("APPMSG_TCP_HOST"), port(values, "APPMSG_TCP_PORT"),
                values.get("APPMSG_ADMIN_HOST"), port(values, "APPMSG_ADMIN_PORT"),
                dataDir, dbUrl, values.get("APPMSG_DB_USER"), values.get("APPMSG_DB_PASSWORD"),
                integer(values, "APPMSG_DB_POOL_SIZE", 1, 512),
                Duration.ofMillis(integer(values, "APPMSG_DB_CONNECT_TIMEOUT_MS", 250, 60_000)),
                Duration.ofMillis(socketTimeout(values)),
                redis, adminKey,
                Duration.ofSeconds(integer(values, "APPMSG_TOKEN_TTL", 60, Integer.MAX_VALUE)),
                Duration.ofSeconds(integer(values, "APPMSG_MESSAGE_EXPIRE", 1, 365 * 24 * 3600)),
                firstMid(values),
                integer(values, "APPMSG_MAX_BODY_BYTES", 1024, 64 << 20),
                integer(values, "APPMSG_NODE_ID", 0, 1023),
                integer(values, "APPMSG_PASSWORD_ITERATIONS", 10_000, 10_000_000),
                integer(values, "APPMSG_MAX_SESSIONS_PER_USER", 1, 10_000),
                integer(values, "APPMSG_MAX_CONNECTIONS_PER_KEY", 1, 10_000),
                Duration.ofSeconds(integer(values, "APPMSG_CONNECTION_MAX_LIFETIME", 0, Integer.MAX_VALUE)),
                Duration.ofSeconds(integer(values, "APPMSG_HEARTBEAT_GRACE", 1, 600)),
                integer(values, "APPMSG_MAX_QUEUED_FRAMES", 8, 65_536),
                Duration.ofSeconds(integer(values, "APPMSG_RETENTION_INTERVAL", 1, 24 * 3600)),
                Duration.ofSeconds(integer(values, "APPMSG_FILE_EXPIRE", 1, Integer.MAX_VALUE)),
                Duration.ofSeconds(integer(values, "APPMSG_FILE_EXPIRY_INTERVAL", 1, 24 * 3600)),
                fileDeleteUrl, fileDeleteMethod,
                integer(values, "APPMSG_QUN_MAX_MEMBERS", 2, 10_000),
                clientLimits(values), loginLimits(values), corsOrigins(values.get("APPMSG_CORS_ORIGINS")),
                apnsEndpoint, apnsTrustCert,
                integer(values, "APPMSG_APNS_QUEUE", 1, 10_000_000),
                integer(values, "APPMSG_APNS_MAX_IN_FLIGHT", 1, 100_000), cluster, clientReleases(values));
    }

    private static List<ClientRelease> clientReleases(Map<String, String> values) {
        String file = values.get("APPMSG_CLIENT_RELEASES").strip();
        return file.isEmpty() ? List.of() : ClientReleasesFile.read(Path.of(file));
    }

    private static FirstMid firstMid(Map<String, String> values) {
        try {
            return FirstMid.parse(values.get("APPMSG_MAILBOX_FIRST_MID"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("APPMSG_MAILBOX_FIRST_MID " + e.getMessage());
        }
    }

    private static Cluster cluster(Map<String, String> values) {
        String prefix = values.get("APPMSG_REDIS_PREFIX").strip();
        if (!prefix.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new ConfigException("APPMSG_REDIS_PREFIX must be 1-64 letters, digits, '_', '.', ':' or '-' (got \"" + prefix + "\")");
        }
        String[] addresses = new String[3];
        String[] keys = {"APPMSG_PUBLIC_HTTP_ADDRESS", "APPMSG_PUBLIC_WS_ADDRESS", "APPMSG_PUBLIC_TCP_ADDRESS"};
        for (int i = 0; i < keys.length; i++) {
            String a = values.get(keys[i]).strip();
            if (!a.isEmpty() && !a.matches("(\\[[0-9A-Fa-f:.]{2,45}]|[A-Za-z0-9.-]{1,253}):\\d{1,5}")) {
                throw new ConfigException(keys[i] + " must be host:port (got \"" + a + "\")");
            }
            addresses[i] = a;
        }
        return new Cluster(prefix, addresses[0], addresses[1], addresses[2],
                Duration.ofSeconds(integer(values, "APPMSG_CLUSTER_LEASE_TTL", 3, 300)));
    }

    /** Whether this node is one of a cluster sharing Redis (else it runs alone, presence in memory). */
    public boolean clustered() {
        return !redisUrl.isEmpty();
    }

    /**
     * The address clients should use for a listener: {@code configured} when set, else {@code host:port} with a
     * wildcard host replaced by this machine's name (its loopback address when it has none).
     */
    static String publicAddress(String configured, String host, int port) {
        if (!configured.isEmpty()) {
            return configured;
        }
        String h = host;
        if (h.equals("0.0.0.0") || h.equals("::") || h.isEmpty()) {
            try {
                h = java.net.InetAddress.getLocalHost().getCanonicalHostName();
            } catch (java.net.UnknownHostException e) {
                h = "127.0.0.1";
            }
        }
        return (h.indexOf(':') >= 0 && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port;
    }

    private static ClientLimits clientLimits(Map<String, String> values) {
        TrustedProxies proxies;
        try {
            proxies = TrustedProxies.parse(values.get("APPMSG_TRUSTED_PROXIES"));
        } catch (DomainViolation e) {
            throw new ConfigException("APPMSG_TRUSTED_PROXIES: " + e.getMessage());
        }
        return new ClientLimits(proxies,
                integer(values, "APPMSG_HTTP_MAX_CONNECTIONS_PER_ADDRESS", 1, 1_000_000),
                integer(values, "APPMSG_WS_MAX_CONNECTIONS_PER_ADDRESS", 1, 1_000_000),
                integer(values, "APPMSG_TCP_MAX_CONNECTIONS_PER_ADDRESS", 1, 1_000_000),
                Duration.ofSeconds(integer(values, "APPMSG_HTTP_REQUEST_TIMEOUT", 1, 3600)),
                integer(values, "APPMSG_CLIENT_FRAME_RATE", 1, 1_000_000),
                integer(values, "APPMSG_CLIENT_FRAME_BURST", 1, 1_000_000));
    }

    private static LoginLimits loginLimits(Map<String, String> values) {
        Duration maxLock = Duration.ofSeconds(integer(values, "APPMSG_LOGIN_MAX_LOCK", 1, 7 * 24 * 3600));
        Duration lock = Duration.ofSeconds(integer(values, "APPMSG_LOGIN_LOCK", 1, 7 * 24 * 3600));
        Duration forget = Duration.ofSeconds(integer(values, "APPMSG_LOGIN_FORGET_AFTER", 1, 30 * 24 * 3600));
        if (lock.compareTo(maxLock) > 0) {
            throw new ConfigException("APPMSG_LOGIN_LOCK must not exceed APPMSG_LOGIN_MAX_LOCK");
        }
        if (forget.compareTo(maxLock) < 0) {
            throw new ConfigException("APPMSG_LOGIN_FORGET_AFTER must be at least APPMSG_LOGIN_MAX_LOCK");
        }
        return new LoginLimits(
                integer(values, "APPMSG_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS", 1, 1_000_000),
                integer(values, "APPMSG_LOGIN_FAILURES_PER_ACCOUNT", 1, 1_000_000),
                integer(values, "APPMSG_LOGIN_FAILURES_PER_ADDRESS", 1, 1_000_000),
                lock, maxLock, forget);
    }

    private static List<String> corsOrigins(String raw) {
        List<String> origins = Arrays.stream(raw.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList();
        try {
            HttpAdapter.Settings.defaults(() -> 0).withCorsOrigins(origins);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("APPMSG_CORS_ORIGINS: " + e.getMessage());
        }
        return origins;
    }

    public boolean embeddedDatabase() {
        return dbUrl.startsWith("jdbc:h2:");
    }

    /** For the start-up log: no password, no admin key (the listeners log their own addresses). */
    @Override
    public String toString() {
        return "node=" + nodeId + " db=" + redacted(dbUrl)
                + (redisUrl.isEmpty() ? "" : " redis=" + redacted(redisUrl));
    }

    private static final List<String> LOG_FORMATS = List.of("text", "json");

    /** Defaults, then the file, then the environment; an unknown {@code APPMSG_*} key stops here. */
    private static Map<String, String> merged(Map<String, String> env, Optional<Path> file) {
        Map<String, String> values = new HashMap<>();
        KEYS.forEach((k, v) -> values.put(k, v[0]));
        file.ifPresent(f -> values.putAll(read(f)));
        env.forEach((k, v) -> {
            if (k.startsWith("APPMSG_") && !k.startsWith("APPMSG_TEST_")) {
                values.put(k, v);
            }
        });
        for (String k : values.keySet()) {
            if (!KEYS.containsKey(k)) {
                throw new ConfigException("unknown setting " + k + " (known: " + String.join(", ", KEYS.keySet()) + ")");
            }
        }
        return values;
    }

    /** {@code url} for the log: without user info and without the values of token-, key- or password-like parameters. */
    static String redacted(String url) {
        return url.replaceAll("//[^@/]*@", "//***@")
                .replaceAll("(?i)([?&;][^=&;]*(?:token|key|secret|password|auth)[^=&;]*=)[^&;]*", "$1***");
    }

    /** One setting's value as {@link #load} would see it. */
    static String setting(Map<String, String> env, Optional<Path> file, String key) {
        return merged(env, file).get(key);
    }

    /**
     * The settings that differ from their defaults, in the order of {@link #KEYS}, for an operator to read:
     * passwords, keys and credentials inside URLs are masked.
     */
    static Map<String, String> effective(Map<String, String> env, Optional<Path> file) {
        Map<String, String> values = merged(env, file);
        Map<String, String> changed = new LinkedHashMap<>();
        KEYS.forEach((k, v) -> {
            String value = values.get(k);
            if (!value.equals(v[0])) {
                changed.put(k, masked(k, value));
            }
        });
        return changed;
    }

    static String masked(String key, String value) {
        if (value.isEmpty()) {
            return value;
        }
        if (key.endsWith("_PASSWORD") || key.endsWith("_KEY") || key.endsWith("_SECRET")) {
            return "***";
        }
        return redacted(value);
    }

    /**
     * A properties file naming every setting with its meaning and default, commented out, so that uncommenting a
     * line is the whole edit: the archive's {@code conf/appmsg.properties}.
     */
    static String template() {
        StringBuilder b = new StringBuilder();
        b.append("# appmsg configuration. Every setting, its meaning and its default; a line left commented out keeps\n")
                .append("# the default. An environment variable of the same name overrides this file. Check a change with\n")
                .append("#   bin/appmsg checkconfig\n")
                .append("# (the archive's file is generated: java -jar appmsg.jar config-template)\n");
        KEYS.forEach((k, v) -> b.append("\n# ").append(v[1]).append('\n').append("#").append(k).append('=').append(v[0]).append('\n'));
        return b.toString();
    }

    private static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).strip()));
        return m;
    }

    private static int socketTimeout(Map<String, String> values) {
        int millis = integer(values, "APPMSG_DB_SOCKET_TIMEOUT_MS", 0, 3_600_000);
        if (millis > 0 && millis < 1000) {
            throw new ConfigException("APPMSG_DB_SOCKET_TIMEOUT_MS must be 0 (no limit) or at least 1000 (got " + millis + ")");
        }
        return millis;
    }

    private static int port(Map<String, String> values, String key) {
        return integer(values, key, 0, 65535);
    }

    private static int integer(Map<String, String> values, String key, int min, int max) {
        String raw = values.get(key).strip();
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) {
                throw new ConfigException(key + " must be between " + min + " and " + max + " (got " + raw + ")");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number (got \"" + raw + "\")");
        }
    }

    /** A setting is wrong; the message names it. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
