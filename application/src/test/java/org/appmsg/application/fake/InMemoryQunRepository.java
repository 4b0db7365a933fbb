package org.appmsg.application.fake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.qun.Changes;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.shared.UserId;

/**
 * Groups in memory. One lock makes every {@link #apply} atomic: the version check, the group and its notices
 * (stored through the given {@link InMemoryMailbox}) happen together. A dissolved group keeps its id and
 * version (so the id stays taken) but is no longer found. Times come from the given clock (the system clock by
 * default), moved a millisecond past the previous {@code updated} when the clock is not ahead of it.
 */
public final class InMemoryQunRepository implements QunRepository {

    private record Stored(Qun qun, long version, Instant created, Instant updated) {}

    private final InMemoryMailbox mailbox;
    private final Clock clock;
    private final Map<QunId, Stored> quns = new HashMap<>();

    public InMemoryQunRepository(InMemoryMailbox mailbox) {
        this(mailbox, Clock.systemUTC());
    }

    public InMemoryQunRepository(InMemoryMailbox mailbox, Clock clock) {
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Optional<Versioned> find(QunId id) {
        Stored s = quns.get(id);
        if (s == null || s.qun().isDissolved()) {
            return Optional.empty();
        }
        return Optional.of(new Versioned(s.qun(), s.version(), s.created(), s.updated()));
    }

    @Override
    public synchronized OptionalLong version(QunId id) {
        Stored s = quns.get(id);
        return s == null || s.qun().isDissolved() ? OptionalLong.empty() : OptionalLong.of(s.version());
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
        Instant now = Instant.ofEpochMilli(clock.millis());
        Instant updated = current == null || now.isAfter(current.updated()) ? now : current.updated().plusMillis(1);
        quns.put(after.id(), new Stored(after, version, current == null ? updated : current.created(), updated));
        List<MailboxEntry> entries = new ArrayList<>();
        for (NoticeDelivery n : notices) {
            entries.addAll(mailbox.store(n.message(), n.recipients()));
        }
        return new Applied.Done(version, updated, entries);
    }
}
