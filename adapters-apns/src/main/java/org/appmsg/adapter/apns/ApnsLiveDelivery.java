package org.appmsg.adapter.apns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.in.NotifyDevicesUseCase;
import org.appmsg.application.port.out.LiveDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seam between the message services and APNs: a {@link LiveDelivery} that first hands every entry to the live
 * connections ({@code live}, unchanged and at once), then queues the stored copies for {@link NotifyDevicesUseCase}
 * on a thread of its own. Every service calls {@link LiveDelivery#deliver} with each stored entry after it is
 * durable, so this sees every message without any service knowing about APNs, and the request that stored it has
 * nothing more to wait for than before: one queue offer.
 *
 * <p>The queue is bounded by copies ({@code capacity}). When APNs is slow or down, the notifier blocks on the
 * gateway's in-flight bound and the queue fills; further copies are then dropped (they are stored and delivered
 * as always, only not notified), counted in {@link #dropped()} and reported in a log line at most every 10 s.
 */
public final class ApnsLiveDelivery implements LiveDelivery, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApnsLiveDelivery.class);
    /** Copies handed to the notifier in one call at most (one token query covers them). */
    static final int BATCH = 1_000;
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final LiveDelivery live;
    private final NotifyDevicesUseCase notify;
    private final int capacity;
    private final LinkedBlockingQueue<List<NotifyDevicesUseCase.Copy>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile long lastDropLog = System.nanoTime() - LOG_EVERY_NANOS;
    private volatile boolean closed;

    public ApnsLiveDelivery(LiveDelivery live, NotifyDevicesUseCase notify, int capacity) {
        this.live = Objects.requireNonNull(live, "live");
        this.notify = Objects.requireNonNull(notify, "notify");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.worker = Thread.ofPlatform().name("apns-notifier").daemon().start(this::run);
    }

    @Override
    public void deliver(List<Live> messages) {
        live.deliver(messages);
        List<NotifyDevicesUseCase.Copy> copies = new ArrayList<>(messages.size());
        for (Live m : messages) {
            // a live-only copy is not notified unless its push asked for it, so it is not queued: a live fan-out
            // of 200,000 frames/s would otherwise keep the notifier thread busy with copies it can only drop
            if (m.entry().mailbox().isUser() && (m.entry().stored() || m.notifyDevices())) {
                copies.add(new NotifyDevicesUseCase.Copy(m.entry(), m.sessions().size(), m.activeSessions(),
                        m.notifyDevices()));
            }
        }
        if (copies.isEmpty() || closed) {
            return;
        }
        if (queued.addAndGet(copies.size()) > capacity) {
            queued.addAndGet(-copies.size());
            long total = dropped.addAndGet(copies.size());
            long now = System.nanoTime();
            if (now - lastDropLog >= LOG_EVERY_NANOS) {
                lastDropLog = now;
                LOG.warn("APNs queue full ({} copies): {} copies dropped so far, their devices are not notified"
                        + " (APNs slow or unreachable?)", capacity, total);
            }
            return;
        }
        queue.add(copies);
    }

    /** Copies waiting for the notifier (for /metrics). */
    public long queued() {
        return queued.get();
    }

    /** Copies never notified because the queue was full (for /metrics). */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<List<NotifyDevicesUseCase.Copy>> taken = new ArrayList<>();
        while (!closed) {
            try {
                List<NotifyDevicesUseCase.Copy> first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                List<NotifyDevicesUseCase.Copy> batch = new ArrayList<>(first);
                while (batch.size() < BATCH && queue.peek() != null) {
                    taken.clear();
                    queue.drainTo(taken, 1);
                    taken.forEach(batch::addAll);
                }
                queued.addAndGet(-batch.size());
                notify.notify(new NotifyDevicesUseCase.Command(batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) { // storage down for a moment: these copies go unnotified, the next are tried
                LOG.warn("APNs notifications of a batch not sent", e);
            }
        }
    }

    /** Stops the notifier; what is still queued is not notified. Idempotent. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
