package org.appmsg.application.fake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.qun.Changes;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.shared.UserId;

/**
 * Groups in memory. One lock makes every {@link #apply} atomic: the version check, the group and its notices
 * (stored through the given {@link InMemoryMailbox}) happen together. A dissolved group keeps its id and
 * version (so the id stays taken) but is no longer found.
 */
public final class InMemoryQunRepository implements QunRepository {

    private record Stored(Qun qun, long version) {}

    private final InMemoryMailbox mailbox;
    private final Map<QunId, Stored> quns = new HashMap<>();

    public InMemoryQunRepository(InMemoryMailbox mailbox) {
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
    }

    @Override
    public synchronized Optional<Versioned> find(QunId id) {
        Stored s = quns.get(id);
        if (s == null || s.qun().isDissolved()) {
            return Optional.empty();
        }
        return Optional.of(new Versioned(s.qun(), s.version()));
    }

    @Override
    public synchronized List<QunId> qunsOf(UserId user) {
        return quns.values().stream()
                .filter(s -> s.qun().isMember(user))
                .map(s -> s.qun().id())
                .sorted((a, b) -> a.value().compareTo(b.value()))
                .toList();
    }

    @Override
    public synchronized Applied apply(Qun after, long expectedVersion, Changes changes, List<NoticeDelivery> notices) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(changes, "changes");
        Stored current = quns.get(after.id());
        if (expectedVersion == 0 ? current != null
                : current == null || current.version() != expectedVersion || current.qun().isDissolved()) {
            return new Applied.Conflict();
        }
        long version = expectedVersion + 1;
        quns.put(after.id(), new Stored(after, version));
        List<MailboxEntry> entries = new ArrayList<>();
        for (NoticeDelivery n : notices) {
            entries.addAll(mailbox.store(n.message(), n.recipients()));
        }
        return new Applied.Done(version, entries);
    }
}
