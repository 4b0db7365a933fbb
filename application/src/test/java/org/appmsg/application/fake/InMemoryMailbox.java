package org.appmsg.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.name.Name;

/** Mailboxes in memory; one lock makes every store atomic and visible in mid order. */
public final class InMemoryMailbox implements Mailbox {

    private final Map<Long, Message> messages = new HashMap<>();
    private final Map<Name, TreeMap<Long, Long>> boxes = new HashMap<>();

    @Override
    public synchronized List<MailboxEntry> store(Message message, List<Name> recipients) {
        messages.put(message.id().value(), message);
        List<MailboxEntry> stored = new ArrayList<>();
        for (Name owner : new LinkedHashSet<>(recipients)) {
            TreeMap<Long, Long> box = boxes.computeIfAbsent(owner, k -> new TreeMap<>());
            long mid = box.isEmpty() ? 1 : box.lastKey() + 1;
            box.put(mid, message.id().value());
            stored.add(new MailboxEntry(owner, mid, message.id(), message.json()));
        }
        return stored;
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

    /** How many distinct messages are stored (each once, whatever the recipients). */
    public synchronized int messageCount() {
        return messages.size();
    }
}
