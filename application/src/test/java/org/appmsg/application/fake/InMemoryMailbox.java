package org.appmsg.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;

/** Mailboxes in memory; one lock makes every store atomic and visible in mid order. */
public final class InMemoryMailbox implements Mailbox {

    private final Map<Long, Message> messages = new HashMap<>();
    private final Map<Name, TreeMap<Long, Long>> boxes = new HashMap<>();
    private final Map<Name, Long> lastMids = new HashMap<>(); // kept when purges empty a box: mids never repeat
    private final Map<String, Recorded> receipts = new HashMap<>();

    private record Recorded(MessageId answers, List<Receipt.Entry> entries, Instant expiresAt) {}

    @Override
    public synchronized Once storeOnce(Receipt receipt, List<Delivery> deliveries) {
        Instant now = receipt.at();
        Recorded before = receipts.get(receipt.key());
        if (before != null && before.expiresAt().isAfter(now) && !before.answers().equals(receipt.answers())) {
            return new Once.Repeated(before.answers(), before.entries());
        }
        List<List<MailboxEntry>> stored = storeAll(deliveries);
        List<Receipt.Entry> entries = new ArrayList<>();
        if (before != null && before.answers().equals(receipt.answers())) {
            entries.addAll(before.entries());
        }
        for (int i = 0; i < deliveries.size(); i++) {
            if (deliveries.get(i).message().id().equals(receipt.answers())) {
                stored.get(i).forEach(e -> entries.add(new Receipt.Entry(e.mailbox(), e.mid())));
            }
        }
        receipts.put(receipt.key(), new Recorded(receipt.answers(), List.copyOf(entries), receipt.expiresAt()));
        return new Once.Stored(stored);
    }

    @Override
    public synchronized List<List<MailboxEntry>> storeAll(List<Delivery> deliveries) {
        List<List<MailboxEntry>> all = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            List<MailboxEntry> stored = new ArrayList<>();
            if (!delivery.recipients().isEmpty()) {
                messages.put(delivery.message().id().value(), delivery.message());
            }
            for (Name owner : new LinkedHashSet<>(delivery.recipients())) {
                TreeMap<Long, Long> box = boxes.computeIfAbsent(owner, k -> new TreeMap<>());
                long mid = lastMids.merge(owner, 1L, Long::sum);
                box.put(mid, delivery.message().id().value());
                stored.add(new MailboxEntry(owner, mid, delivery.message().id(), delivery.message().json()));
            }
            all.add(stored);
        }
        return all;
    }

    @Override
    public synchronized List<MailboxEntry> readAfter(Name mailbox, long afterMid, int limit, Instant now) {
        List<MailboxEntry> page = new ArrayList<>();
        for (var e : boxes.getOrDefault(mailbox, new TreeMap<>()).tailMap(afterMid, false).entrySet()) {
            Message m = messages.get(e.getValue());
            if (m.expiredAt(now)) {
                continue;
            }
            page.add(new MailboxEntry(mailbox, e.getKey(), m.id(), m.json()));
            if (page.size() == limit) {
                break;
            }
        }
        return page;
    }

    @Override
    public synchronized int clear(Name mailbox) {
        TreeMap<Long, Long> box = boxes.remove(mailbox);
        return box == null ? 0 : box.size();
    }

    @Override
    public synchronized long lastMid(Name mailbox) {
        return lastMids.getOrDefault(mailbox, 0L);
    }

    @Override
    public synchronized Purged purgeExpired(Instant now, int maxEntries) {
        int entries = 0;
        Map<Long, Integer> references = new HashMap<>();
        for (TreeMap<Long, Long> box : boxes.values()) {
            for (Iterator<Long> it = box.values().iterator(); it.hasNext(); ) {
                long messageId = it.next();
                if (entries < maxEntries && messages.get(messageId).expiredAt(now)) {
                    it.remove();
                    entries++;
                } else {
                    references.merge(messageId, 1, Integer::sum);
                }
            }
        }
        int removed = 0;
        for (Iterator<Message> it = messages.values().iterator(); it.hasNext() && removed < maxEntries; ) {
            Message m = it.next();
            if (m.expiredAt(now) && !references.containsKey(m.id().value())) {
                it.remove();
                removed++;
            }
        }
        receipts.values().removeIf(r -> !r.expiresAt().isAfter(now));
        return new Purged(entries, removed);
    }

    /** How many distinct messages are stored (each once, whatever the recipients). */
    public synchronized int messageCount() {
        return messages.size();
    }

    /** How many mailbox entries are stored, expired or not. */
    public synchronized int entryCount() {
        return boxes.values().stream().mapToInt(Map::size).sum();
    }
}
