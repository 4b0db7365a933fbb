package org.appmsg.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.appmsg.application.port.out.DeliveryStatusLog;
import org.appmsg.domain.message.DeliveryStatus;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;

/** {@link DeliveryStatusLog} in a map, written at once. */
public final class InMemoryDeliveryStatusLog implements DeliveryStatusLog {

    private record Recipient(Name from, long mid, int liveSessions, Instant keepUntil) {}

    private record Device(DeliveryStatus.Device device, Instant keepUntil) {}

    private final Map<MessageId, TreeMap<String, Recipient>> recipients = new HashMap<>();
    private final Map<MessageId, Map<String, TreeMap<String, Device>>> devices = new HashMap<>();

    @Override
    public synchronized void stored(MessageId id, Name from, Name mailbox, long mid, int liveSessions,
            Instant keepUntil) {
        recipients.computeIfAbsent(id, k -> new TreeMap<>())
                .put(mailbox.toString(), new Recipient(from, mid, liveSessions, keepUntil));
    }

    @Override
    public synchronized void apns(MessageId id, Name mailbox, String device, DeliveryStatus.ApnsState state,
            String detail, Instant keepUntil) {
        devices.computeIfAbsent(id, k -> new HashMap<>()).computeIfAbsent(mailbox.toString(), k -> new TreeMap<>())
                .put(device, new Device(new DeliveryStatus.Device(device, state, DeliveryStatusLog.keptDetail(detail)),
                        keepUntil));
    }

    @Override
    public synchronized Optional<DeliveryStatus> find(MessageId id) {
        TreeMap<String, Recipient> found = recipients.get(id);
        if (found == null || found.isEmpty()) {
            return Optional.empty();
        }
        Map<String, TreeMap<String, Device>> byBox = devices.getOrDefault(id, Map.of());
        List<DeliveryStatus.Recipient> out = new ArrayList<>();
        found.forEach((box, r) -> out.add(new DeliveryStatus.Recipient(Name.parse(box), r.mid(), r.liveSessions(),
                byBox.getOrDefault(box, new TreeMap<>()).values().stream().map(Device::device).toList())));
        return Optional.of(new DeliveryStatus(id, found.firstEntry().getValue().from(), out));
    }

    @Override
    public synchronized int purgeExpired(Instant now, int maxRecords) {
        int removed = 0;
        for (Iterator<TreeMap<String, Recipient>> m = recipients.values().iterator(); m.hasNext(); ) {
            TreeMap<String, Recipient> boxes = m.next();
            for (Iterator<Recipient> r = boxes.values().iterator(); r.hasNext() && removed < maxRecords; ) {
                if (!r.next().keepUntil().isAfter(now)) {
                    r.remove();
                    removed++;
                }
            }
            if (boxes.isEmpty()) {
                m.remove();
            }
        }
        for (Iterator<Map<String, TreeMap<String, Device>>> m = devices.values().iterator(); m.hasNext(); ) {
            Map<String, TreeMap<String, Device>> boxes = m.next();
            for (Iterator<TreeMap<String, Device>> b = boxes.values().iterator(); b.hasNext(); ) {
                TreeMap<String, Device> byDevice = b.next();
                for (Iterator<Device> d = byDevice.values().iterator(); d.hasNext() && removed < maxRecords; ) {
                    if (!d.next().keepUntil().isAfter(now)) {
                        d.remove();
                        removed++;
                    }
                }
                if (byDevice.isEmpty()) {
                    b.remove();
                }
            }
            if (boxes.isEmpty()) {
                m.remove();
            }
        }
        return removed;
    }
}
