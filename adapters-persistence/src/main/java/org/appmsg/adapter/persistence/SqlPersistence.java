package org.appmsg.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.appmsg.application.port.out.AdminKeyStore;
import org.appmsg.application.port.out.ApnsCredentialStore;
import org.appmsg.application.port.out.ApnsTokenStore;
import org.appmsg.application.port.out.ContactRepository;
import org.appmsg.application.port.out.DeliveryStatusLog;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.FileLinks;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.PasswordHasher;
import org.appmsg.application.port.out.PushPermissions;
import org.appmsg.application.port.out.QuotaPermissions;
import org.appmsg.application.port.out.QuotaStore;
import org.appmsg.application.port.out.UsageLedger;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.application.port.out.ShieldRepository;
import org.appmsg.application.port.out.StorageHealth;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.application.port.out.TokenStore;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.message.FirstMid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL store of appmsg: H2 (embedded mode), MySQL 8 / MariaDB 10.11 or PostgreSQL 15 (cluster mode), reached
 * through one
 * HikariCP pool, migrated by Flyway at start, and offered as the driven ports below.
 *
 * <p>{@link #start} returns only once the schema is current. Every port method may be called from any thread;
 * database failures surface as {@link StorageUnavailableException}. A port method that wrote returns only once
 * its writes are durable: at commit on MariaDB/MySQL and PostgreSQL, after {@link H2Durability} forced them to disk on the embedded H2
 * store (one flush shared by concurrent writers). While the database is known to be down
 * ({@link StorageAvailability}, kept by {@link StorageProbe}), port methods fail at once. {@link #close} first
 * writes what the delivery status log, the mailbox, the user upserts and the org member links have accepted, then
 * closes the pool; the ports fail after it.
 */
public final class SqlPersistence implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqlPersistence.class);
    /** How often the probe checks a database that is up, and one that is down. */
    private static final Duration PROBE_WHILE_UP = Duration.ofSeconds(1);
    private static final Duration PROBE_WHILE_DOWN = Duration.ofMillis(200);
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_PASSWORD_ITERATIONS = Pbkdf2PasswordHasher.DEFAULT_ITERATIONS;
    public static final int MIN_PASSWORD_ITERATIONS = 10_000;

    private final HikariDataSource pool;
    private final Backend backend;
    private final JooqMailbox mailbox;
    private final JooqUserRepository users;
    private final JooqTokenStore tokens;
    private final JooqDirectoryRepository directory;
    private final JooqOrgRepository orgs;
    private final JooqContactRepository contacts;
    private final JooqShieldRepository shields;
    private final JooqPushPermissions pushPermissions;
    private final JooqQuotaPermissions quotaPermissions;
    private final JooqQuotaStore quotas;
    private final JooqUsageLedger usage;
    private final JooqApnsTokenStore apnsTokens;
    private final JooqApnsCredentialStore apnsCredentials;
    private final JooqDeliveryStatusLog deliveryStatus;
    private final JooqFileLinks fileLinks;
    private final JooqAdminKeyStore adminKeys;
    private final JooqQunRepository quns;
    private final StorageAvailability availability;
    private final StorageProbe probe;
    private final H2Durability embedded; // closed last (that closes the H2 database); null on MariaDB/MySQL
    private final Pbkdf2PasswordHasher passwordHasher;
    private final SecureIds ids;

    /**
     * Where and how to connect.
     *
     * <p>{@code jdbcUrl} starts with {@code jdbc:h2:}, {@code jdbc:mariadb:}, {@code jdbc:mysql:} or
     * {@code jdbc:postgresql:}; that prefix picks the driver, the SQL dialect and the migration scripts
     * ({@link Backend}). An H2 URL must run H2 as MySQL with lower-case identifiers, because
     * it shares MariaDB's migration scripts, written for that: {@code MODE=MySQL} and {@code DATABASE_TO_LOWER=TRUE} are
     * added when missing (other values are refused), and so is {@code DB_CLOSE_ON_EXIT=FALSE}, so that H2's
     * shutdown hook cannot close the database before {@link #close} has flushed the mailbox. For example
     * {@code jdbc:h2:file:./data/appmsg;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}. H2 runs
     * embedded (a file or in-memory URL, not H2's TCP server).
     *
     * <p>An empty {@code user} or {@code password} is not passed to the driver, so credentials may also come
     * in the URL. {@code poolSize} is the most connections the store opens (at least 2; the mailbox, user
     * and org member writers each hold one while they commit a batch, so more than their six lets requests
     * read meanwhile). {@code nodeId} (0-1023) is part of every message id this node creates: nodes sharing
     * one database must have distinct ids. {@code passwordIterations} is the PBKDF2 cost of newly hashed
     * passwords (stored hashes keep theirs and are upgraded at the next login).
     *
     * <p>{@code connectTimeout} (at least 250 ms) bounds the wait for a connection: for a free one from the pool
     * and for opening a new one (the driver's {@code connectTimeout}). {@code socketTimeout} (the driver's
     * {@code socketTimeout}, which PostgreSQL's counts in whole seconds, rounded up; {@link Duration#ZERO} = none) bounds the wait for the database's answer to one
     * statement, so a database that stops answering without closing its connections fails the calls in flight
     * after that long; schema migrations at start are exempt. A timeout already in the URL is kept.
     *
     * <p>{@code firstMid} is where the mids of a mailbox this node creates start ({@link FirstMid}); nodes sharing
     * one database should agree on it.
     *
     * @throws IllegalArgumentException for another kind of URL, an H2 URL with conflicting settings, a smaller
     *     pool or a timeout out of range
     */
    public record Settings(String jdbcUrl, String user, String password, int poolSize, int nodeId,
            int passwordIterations, Duration connectTimeout, Duration socketTimeout, FirstMid firstMid) {

        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
        public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(10);
        /** HikariCP's floor for its timeouts. */
        public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(250);

        /** Node 0 and the default password hashing cost: a single node, or tests. */
        public Settings(String jdbcUrl, String user, String password, int poolSize) {
            this(jdbcUrl, user, password, poolSize, 0, DEFAULT_PASSWORD_ITERATIONS);
        }

        /** The default timeouts. */
        public Settings(String jdbcUrl, String user, String password, int poolSize, int nodeId,
                int passwordIterations) {
            this(jdbcUrl, user, password, poolSize, nodeId, passwordIterations, DEFAULT_CONNECT_TIMEOUT,
                    DEFAULT_SOCKET_TIMEOUT);
        }

        /** New mailboxes' mids start at 1. */
        public Settings(String jdbcUrl, String user, String password, int poolSize, int nodeId,
                int passwordIterations, Duration connectTimeout, Duration socketTimeout) {
            this(jdbcUrl, user, password, poolSize, nodeId, passwordIterations, connectTimeout, socketTimeout,
                    FirstMid.ONE);
        }

        public Settings {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(socketTimeout, "socketTimeout");
            Objects.requireNonNull(firstMid, "firstMid");
            Backend backend = Backend.of(jdbcUrl);
            if (backend == Backend.H2) {
                jdbcUrl = H2Url.withRequiredSettings(jdbcUrl);
            }
            if (poolSize < 2) {
                throw new IllegalArgumentException("poolSize must be at least 2: " + poolSize);
            }
            if (nodeId < 0 || nodeId > SecureIds.MAX_NODE) {
                throw new IllegalArgumentException("nodeId must be within 0.." + SecureIds.MAX_NODE + ": " + nodeId);
            }
            if (passwordIterations < MIN_PASSWORD_ITERATIONS) {
                throw new IllegalArgumentException("passwordIterations must be at least " + MIN_PASSWORD_ITERATIONS);
            }
            if (connectTimeout.compareTo(MIN_CONNECT_TIMEOUT) < 0) {
                throw new IllegalArgumentException("connectTimeout must be at least " + MIN_CONNECT_TIMEOUT.toMillis()
                        + " ms: " + connectTimeout.toMillis());
            }
            if (socketTimeout.isNegative()) {
                throw new IllegalArgumentException("socketTimeout must not be negative: " + socketTimeout);
            }
        }

        /** The same settings with these timeouts. */
        public Settings withTimeouts(Duration connect, Duration socket) {
            return new Settings(jdbcUrl, user, password, poolSize, nodeId, passwordIterations, connect, socket,
                    firstMid);
        }

        /** The same settings with new mailboxes' mids starting where {@code first} says. */
        public Settings withFirstMid(FirstMid first) {
            return new Settings(jdbcUrl, user, password, poolSize, nodeId, passwordIterations, connectTimeout,
                    socketTimeout, first);
        }

        /** The password stays out of logs. */
        @Override
        public String toString() {
            return "Settings[jdbcUrl=" + redacted(jdbcUrl) + ", user=" + user + ", poolSize=" + poolSize
                    + ", nodeId=" + nodeId + ", connectTimeout=" + connectTimeout.toMillis() + "ms, socketTimeout="
                    + socketTimeout.toMillis() + "ms, firstMid=" + firstMid.text() + "]";
        }
    }

    private SqlPersistence(HikariDataSource pool, Backend backend, Clock clock, Settings settings,
            StorageAvailability availability, StorageProbe probe, Durability durability, H2Durability embedded) {
        this.pool = pool;
        this.backend = backend;
        this.availability = availability;
        this.probe = probe;
        this.embedded = embedded;
        Database db = new Database(new GuardedDataSource(pool, availability), backend, durability, availability);
        this.mailbox = JooqMailbox.start(db, GroupCommit.DEFAULT_MAX_BATCH, settings.firstMid());
        this.users = new JooqUserRepository(db, clock);
        this.tokens = new JooqTokenStore(db, clock);
        this.directory = new JooqDirectoryRepository(db, clock);
        this.orgs = new JooqOrgRepository(db, clock);
        this.contacts = new JooqContactRepository(db, clock);
        this.shields = new JooqShieldRepository(db, clock);
        this.pushPermissions = new JooqPushPermissions(db);
        this.quotaPermissions = new JooqQuotaPermissions(db);
        this.quotas = new JooqQuotaStore(db);
        this.usage = new JooqUsageLedger(db);
        this.apnsTokens = new JooqApnsTokenStore(db);
        this.apnsCredentials = new JooqApnsCredentialStore(db);
        this.deliveryStatus = new JooqDeliveryStatusLog(db, JooqDeliveryStatusLog.DEFAULT_CAPACITY);
        this.fileLinks = new JooqFileLinks(db, clock);
        this.adminKeys = new JooqAdminKeyStore(db, clock);
        this.quns = new JooqQunRepository(db, mailbox, clock);
        this.ids = new SecureIds(clock, settings.nodeId());
        this.passwordHasher = new Pbkdf2PasswordHasher(settings.passwordIterations());
    }

    /** Whether {@code jdbcUrl} names a database this store runs on (by its prefix; see {@link Settings}). */
    public static boolean supports(String jdbcUrl) {
        return Arrays.stream(Backend.values()).anyMatch(b -> jdbcUrl.startsWith(b.prefix));
    }

    /** The supported URL prefixes, for messages: {@code jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:}. */
    public static String supportedUrlPrefixes() {
        return Backend.prefixes();
    }

    /** Connects, migrates the schema and starts the mailbox writer, with the system clock. */
    public static SqlPersistence start(Settings settings) {
        return start(settings, Clock.systemUTC());
    }

    /**
     * Like {@link #start(Settings)}, with {@code clock} for the created/updated times the store records.
     *
     * @throws StorageUnavailableException when the database cannot be reached or migrated
     */
    public static SqlPersistence start(Settings settings, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Backend backend = Backend.of(settings.jdbcUrl());
        HikariDataSource pool;
        try {
            pool = SqlConnections.pool(settings, backend);
        } catch (RuntimeException e) { // Hikari fails fast when the first connection cannot be made
            throw new StorageUnavailableException("cannot connect to " + redacted(settings.jdbcUrl()), e);
        }
        H2Durability embedded = null;
        StorageProbe probe = null;
        try {
            SqlConnections.migrate(settings, backend);
            Durability durability = Durability.AT_COMMIT;
            if (backend == Backend.H2 && !settings.jdbcUrl().startsWith("jdbc:h2:mem:")) {
                embedded = H2Durability.open(settings.jdbcUrl(), settings.user(), settings.password());
                durability = embedded;
                durability.awaitDurable(); // the migrations, too
            } else if (backend != Backend.H2) {
                SqlConnections.warnUnlessCommitsAreDurable(pool, backend);
            }
            StorageAvailability availability = new StorageAvailability(clock,
                    up -> SqlConnections.keepIdleConnections(pool, settings, up));
            probe = StorageProbe.start(() -> SqlConnections.open(settings, backend), availability, PROBE_WHILE_UP,
                    PROBE_WHILE_DOWN);
            log.info("SQL store ready: {} ({}; {})", redacted(settings.jdbcUrl()), backend.dialect,
                    durabilityNote(backend, settings));
            return new SqlPersistence(pool, backend, clock, settings, availability, probe, durability, embedded);
        } catch (RuntimeException e) {
            if (probe != null) {
                probe.close();
            }
            pool.close();
            if (embedded != null) {
                embedded.close();
            }
            throw e instanceof StorageUnavailableException ? e
                    : new StorageUnavailableException("cannot migrate " + redacted(settings.jdbcUrl()), e);
        }
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public UserRepository users() {
        return users;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public DirectoryRepository directory() {
        return directory;
    }

    public OrgRepository orgs() {
        return orgs;
    }

    public ContactRepository contacts() {
        return contacts;
    }

    public ShieldRepository shields() {
        return shields;
    }

    /** Who may push to {@code @org} and {@code @tenant}; read on every such push, never cached. */
    public PushPermissions pushPermissions() {
        return pushPermissions;
    }

    /** The quota rows and customers' time zones; read whole every few seconds by each node. */
    public QuotaPermissions quotaPermissions() {
        return quotaPermissions;
    }

    public QuotaStore quotas() {
        return quotas;
    }

    /** Usage counts per tenant, counter, key and day; written by each node's meter about once a second. */
    public UsageLedger usage() {
        return usage;
    }

    public ApnsTokenStore apnsTokens() {
        return apnsTokens;
    }

    public ApnsCredentialStore apnsCredentials() {
        return apnsCredentials;
    }

    /**
     * Per-message delivery status, written behind by a thread of its own: recording never waits for the database;
     * at most {@value JooqDeliveryStatusLog#DEFAULT_CAPACITY} records wait, further ones are dropped (counted in
     * {@link #deliveryStatusDropped()}, logged at most every 10 s). {@link #close} writes what waits.
     */
    public DeliveryStatusLog deliveryStatus() {
        return deliveryStatus;
    }

    /** Delivery status records waiting to be written (for /metrics). */
    public long deliveryStatusQueued() {
        return deliveryStatus.queued();
    }

    /** Delivery status records never stored: the queue was full or the database refused them (for /metrics). */
    public long deliveryStatusDropped() {
        return deliveryStatus.dropped();
    }

    public FileLinks fileLinks() {
        return fileLinks;
    }

    public AdminKeyStore adminKeys() {
        return adminKeys;
    }

    /** Groups; their notices go to the mailboxes of {@link #mailbox()}, in the group change's transaction. */
    public QunRepository quns() {
        return quns;
    }

    /** Whether the database answers, from the state the background probe keeps: answers at once. */
    public StorageHealth health() {
        return availability;
    }

    public PasswordHasher passwordHasher() {
        return passwordHasher;
    }

    public IdGenerator ids() {
        return ids;
    }

    /** The SQL dialect in use, for logs: {@code H2}, {@code MARIADB}, {@code MYSQL} or {@code POSTGRES}. */
    public String dialect() {
        return backend.dialect.name();
    }

    /**
     * The counts of the login throttle, in this node's memory (at most {@code capacity} keys, the least recently
     * used forgotten first): a node alone, and a node of a cluster while Redis is away. Not in the database: they
     * change on every failed login and matter for minutes; a cluster shares them in Redis
     * ({@code RedisPresence.loginAttempts}).
     */
    public static LoginAttempts localLoginAttempts(int capacity) {
        return new LocalLoginAttempts(capacity);
    }

    /**
     * Flushes and stops the delivery status, mailbox, user and org member writers, then stops the probe and closes the pool (an
     * embedded H2 database is closed last, which writes and compacts its file). Idempotent.
     */
    @Override
    public void close() {
        deliveryStatus.close();
        mailbox.close();
        users.close();
        orgs.close();
        availability.markClosed();
        probe.close();
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    /** A JDBC URL may carry a password as a parameter; logs and messages get it masked. */
    static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String durabilityNote(Backend backend, Settings settings) {
        if (backend != Backend.H2) {
            return "commits durable at the database";
        }
        if (settings.jdbcUrl().startsWith("jdbc:h2:mem:")) {
            return "in memory: nothing survives the process";
        }
        return "acknowledged writes forced to disk";
    }
}
