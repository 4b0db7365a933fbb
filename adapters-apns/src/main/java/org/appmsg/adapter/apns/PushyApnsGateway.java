package org.appmsg.adapter.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.appmsg.application.port.out.ApnsGateway;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsEnvironment;
import org.appmsg.domain.apns.ApnsScope;
import org.appmsg.domain.apns.ApnsVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ApnsGateway} on Pushy (HTTP/2 provider API). One long-lived {@link ApnsClient} per credential, built on
 * first use and rebuilt when the operator changes the credential; all clients share one Netty event loop thread.
 * At most {@link Settings#maxInFlight()} notifications are outstanding (a caller of {@link #send} waits for a
 * slot); retries (429, 500, 503 and lost connections: {@link ApnsVerdict#RETRY}) hold their slot and wait
 * {@code firstBackoff × 2^(attempt-1)} (±20 %, at most 30 s) up to {@link Settings#maxAttempts()} attempts in all.
 * Outcomes complete on virtual threads of this gateway, never on Netty's. Logs never carry keys, passwords or
 * whole device tokens.
 */
public final class PushyApnsGateway implements ApnsGateway {

    private static final Logger LOG = LoggerFactory.getLogger(PushyApnsGateway.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    /** Where APNs is: Apple's hosts per environment, or one test server for both. */
    public record Host(String host, int port) {
        public Host {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be within 1..65535: " + port);
            }
        }

        /** Parses {@code host:port}. */
        public static Host parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("expected host:port, got \"" + text + "\"");
            }
            try {
                return new Host(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected host:port, got \"" + text + "\"", e);
            }
        }
    }

    /**
     * @param trustedRoots a PEM file of the server certificates' roots to trust instead of the JDK's (a test
     *     server's), or empty for the JDK's
     */
    public record Settings(Host sandbox, Host production, Optional<Path> trustedRoots, int maxInFlight,
            int maxAttempts, Duration firstBackoff) {
        public static final int DEFAULT_MAX_IN_FLIGHT = 1_000;
        public static final int DEFAULT_MAX_ATTEMPTS = 5;
        public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(500);

        public Settings {
            Objects.requireNonNull(sandbox, "sandbox");
            Objects.requireNonNull(production, "production");
            Objects.requireNonNull(trustedRoots, "trustedRoots");
            Objects.requireNonNull(firstBackoff, "firstBackoff");
            if (maxInFlight < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("maxInFlight and maxAttempts must be positive");
            }
        }

        /** {@code endpoint} empty: Apple's hosts per environment; else {@code host:port} for both. */
        public static Settings of(String endpoint, Optional<Path> trustedRoots) {
            Host sandbox = new Host(ApnsClientBuilder.DEVELOPMENT_APNS_HOST, ApnsClientBuilder.DEFAULT_APNS_PORT);
            Host production = new Host(ApnsClientBuilder.PRODUCTION_APNS_HOST, ApnsClientBuilder.DEFAULT_APNS_PORT);
            if (!endpoint.isEmpty()) {
                sandbox = Host.parse(endpoint);
                production = sandbox;
            }
            return new Settings(sandbox, production, trustedRoots, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_ATTEMPTS,
                    DEFAULT_FIRST_BACKOFF);
        }

        public Settings withRetries(int maxAttempts, Duration firstBackoff) {
            return new Settings(sandbox, production, trustedRoots, maxInFlight, maxAttempts, firstBackoff);
        }

        public Settings withMaxInFlight(int maxInFlight) {
            return new Settings(sandbox, production, trustedRoots, maxInFlight, maxAttempts, firstBackoff);
        }
    }

    private record Client(ApnsCredential credential, ApnsClient client) {}

    private final Settings settings;
    private final NioEventLoopGroup eventLoop = new NioEventLoopGroup(1);
    private final Map<ApnsScope, Client> clients = new ConcurrentHashMap<>();
    private final Semaphore inFlight;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "apns-retry");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService completions = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<CompletableFuture<Outcome>, Boolean> outstanding = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public PushyApnsGateway(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.inFlight = new Semaphore(settings.maxInFlight());
    }

    /** Notifications handed over and not yet answered (for /metrics). */
    public int inFlight() {
        return settings.maxInFlight() - inFlight.availablePermits();
    }

    @Override
    public Optional<String> problemWith(ApnsCredential credential) {
        try {
            switch (credential.auth()) {
                case ApnsCredential.SigningKey k -> signingKey(k);
                case ApnsCredential.Certificate c -> {
                    KeyStore store = KeyStore.getInstance("PKCS12");
                    store.load(new ByteArrayInputStream(c.p12()), c.password().toCharArray());
                    boolean hasKey = false;
                    for (String alias : Collections.list(store.aliases())) {
                        hasKey |= store.isKeyEntry(alias);
                    }
                    if (!hasKey) {
                        return Optional.of("the .p12 holds no private key with its certificate");
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.of("the " + (credential.auth() instanceof ApnsCredential.SigningKey ? ".p8 key"
                    : ".p12 file or its password") + " does not load: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    @Override
    public CompletableFuture<Outcome> send(ApnsCredential credential, Notification notification) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.complete(new Outcome.Failed("interrupted before sending"));
            return result;
        }
        result.whenComplete((o, e) -> {
            outstanding.remove(result);
            inFlight.release();
        });
        outstanding.put(result, Boolean.TRUE);
        if (closed) {
            finish(result, new Outcome.Failed("gateway closed"));
            return result;
        }
        var push = new SimpleApnsPushNotification(notification.token().value(), credential.topic(),
                notification.payload(), notification.expiration(), DeliveryPriority.IMMEDIATE, PushType.ALERT);
        attempt(credential, push, 1, result);
        return result;
    }

    private void attempt(ApnsCredential credential, SimpleApnsPushNotification push, int attempt,
            CompletableFuture<Outcome> result) {
        if (closed) {
            finish(result, new Outcome.Failed("gateway closed"));
            return;
        }
        ApnsClient client;
        try {
            client = clientFor(credential);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            finish(result, new Outcome.Failed("APNs client for " + credential.scope() + " not built: "
                    + e.getClass().getSimpleName()));
            return;
        }
        client.sendNotification(push).whenComplete((response, error) -> {
            if (error != null) {
                retryOr(credential, push, attempt, result, new Outcome.Failed("not answered: " + describe(error)));
                return;
            }
            Outcome outcome = outcome(response);
            if (outcome instanceof Outcome.Rejected r && ApnsVerdict.of(r.status(), r.reason()) == ApnsVerdict.RETRY) {
                retryOr(credential, push, attempt, result, r);
            } else {
                finish(result, outcome);
            }
        });
    }

    private static Outcome outcome(PushNotificationResponse<SimpleApnsPushNotification> response) {
        if (response.isAccepted()) {
            return new Outcome.Accepted(String.valueOf(response.getApnsId()));
        }
        return new Outcome.Rejected(response.getStatusCode(), response.getRejectionReason().orElse(""),
                response.getTokenInvalidationTimestamp());
    }

    private void retryOr(ApnsCredential credential, SimpleApnsPushNotification push, int attempt,
            CompletableFuture<Outcome> result, Outcome last) {
        if (attempt >= settings.maxAttempts() || closed) {
            finish(result, last);
            return;
        }
        long base = Math.min(MAX_BACKOFF_MILLIS, settings.firstBackoff().toMillis() << Math.min(20, attempt - 1));
        long delay = (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        try {
            retries.schedule(() -> attempt(credential, push, attempt + 1, result), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            finish(result, last); // closing
        }
    }

    /** Completes {@code result} on a thread of this gateway: callers' callbacks never run on the event loop. */
    private void finish(CompletableFuture<Outcome> result, Outcome outcome) {
        try {
            completions.execute(() -> result.complete(outcome));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.complete(outcome);
        }
    }

    private ApnsClient clientFor(ApnsCredential credential) throws IOException, GeneralSecurityException {
        Client current = clients.get(credential.scope());
        if (current != null && current.credential().equals(credential)) {
            return current.client();
        }
        synchronized (clients) {
            current = clients.get(credential.scope());
            if (current != null && current.credential().equals(credential)) {
                return current.client();
            }
            ApnsClient built = build(credential);
            clients.put(credential.scope(), new Client(credential, built));
            if (current != null) {
                current.client().close(); // the operator replaced the credential
            }
            LOG.info("APNs client for {} ({}, {}, topic {})", credential.scope(), credential.environment().wire(),
                    credential.auth().wire(), credential.topic());
            return built;
        }
    }

    private ApnsClient build(ApnsCredential credential) throws IOException, GeneralSecurityException {
        Host host = credential.environment() == ApnsEnvironment.PRODUCTION ? settings.production() : settings.sandbox();
        ApnsClientBuilder builder = new ApnsClientBuilder().setApnsServer(host.host(), host.port())
                .setEventLoopGroup(eventLoop)
                .setConnectionTimeout(Duration.ofSeconds(10));
        if (settings.trustedRoots().isPresent()) {
            builder.setTrustedServerCertificateChain(settings.trustedRoots().get().toFile());
        }
        switch (credential.auth()) {
            case ApnsCredential.SigningKey k -> builder.setSigningKey(signingKey(k));
            case ApnsCredential.Certificate c -> builder.setClientCredentials(new ByteArrayInputStream(c.p12()),
                    c.password());
        }
        return builder.build();
    }

    private static ApnsSigningKey signingKey(ApnsCredential.SigningKey k) throws IOException, GeneralSecurityException {
        try (InputStream pem = new ByteArrayInputStream(k.pkcs8Pem().getBytes(StandardCharsets.US_ASCII))) {
            return ApnsSigningKey.loadFromInputStream(pem, k.teamId(), k.keyId());
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Closes every client and the event loop; outstanding sends complete as failed. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        retries.shutdownNow();
        CompletableFuture<?>[] closing = clients.values().stream().map(c -> c.client().close())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(5, TimeUnit.SECONDS);
        } catch (Exception e) { // a client that does not close in time is cut off with the event loop
            LOG.debug("APNs clients did not close within 5 s", e);
        }
        outstanding.keySet().forEach(f -> f.complete(new Outcome.Failed("gateway closed")));
        eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        completions.shutdown();
    }
}
