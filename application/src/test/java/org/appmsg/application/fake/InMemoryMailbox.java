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
import org.appmsg.application.port.out.MidsExhaustedException;
import org.appmsg.domain.message.FirstMid;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;

/**
 * Mailboxes in memory; one lock makes every store atomic and visible in mid order. New mailboxes start where the
 * {@link FirstMid} says; {@link #startingAt} gives another view of the same mailboxes with another start.
 */
public final class InMemoryMailbox implements Mailbox {

    /** The stored state, shared by the views of {@link #startingAt}; its monitor is the lock of all of them. */
    private static final class State {
        final Map<Long, Message> messages = new HashMap<>();
        final Map<Name, TreeMap<Long, Long>> boxes = new HashMap<>();
        final Map<Name, Long> lastMids = new HashMap<>(); // kept when purges empty a box: mids never repeat
        final Map<String, Recorded> receipts = new HashMap<>();
    }

    private final State state;
    private final FirstMid firstMid;
    private final Map<Long, Message> messages;
    private final Map<Name, TreeMap<Long, Long>> boxes;
    private final Map<Name, Long> lastMids;
    private final Map<String, Recorded> receipts;

    private record Recorded(MessageId answers, List<Receipt.Entry> entries, Instant expiresAt) {}

    /** Mids of new mailboxes start at 1. */
    public InMemoryMailbox() {
        this(new State(), FirstMid.ONE);
    }

    public InMemoryMailbox(FirstMid firstMid) {
        this(new State(), firstMid);
    }

    private InMemoryMailbox(State state, FirstMid firstMid) {
        this.state = state;
        this.firstMid = firstMid;
        this.messages = state.messages;
        this.boxes = state.boxes;
        this.lastMids = state.lastMids;
        this.receipts = state.receipts;
    }

    /** The same mailboxes, with new ones starting where {@code first} says (as a node with another setting). */
    public InMemoryMailbox startingAt(FirstMid first) {
        return new InMemoryMailbox(state, first);
    }

    @Override
    public Once storeOnce(Receipt receipt, List<Delivery> deliveries) {
        synchronized (state) {
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
    }

    @Override
    public List<List<MailboxEntry>> storeAll(List<Delivery> deliveries) {
        synchronized (state) {
            Map<Name, Long> after = new HashMap<>(); // checked before anything is stored: all or nothing
            for (Delivery delivery : deliveries) {
                for (Name owner : new LinkedHashSet<>(delivery.recipients())) {
                    Long last = after.containsKey(owner) ? after.get(owner) : lastMids.get(owner);
                    long mid = last == null ? firstMid.of(delivery.message().created()) : last + 1;
                    if (mid > MailboxEntry.MAX_MID) {
                        throw new MidsExhaustedException(owner);
                    }
                    after.put(owner, mid);
                }
            }
            List<List<MailboxEntry>> all = new ArrayList<>();
            for (Delivery delivery : deliveries) {
                List<MailboxEntry> stored = new ArrayList<>();
                if (!delivery.recipients().isEmpty()) {
                    messages.put(delivery.message().id().value(), delivery.message());
                }
                for (Name owner : new LinkedHashSet<>(delivery.recipients())) {
                    TreeMap<Long, Long> box = boxes.computeIfAbsent(owner, k -> new TreeMap<>());
                    Long last = lastMids.get(owner);
                    long mid = last == null ? firstMid.of(delivery.message().created()) : last + 1;
                    lastMids.put(owner, mid);
                    box.put(mid, delivery.message().id().value());
                    stored.add(new MailboxEntry(owner, mid, delivery.message().id(), delivery.message().json()));
                }
                all.add(stored);
            }
            return all;
        }
    }

    @Override
    public List<MailboxEntry> readAfter(Name mailbox, long afterMid, int limit, Instant now) {
        synchronized (state) {
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
    }

    @Override
    public int clear(Name mailbox) {
        synchronized (state) {
            TreeMap<Long, Long> box = boxes.remove(mailbox);
            return box == null ? 0 : box.size();
        }
    }

    @Override
    public long lastMid(Name mailbox) {
        synchronized (state) {
            return lastMids.getOrDefault(mailbox, 0L);
        }
    }

    @Override
    public Purged purgeExpired(Instant now, int maxEntries) {
        synchronized (state) {
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
    }

    /** How many distinct messages are stored (each once, whatever the recipients). */
    public int messageCount() {
        synchronized (state) {
            return messages.size();
        }
    }

    /** How many mailbox entries are stored, expired or not. */
    public int entryCount() {
        synchronized (state) {
            return boxes.values().stream().mapToInt(Map::size).sum();
        }
    }
}
