package org.appmsg.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.appmsg.application.port.out.AdminKeyStore;
import org.appmsg.application.port.out.ApnsCredentialStore;
import org.appmsg.application.port.out.ApnsTokenStore;
import org.appmsg.application.port.out.ContactRepository;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.FileLinks;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.PasswordHasher;
import org.appmsg.application.port.out.PushPermissions;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.application.port.out.ShieldRepository;
import org.appmsg.application.port.out.StorageHealth;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.application.port.out.TokenStore;
import org.appmsg.application.port.out.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL store of appmsg: H2 (embedded mode) or MySQL 8 / MariaDB 10.11 (cluster mode), reached through one
 * HikariCP pool, migrated by Flyway at start, and offered as the driven ports below.
 *
 * <p>{@link #start} returns only once the schema is current. Every port method may be called from any thread;
 * database failures surface as {@link StorageUnavailableException}. {@link #close} first writes what the
 * mailbox, the user upserts and the org member links have accepted, then closes the pool; the ports fail
 * after it.
 */
public final class SqlPersistence implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqlPersistence.class);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
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
    private final JooqApnsTokenStore apnsTokens;
    private final JooqApnsCredentialStore apnsCredentials;
    private final JooqFileLinks fileLinks;
    private final JooqAdminKeyStore adminKeys;
    private final JooqQunRepository quns;
    private final JooqStorageHealth health;
    private final Pbkdf2PasswordHasher passwordHasher;
    private final SecureIds ids;

    /**
     * Where and how to connect.
     *
     * <p>{@code jdbcUrl} starts with {@code jdbc:h2:}, {@code jdbc:mariadb:} or {@code jdbc:mysql:}; that prefix
     * picks the driver and the SQL dialect. An H2 URL must run H2 as MySQL with lower-case identifiers, because
     * the one migration script is written for that: {@code MODE=MySQL} and {@code DATABASE_TO_LOWER=TRUE} are
     * added when missing (other values are refused), and so is {@code DB_CLOSE_ON_EXIT=FALSE}, so that H2's
     * shutdown hook cannot close the database before {@link #close} has flushed the mailbox. For example
     * {@code jdbc:h2:file:./data/appmsg;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}.
     *
     * <p>An empty {@code user} or {@code password} is not passed to the driver, so credentials may also come
     * in the URL. {@code poolSize} is the most connections the store opens (at least 2; the mailbox, user
     * and org member writers each hold one while they commit a batch, so more than their six lets requests
     * read meanwhile). {@code nodeId} (0-1023) is part of every message id this node creates: nodes sharing
     * one database must have distinct ids. {@code passwordIterations} is the PBKDF2 cost of newly hashed
     * passwords (stored hashes keep theirs and are upgraded at the next login).
     *
     * @throws IllegalArgumentException for another kind of URL, an H2 URL with conflicting settings, or a
     *     smaller pool
     */
    public record Settings(String jdbcUrl, String user, String password, int poolSize, int nodeId,
            int passwordIterations) {

        /** Node 0 and the default password hashing cost: a single node, or tests. */
        public Settings(String jdbcUrl, String user, String password, int poolSize) {
            this(jdbcUrl, user, password, poolSize, 0, DEFAULT_PASSWORD_ITERATIONS);
        }

        public Settings {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
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
        }

        /** The password stays out of logs. */
        @Override
        public String toString() {
            return "Settings[jdbcUrl=" + redacted(jdbcUrl) + ", user=" + user + ", poolSize=" + poolSize + ", nodeId=" + nodeId + "]";
        }
    }

    private SqlPersistence(HikariDataSource pool, Backend backend, Clock clock, Settings settings) {
        this.pool = pool;
        this.backend = backend;
        Database db = new Database(pool, backend.dialect);
        this.mailbox = JooqMailbox.start(db, GroupCommit.DEFAULT_MAX_BATCH);
        this.users = new JooqUserRepository(db, clock);
        this.tokens = new JooqTokenStore(db, clock);
        this.directory = new JooqDirectoryRepository(db, clock);
        this.orgs = new JooqOrgRepository(db, clock);
        this.contacts = new JooqContactRepository(db, clock);
        this.shields = new JooqShieldRepository(db, clock);
        this.pushPermissions = new JooqPushPermissions(db);
        this.apnsTokens = new JooqApnsTokenStore(db);
        this.apnsCredentials = new JooqApnsCredentialStore(db);
        this.fileLinks = new JooqFileLinks(db, clock);
        this.adminKeys = new JooqAdminKeyStore(db, clock);
        this.quns = new JooqQunRepository(db, mailbox, clock);
        this.health = new JooqStorageHealth(db, HEALTH_TIMEOUT);
        this.ids = new SecureIds(clock, settings.nodeId());
        this.passwordHasher = new Pbkdf2PasswordHasher(settings.passwordIterations());
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
            pool = new HikariDataSource(poolConfig(settings, backend));
        } catch (RuntimeException e) { // Hikari fails fast when the first connection cannot be made
            throw new StorageUnavailableException("cannot connect to " + redacted(settings.jdbcUrl()), e);
        }
        try {
            Migrations.apply(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw new StorageUnavailableException("cannot migrate " + redacted(settings.jdbcUrl()), e);
        }
        log.info("SQL store ready: {} ({})", redacted(settings.jdbcUrl()), backend.dialect);
        return new SqlPersistence(pool, backend, clock, settings);
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

    public ApnsTokenStore apnsTokens() {
        return apnsTokens;
    }

    public ApnsCredentialStore apnsCredentials() {
        return apnsCredentials;
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

    public StorageHealth health() {
        return health;
    }

    public PasswordHasher passwordHasher() {
        return passwordHasher;
    }

    public IdGenerator ids() {
        return ids;
    }

    /** The SQL dialect in use, for logs: {@code H2}, {@code MARIADB} or {@code MYSQL}. */
    public String dialect() {
        return backend.dialect.name();
    }

    /**
     * The counts of the login throttle, in this node's memory (at most {@code capacity} keys, the least recently
     * used forgotten first). Not in the database: they change on every failed login, matter for minutes, and the
     * cluster release moves them to the shared Redis with the presence.
     */
    public static LoginAttempts localLoginAttempts(int capacity) {
        return new LocalLoginAttempts(capacity);
    }

    /** Flushes and stops the mailbox, user and org member writers, then closes the pool. Idempotent. */
    @Override
    public void close() {
        mailbox.close();
        users.close();
        orgs.close();
        pool.close();
    }

    /** A JDBC URL may carry a password as a parameter; logs and messages get it masked. */
    static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static HikariConfig poolConfig(Settings settings, Backend backend) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("appmsg-sql");
        config.setDriverClassName(backend.driver);
        config.setJdbcUrl(settings.jdbcUrl());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis()); // fail a request rather than queue it long
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED"); // fewer gap locks on InnoDB; H2's default
        return config;
    }
}
