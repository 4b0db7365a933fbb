package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.appmsg.application.port.in.PushAsOperatorUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageFields;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.UserId;

/**
 * The operator's push: looks the targets' users and applications up (two reads, whatever the number of keys), stores
 * the message once for the known ones' mailboxes (one {@link Mailbox#store}, all or nothing), then hands every entry
 * to {@link LiveDelivery}. A mailbox named by its plain key reaches all its user's sessions; one named only by
 * session keys reaches those sessions (and, as always, the user's session-less connections).
 *
 * <p>The stored message records as its sender the object's own {@code fromUserName} when that is a name, else its
 * first recipient: the operator is nobody's user. Devices are notified as for any stored message, by the object's
 * {@code fromUserName} and {@code content}; an object without a {@code fromUserName} notifies nobody.
 */
public final class OperatorPushService implements PushAsOperatorUseCase {

    private final UserRepository users;
    private final DirectoryRepository directory;
    private final Mailbox mailbox;
    private final LiveDelivery live;
    private final PresenceRegistry presence;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration defaultExpiry;

    public OperatorPushService(UserRepository users, DirectoryRepository directory, Mailbox mailbox, LiveDelivery live,
            PresenceRegistry presence, IdGenerator ids, Clock clock, Duration defaultExpiry) {
        this.users = users;
        this.directory = directory;
        this.mailbox = mailbox;
        this.live = live;
        this.presence = presence;
        this.ids = ids;
        this.clock = clock;
        this.defaultExpiry = defaultExpiry;
    }

    @Override
    public Result push(Command command) {
        Set<UserId> knownUsers = users.findByIds(command.targets().stream().map(Target::mailbox)
                .filter(Name::isUser).map(Name::userId).distinct().toList()).keySet();
        Map<Name, Boolean> knownApps = new HashMap<>();
        List<Target> known = new ArrayList<>();
        List<Target> unknown = new ArrayList<>();
        for (Target t : command.targets()) {
            boolean exists = t.mailbox().isUser() ? knownUsers.contains(t.mailbox().userId())
                    : knownApps.computeIfAbsent(t.mailbox(),
                            n -> directory.findApplication(new AppId(n.id())).isPresent());
            (exists ? known : unknown).add(t);
        }
        MessageId id = ids.nextMessageId();
        if (known.isEmpty()) {
            return new Result.Pushed(id, List.of(), unknown);
        }
        // per mailbox: null = every session (a plain key named it), else the sessions its session keys name
        Map<Name, Set<SessionId>> sessions = new LinkedHashMap<>();
        for (Target t : known) {
            if (t.session().isEmpty()) {
                sessions.put(t.mailbox(), null);
            } else if (!sessions.containsKey(t.mailbox()) || sessions.get(t.mailbox()) != null) {
                sessions.computeIfAbsent(t.mailbox(), m -> new HashSet<>()).add(t.session().get());
            }
        }
        List<Name> mailboxes = List.copyOf(sessions.keySet());
        List<MailboxEntry> entries = store(id, command, mailboxes);
        Map<Name, Long> mids = new HashMap<>();
        List<LiveDelivery.Live> handOver = new ArrayList<>(entries.size());
        for (MailboxEntry entry : entries) {
            mids.put(entry.mailbox(), entry.mid());
            handOver.add(liveCopy(entry, sessions.get(entry.mailbox())).notifying(command.lifetime()));
        }
        live.deliver(handOver);
        return new Result.Pushed(id, known.stream().map(t -> new Delivered(t, mids.get(t.mailbox()))).toList(),
                unknown);
    }

    private List<MailboxEntry> store(MessageId id, Command command, List<Name> mailboxes) {
        Optional<Duration> keep = command.lifetime().keep(defaultExpiry);
        if (keep.isEmpty()) {
            return mailboxes.stream().map(m -> MailboxEntry.liveOnly(m, id, command.json())).toList();
        }
        Instant now = clock.instant();
        var message = new Message(id, sender(command.json(), mailboxes.get(0)), mailboxes.get(0), command.json(), now,
                now.plus(keep.get()));
        return mailbox.store(message, mailboxes);
    }

    private LiveDelivery.Live liveCopy(MailboxEntry entry, Set<SessionId> only) {
        if (!entry.mailbox().isUser()) {
            return new LiveDelivery.Live(entry, Set.of(), List.of());
        }
        SessionSelector selector = only == null ? new SessionSelector.All() : new SessionSelector.Only(only);
        return SendMessageService.liveFor(presence, entry, selector, Set.of());
    }

    /** The object's {@code fromUserName} when it is a name, else {@code fallback}. */
    private static Name sender(String json, Name fallback) {
        try {
            return Name.parse(MessageFields.read(json).fromUserName());
        } catch (DomainViolation e) {
            return fallback;
        }
    }
}
