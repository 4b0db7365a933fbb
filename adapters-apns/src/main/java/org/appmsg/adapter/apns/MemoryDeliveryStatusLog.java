package org.appmsg.adapter.apns;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.appmsg.application.port.out.DeliveryStatusLog;
import org.appmsg.domain.message.DeliveryStatus;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;

/**
 * The {@link DeliveryStatusLog} in this node's memory: the most recent messages, at most {@code maxRecipients}
 * recipient records in all (the oldest messages are forgotten first), so its memory is bounded whatever the
 * traffic. Lost on restart, and each node knows the messages it stored (docs/apns.md says so). Thread-safe.
 */
public final class MemoryDeliveryStatusLog implements DeliveryStatusLog {

    public static final int DEFAULT_MAX_RECIPIENTS = 100_000;

    private static final class Message {
        final Name from;
        final Map<Name, Recipient> recipients = new LinkedHashMap<>();

        Message(Name from) {
            this.from = from;
        }
    }

    private static final class Recipient {
        final long mid;
        final int liveSessions;
        final Map<String, DeliveryStatus.Device> devices = new LinkedHashMap<>();

        Recipient(long mid, int liveSessions) {
            this.mid = mid;
            this.liveSessions = liveSessions;
        }
    }

    private final int maxRecipients;
    private final LinkedHashMap<MessageId, Message> messages = new LinkedHashMap<>();
    private int recipients;

    public MemoryDeliveryStatusLog(int maxRecipients) {
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients must be positive: " + maxRecipients);
        }
        this.maxRecipients = maxRecipients;
    }

    @Override
    public synchronized void stored(MessageId id, Name from, Name mailbox, long mid, int liveSessions) {
        Message m = messages.computeIfAbsent(id, k -> new Message(from));
        if (m.recipients.put(mailbox, new Recipient(mid, liveSessions)) == null) {
            recipients++;
        }
        Iterator<Map.Entry<MessageId, Message>> oldest = messages.entrySet().iterator();
        while (recipients > maxRecipients && oldest.hasNext()) {
            Message evicted = oldest.next().getValue();
            if (evicted == m) {
                break; // never the message being written
            }
            recipients -= evicted.recipients.size();
            oldest.remove();
        }
    }

    @Override
    public synchronized void apns(MessageId id, Name mailbox, String device, DeliveryStatus.ApnsState state,
            String detail) {
        Message m = messages.get(id);
        Recipient r = m == null ? null : m.recipients.get(mailbox);
        if (r != null) { // forgotten already: nothing to update
            r.devices.put(device, new DeliveryStatus.Device(device, state, detail));
        }
    }

    @Override
    public synchronized Optional<DeliveryStatus> find(MessageId id) {
        Message m = messages.get(id);
        if (m == null) {
            return Optional.empty();
        }
        List<DeliveryStatus.Recipient> out = new ArrayList<>(m.recipients.size());
        m.recipients.forEach((box, r) -> out.add(new DeliveryStatus.Recipient(box, r.mid, r.liveSessions,
                List.copyOf(r.devices.values()))));
        return Optional.of(new DeliveryStatus(id, m.from, out));
    }
}
