package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.CountRecipientsUseCase;
import org.appmsg.application.port.in.SendMessageUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.FileLinks;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.PushPermissions;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.message.RetryWindow;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.JsonText;
import org.appmsg.domain.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User → user messages: authenticate, check the sender and the recipient, store once with an entry
 * in the recipient's and the sender's mailbox, answer after the store is durable, deliver live: to the
 * recipient's sessions the request's selector picks (R1), and to every other session of the sender.
 * A stored push that names an id of its own ({@code clientMsgId}) is stored once: the same request with the same
 * id within {@link RetryWindow#KEPT} is a retry; it gets the first answer and stores and delivers nothing. A
 * live-only message ({@code expire} 0) skips the store: its live copies have mid 0. Messages to
 * {@code @org} and {@code @tenant} need the broadcast permission: {@link DeviceBroadcast}. Each stored push
 * reports how many recipients it stored ({@link CountRecipientsUseCase}, for the usage reports).
 *
 * <p>A message that refers to an uploaded file also records the sender's link to it ({@link FileLinks#touch},
 * R20) before the answer. Failing that does not fail the push: the message is already stored, so a client
 * retry would duplicate it. The failure is logged at WARN; the file then lives on by the links it has (or,
 * with none, is never deleted): the safe side.
 */
public final class SendMessageService implements SendMessageUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(SendMessageService.class);

    private final AuthenticateUserUseCase authenticate;
    private final UserRepository users;
    private final Mailbox mailbox;
    private final LiveDelivery live;
    private final PresenceRegistry presence;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration defaultExpiry;
    private final FileLinks files;
    private final QunSnapshots groups;
    private final DeviceBroadcast broadcast;
    private final CountRecipientsUseCase counting;

    /**
     * What a message to {@code @org} or {@code @tenant} needs: who may send one, where the recipients are
     * looked up, the most distinct users one push may reach, and how many are stored and delivered at a time.
     */
    public record Broadcasting(PushPermissions permissions, OrgRepository orgs, DirectoryRepository directory,
            int maxRecipients, int batchSize) {
        public Broadcasting {
            Objects.requireNonNull(permissions, "permissions");
            Objects.requireNonNull(orgs, "orgs");
            Objects.requireNonNull(directory, "directory");
            if (maxRecipients < 1 || batchSize < 1) {
                throw new IllegalArgumentException("maxRecipients and batchSize must be positive");
            }
        }

        /** The limits of an application's push ({@link PushApplicationMessageService.Limits#defaults}). */
        public static Broadcasting defaults(PushPermissions permissions, OrgRepository orgs,
                DirectoryRepository directory) {
            return new Broadcasting(permissions, orgs, directory,
                    PushApplicationMessageService.Limits.DEFAULT_MAX_RECIPIENTS,
                    PushApplicationMessageService.Limits.DEFAULT_BATCH_SIZE);
        }
    }

    /** Without counting stored recipients. */
    public SendMessageService(AuthenticateUserUseCase authenticate, UserRepository users, Mailbox mailbox,
            LiveDelivery live, PresenceRegistry presence, IdGenerator ids, Clock clock, Duration defaultExpiry,
            FileLinks files, QunRepository quns, Broadcasting broadcasting) {
        this(authenticate, users, mailbox, live, presence, ids, clock, defaultExpiry, files, quns, broadcasting,
                CountRecipientsUseCase.NONE);
    }

    /** Reporting to {@code recipients} how many recipients each push stored, by push type. */
    public SendMessageService(AuthenticateUserUseCase authenticate, UserRepository users, Mailbox mailbox,
            LiveDelivery live, PresenceRegistry presence, IdGenerator ids, Clock clock, Duration defaultExpiry,
            FileLinks files, QunRepository quns, Broadcasting broadcasting, CountRecipientsUseCase recipients) {
        this.counting = Objects.requireNonNull(recipients, "recipients");
        this.authenticate = authenticate;
        this.users = users;
        this.mailbox = mailbox;
        this.live = live;
        this.presence = presence;
        this.ids = ids;
        this.clock = clock;
        this.defaultExpiry = defaultExpiry;
        this.files = files;
        this.groups = new QunSnapshots(quns);
        this.broadcast = new DeviceBroadcast(broadcasting, new MassDelivery(users, broadcasting.orgs(), mailbox, live,
                broadcasting.maxRecipients(), broadcasting.batchSize()), presence, files, ids, clock, defaultExpiry,
                recipients);
    }

    @Override
    public Result send(Command command) {
        Optional<AuthenticateUserUseCase.Authenticated> auth = authenticate.authenticate(command.token());
        if (auth.isEmpty()) {
            return new Result.Unauthorized();
        }
        User sender = auth.get().user();
        if (!command.from().equals(Name.of(sender.id()))) {
            return new Result.SenderMismatch(command.from());
        }
        if (command.to().kind() == Kind.QUN) {
            return sendToQun(command, sender);
        }
        if (command.to().kind() == Kind.ORG || command.to().kind() == Kind.TENANT) {
            return broadcast.send(command, sender);
        }
        if (command.to().kind() != Kind.USER) {
            return new Result.Unsupported("messages to " + command.to().kind().suffix()
                    + " are not routed yet: only @user, @qun, @org and @tenant recipients are supported by this"
                    + " server version");
        }
        Optional<User> recipient = users.findById(command.to().userId())
                .filter(u -> u.tenant().equals(sender.tenant()));
        if (recipient.isEmpty()) {
            return new Result.RecipientUnknown(command.to());
        }
        Optional<Duration> lifetime = command.lifetime().keep(defaultExpiry);
        MessageId id = ids.nextMessageId();
        String json = encode(id, command, sender, recipient.get(), lifetime.orElse(Duration.ZERO));
        return storeAndDeliver(command, sender, id, json, lifetime, List.of(command.to(), Name.of(sender.id())),
                command.sessions());
    }

    /**
     * A group message (legacy spec 7.2): only members may send (else {@link Result.NotMember}, legacy 65538). Two
     * messages are stored together ({@link Mailbox#storeAll}: both or neither). The group copy, once, with an
     * entry in every other member's mailbox, speaks as the group: {@code fromUserName} {@code {qid}@qun},
     * {@code fromDisplayName} the topic, content prefixed {@code "{fromUserName}|{sender.name}|{sender.nickName}&&"}.
     * The sender's own copy, in the sender's mailbox, is the plain message as sent ({@code fromUserName} the
     * sender, {@code toUserName} the group, the content unprefixed; {@code fromDisplayName} the topic, as legacy
     * left it). Every member's sessions get the group copy live; the sender's other sessions get the own copy.
     * The answer names the own copy (its msgID and the sender's mid), the one the sender's mailbox holds.
     */
    private Result sendToQun(Command command, User sender) {
        QunId qunId = new QunId(command.to().id());
        // another tenant's group answers as an unknown one: a sender learns nothing of other tenants
        Optional<QunSnapshots.Snapshot> group = groups.current(qunId)
                .filter(g -> g.qun().tenant().equals(sender.tenant()));
        if (group.isEmpty()) {
            return new Result.RecipientUnknown(command.to());
        }
        Qun qun = group.get().qun();
        if (!qun.canSend(sender.id())) {
            return new Result.NotMember(command.to());
        }
        Optional<Duration> lifetime = command.lifetime().keep(defaultExpiry);
        Duration kept = lifetime.orElse(Duration.ZERO);
        String topic = qun.topic();
        MessageId groupId = ids.nextMessageId();
        MessageId ownId = ids.nextMessageId();
        String prefixed = command.from() + "|" + sender.profile().name() + "|" + sender.profile().nickname() + "&&"
                + command.content();
        String groupJson = withExtras(messageJson(groupId, qunId.name(), topic, command.to(), topic, command.msgType(),
                prefixed, kept, command.deviceId()), command);
        String ownJson = withExtras(messageJson(ownId, command.from(), topic, command.to(), topic, command.msgType(),
                command.content(), kept, command.deviceId()), command);
        Name senderBox = Name.of(sender.id());
        List<Name> others = group.get().mailboxes().stream().filter(box -> !box.equals(senderBox)).toList();
        Instant now = clock.instant();
        List<List<MailboxEntry>> stored;
        if (lifetime.isPresent()) {
            Instant expires = now.plus(lifetime.get());
            List<Mailbox.Delivery> both = List.of(
                    new Mailbox.Delivery(new Message(groupId, command.from(), command.to(), groupJson, now, expires), others),
                    new Mailbox.Delivery(new Message(ownId, command.from(), command.to(), ownJson, now, expires),
                            List.of(senderBox)));
            Mailbox.Once once = storeOnce(mailbox, retryKey(command), ownId, now, both);
            if (once instanceof Mailbox.Once.Repeated first) {
                return new Result.Accepted(first.answered(), first.midIn(senderBox), command.clientMsgId());
            }
            stored = ((Mailbox.Once.Stored) once).entries();
        } else {
            stored = List.of(others.stream().map(box -> MailboxEntry.liveOnly(box, groupId, groupJson)).toList(),
                    List.of(MailboxEntry.liveOnly(senderBox, ownId, ownJson)));
        }
        if (lifetime.isPresent()) {
            counting.stored(sender.tenant(), Kind.QUN.suffix(), stored.get(0).size());
        }
        Set<SessionId> sendingDevice = sendingDevice(command, sender);
        SessionSelector all = new SessionSelector.All();
        List<LiveDelivery.Live> deliveries = new ArrayList<>(others.size() + 1);
        stored.forEach(entries -> entries.forEach(entry -> deliveries.add(live(entry, all, sendingDevice)
                .notifying(command.lifetime()))));
        live.deliver(deliveries);
        command.file().ifPresent(file -> recordLink(files, file, command.from(), now));
        return new Result.Accepted(ownId, stored.get(1).get(0).mid(), command.clientMsgId());
    }

    /**
     * Stores (unless live-only) and delivers one message to {@code boxes}, which hold the sender's mailbox: the
     * recipients' copies to the sessions {@code selector} picks, the sender's own to its other sessions.
     */
    private Result storeAndDeliver(Command command, User sender, MessageId id, String json,
            Optional<Duration> lifetime, List<Name> boxes, SessionSelector selector) {
        Set<SessionId> sendingDevice = sendingDevice(command, sender);
        Instant now = clock.instant();
        Name senderBox = Name.of(sender.id());
        List<MailboxEntry> entries;
        if (lifetime.isPresent()) {
            Mailbox.Once once = storeOnce(mailbox, retryKey(command), id, now, List.of(
                    new Mailbox.Delivery(new Message(id, command.from(), command.to(), json, now,
                            now.plus(lifetime.get())), boxes)));
            if (once instanceof Mailbox.Once.Repeated first) {
                return new Result.Accepted(first.answered(), first.midIn(senderBox), command.clientMsgId());
            }
            entries = ((Mailbox.Once.Stored) once).entries().get(0);
            // the recipient's entry: the sender's own copy is not a recipient
            counting.stored(sender.tenant(), command.to().kind().suffix(),
                    entries.stream().filter(e -> e.mailbox().equals(command.to())).count());
        } else {
            entries = boxes.stream().distinct().map(box -> MailboxEntry.liveOnly(box, id, json)).toList();
        }

        List<LiveDelivery.Live> deliveries = new ArrayList<>(entries.size());
        long senderMid = 0;
        for (MailboxEntry entry : entries) {
            boolean own = entry.mailbox().equals(senderBox);
            if (own) {
                senderMid = entry.mid();
            }
            // the recipient's copy follows the selector; the sender's own copy goes to its other sessions
            SessionSelector picks = own && !entry.mailbox().equals(command.to()) ? new SessionSelector.All() : selector;
            deliveries.add(live(entry, picks, sendingDevice).notifying(command.lifetime()));
        }
        live.deliver(deliveries);
        command.file().ifPresent(file -> recordLink(files, file, command.from(), now));
        return new Result.Accepted(id, senderMid, command.clientMsgId());
    }

    /**
     * Stores {@code deliveries} once per {@link RetryWindow retry key} (the answer naming {@code answers}), or
     * plainly when the push has none. A retry is answered by the caller from {@link Mailbox.Once.Repeated},
     * without storing or delivering anything: the first attempt did.
     */
    static Mailbox.Once storeOnce(Mailbox mailbox, Optional<String> retryKey, MessageId answers, Instant now,
            List<Mailbox.Delivery> deliveries) {
        return retryKey.isPresent()
                ? mailbox.storeOnce(new Mailbox.Receipt(retryKey.get(), answers, now, RetryWindow.keptUntil(now)),
                        deliveries)
                : new Mailbox.Once.Stored(mailbox.storeAll(deliveries));
    }

    /** The key of retries of a device's push: its sender, {@code clientMsgId} and what it sends to whom. */
    static Optional<String> retryKey(Command c) {
        return RetryWindow.key(c.from(), c.clientMsgId(), c.to() + "\n" + c.msgType() + "\n" + c.content().length()
                + ":" + c.content() + "\n" + c.objectContent());
    }

    /** The session the request came from (none when it named no device): it gets no live copy of its own push. */
    static Set<SessionId> sendingDevice(Command command, User sender) {
        return command.deviceId().isEmpty() ? Set.of() : Set.of(new SessionId(sender.id(), command.deviceId()));
    }

    /** Records the sender's file link; a storage failure is logged, never thrown (see the class comment). */
    static void recordLink(FileLinks files, FileUpload file, Name sender, Instant at) {
        try {
            files.touch(file, sender, at);
        } catch (StorageUnavailableException e) {
            LOG.warn("file link {} of {} not recorded; the message was stored and is delivered", file.fid(),
                    sender, e);
        }
    }

    private LiveDelivery.Live live(MailboxEntry entry, SessionSelector selector, Set<SessionId> sendingDevice) {
        return liveFor(presence, entry, selector, sendingDevice);
    }

    /**
     * The common fields of the message object clients receive (legacy spec 7.5), in legacy order; also used for
     * group notices. The caller may add more ({@code clientMsgId}, …), then {@code end()}.
     */
    static JsonText messageJson(MessageId id, Name from, String fromDisplayName, Name to, String toDisplayName,
            int msgType, String content, Duration lifetime, String deviceId) {
        return new JsonText()
                .string("msgId", id.toString())
                .string("fromUserName", from.toString())
                .string("fromDisplayName", fromDisplayName)
                .string("toUserName", to.toString())
                .string("toDisplayName", toDisplayName)
                .number("msgType", msgType)
                .string("content", content)
                .number("expire", lifetime.toSeconds())
                .string("deviceID", deviceId);
    }

    /**
     * The entry for the live sessions of its mailbox's user that {@code selector} picks, except {@code excluded};
     * also used for group notices.
     */
    static LiveDelivery.Live liveFor(PresenceRegistry presence, MailboxEntry entry, SessionSelector selector,
            Set<SessionId> excluded) {
        var owner = entry.mailbox().userId();
        List<Session> online = presence.sessionsOf(owner);
        if (online.isEmpty()) {
            return new LiveDelivery.Live(entry, Set.of(), List.of()); // most members of a large group: no streams
        }
        Set<SessionId> picked = new HashSet<>();
        List<SessionId> active = new ArrayList<>(online.size());
        for (Session s : online) {
            if (selector.picks(owner, s) && !excluded.contains(s.id())) {
                picked.add(s.id());
                if (s.state() == SessionState.ACTIVE) {
                    active.add(s.id());
                }
            }
        }
        return new LiveDelivery.Live(entry, picked, active);
    }

    /** The message object clients receive, with the legacy field names (legacy spec 7.5). */
    private static String encode(MessageId id, Command c, User sender, User recipient, Duration lifetime) {
        return withExtras(messageJson(id, c.from(), sender.profile().nickname(), c.to(),
                recipient.profile().nickname(), c.msgType(), c.content(), lifetime, c.deviceId()), c);
    }

    /**
     * Adds the command's {@code clientMsgId}, {@code objectContent} and {@code customFilelds} (the APNs payload's
     * custom keys, docs/apns.md), when given, and ends the object.
     */
    static String withExtras(JsonText json, Command c) {
        if (!c.clientMsgId().isEmpty()) {
            json.raw("clientMsgId", c.clientMsgId());
        }
        if (!c.objectContent().isEmpty()) {
            json.raw("objectContent", c.objectContent());
        }
        if (!c.customFields().isEmpty()) {
            json.raw("customFilelds", c.customFields());
        }
        return json.end();
    }
}
