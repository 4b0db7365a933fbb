package org.appmsg.adapter.apns;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Pushy's {@link MockApnsServer} on a loopback port with a scripted answer per device token: accept (the default),
 * reject with a reason, answer 410 Unregistered with a timestamp, or answer 503 a number of times first. Records
 * every notification it accepted, with how the client authenticated (bearer token or client certificate).
 * {@link #answerDelay} makes it slow (it sleeps on its own event loop thread, as a saturated APNs would be slow).
 */
public final class MockApns implements AutoCloseable {

    /** What the server accepted. {@code auth}: "token" (an authorization header) or "certificate:CN=…". */
    public record Received(String token, String topic, String payload, String auth) {}

    private final TestPki pki;
    private final NioEventLoopGroup loop = new NioEventLoopGroup(1);
    private final ConcurrentLinkedQueue<Received> accepted = new ConcurrentLinkedQueue<>();
    private final Map<String, RejectionReason> rejections = new ConcurrentHashMap<>();
    private final Map<String, Instant> unregistered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unavailable = new ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile Duration answerDelay = Duration.ZERO;
    private final int port;
    private volatile MockApnsServer server;

    public MockApns(TestPki pki) {
        this(pki, freePort());
    }

    public MockApns(TestPki pki, int port) {
        this.pki = pki;
        this.port = port;
        start();
    }

    /** (Re)starts listening on the same port. */
    public synchronized void start() {
        try {
            byte[] caPem = ("-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                    pki.ca.getEncoded()) + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
            server = new MockApnsServerBuilder()
                    .setServerCredentials(new X509Certificate[] {pki.server, pki.ca}, pki.serverKey.getPrivate(), null)
                    .setTrustedClientCertificateChain(new ByteArrayInputStream(caPem))
                    .setEventLoopGroup(loop)
                    .setHandlerFactory(this::handler)
                    .build();
            server.start(port).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops listening and drops every connection. */
    public synchronized void stop() {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public List<Received> accepted() {
        return List.copyOf(accepted);
    }

    /** Every notification that arrived, accepted or not, retries included. */
    public int attempts() {
        return attempts.get();
    }

    public void reject(String token, RejectionReason reason) {
        rejections.put(token, reason);
    }

    public void unregistered(String token, Instant since) {
        unregistered.put(token, since);
    }

    /** The next {@code times} notifications to {@code token} are answered 503 ServiceUnavailable. */
    public void unavailable(String token, int times) {
        unavailable.put(token, new AtomicInteger(times));
    }

    public void answerDelay(Duration delay) {
        answerDelay = delay;
    }

    private PushNotificationHandler handler(SSLSession session) {
        String auth;
        try {
            auth = "certificate:" + ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName();
        } catch (SSLPeerUnverifiedException e) {
            auth = "token";
        }
        String how = auth;
        return (headers, payload) -> {
            attempts.incrementAndGet();
            if (!answerDelay.isZero()) {
                try {
                    Thread.sleep(answerDelay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String path = headers.path().toString();
            String token = path.substring(path.lastIndexOf('/') + 1);
            if (how.equals("token") && headers.get("authorization") == null) {
                throw new RejectedNotificationException(RejectionReason.MISSING_PROVIDER_TOKEN);
            }
            AtomicInteger busy = unavailable.get(token);
            if (busy != null && busy.getAndDecrement() > 0) {
                throw new RejectedNotificationException(RejectionReason.SERVICE_UNAVAILABLE);
            }
            RejectionReason reason = rejections.get(token);
            if (reason != null) {
                throw new RejectedNotificationException(reason);
            }
            Instant since = unregistered.get(token);
            if (since != null) {
                throw new UnregisteredDeviceTokenException(since);
            }
            CharSequence topic = headers.get("apns-topic");
            accepted.add(new Received(token, topic == null ? "" : topic.toString(),
                    payload.toString(StandardCharsets.UTF_8), how));
        };
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // already stopped
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
