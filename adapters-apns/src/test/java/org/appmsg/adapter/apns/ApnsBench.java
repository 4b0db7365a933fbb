package org.appmsg.adapter.apns;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.ApnsGateway;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsEnvironment;
import org.appmsg.domain.apns.ApnsScope;
import org.appmsg.domain.apns.DeviceToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bench/apns.sh: notifications/s from the Pushy gateway (one token-auth client, {@code maxInFlight} outstanding) to
 * Pushy's mock APNs server in the same process on loopback, for {@code seconds}, with the heap used at the end.
 * Arguments: {@code [seconds=10] [maxInFlight=1000]}. Prints one line: sent, accepted, rate, heap.
 */
public final class ApnsBench {

    private static final Logger LOG = LoggerFactory.getLogger(ApnsBench.class);

    private ApnsBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        TestPki pki = new TestPki();
        try (MockApns apns = new MockApns(pki);
                PushyApnsGateway gateway = new PushyApnsGateway(PushyApnsGateway.Settings.of(
                        "127.0.0.1:" + apns.port(), Optional.of(pki.caPem(Files.createTempFile("ca", ".pem"))))
                        .withMaxInFlight(inFlight))) {
            var credential = new ApnsCredential(new ApnsScope(ApnsScope.Kind.CUSTOMER, "bench"), "com.example.bench",
                    ApnsEnvironment.SANDBOX, new ApnsCredential.SigningKey(TestPki.p8(TestPki.ec()), "KEY1234567",
                            "TEAM123456"), Instant.EPOCH);
            byte[] b = new byte[32];
            ThreadLocalRandom.current().nextBytes(b);
            DeviceToken token = new DeviceToken(HexFormat.of().formatHex(b));
            String payload = "{\"aps\":{\"alert\":{\"title\":\"Alice\",\"body\":\"bench\"},\"sound\":\"default\"},"
                    + "\"msgId\":\"1\",\"mid\":1,\"from\":\"alice@user\"}";
            AtomicLong accepted = new AtomicLong();
            AtomicLong other = new AtomicLong();
            // warm-up: the connection, the JIT
            long warmEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < warmEnd) {
                gateway.send(credential, new ApnsGateway.Notification(token, payload, Instant.now().plusSeconds(60)));
            }
            long sent = 0;
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            long acceptedBefore = apns.accepted().size();
            while (System.nanoTime() < end) {
                gateway.send(credential, new ApnsGateway.Notification(token, payload, Instant.now().plusSeconds(60)))
                        .thenAccept(o -> (o instanceof ApnsGateway.Outcome.Accepted ? accepted : other)
                                .incrementAndGet());
                sent++;
            }
            while (gateway.inFlight() > 0 && System.nanoTime() < end + Duration.ofSeconds(10).toNanos()) {
                Thread.sleep(10);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            Runtime rt = Runtime.getRuntime();
            long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
            LOG.info("apns bench: sent {} in {} s, accepted {} ({} other), {} notifications/s, heap used {} MB,"
                    + " max in flight {}", sent, String.format("%.1f", elapsed), accepted.get(), other.get(),
                    Math.round(accepted.get() / elapsed), heapMb, inFlight);
            if (apns.accepted().size() - acceptedBefore < accepted.get()) {
                LOG.warn("the mock recorded fewer notifications than were accepted");
            }
        }
    }
}
