package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.SendMessageUseCase;
import org.appmsg.application.port.out.FileLinks;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
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
 * A live-only message ({@code expire} 0) skips the store: its live copies have mid 0.
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
    private final QunRepository quns;

    public SendMessageService(AuthenticateUserUseCase authenticate, UserRepository users, Mailbox mailbox,
            LiveDelivery live, PresenceRegistry presence, IdGenerator ids, Clock clock, Duration defaultExpiry,
            FileLinks files, QunRepository quns) {
        this.authenticate = authenticate;
        this.users = users;
        this.mailbox = mailbox;
        this.live = live;
        this.presence = presence;
        this.ids = ids;
        this.clock = clock;
        this.defaultExpiry = defaultExpiry;
        this.files = files;
        this.quns = quns;
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
        if (command.to().kind() != Kind.USER) {
            return new Result.Unsupported("messages to " + command.to().kind().suffix()
                    + " are not routed yet: only @user and @qun recipients are supported by this server version");
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
     * A group message (legacy spec 7.2): only members may send (else {@link Result.NotMember}, legacy 65538). It is
     * stored once with an entry in every member's mailbox, the sender's included, as the group speaking:
     * {@code fromUserName} {@code {qid}@qun}, {@code fromDisplayName} the topic and the legacy prefixed content
     * {@code "{fromUserName}|{sender.name}|{sender.nickName}&&{text}"} (the sender's copy too: legacy sent its
     * other devices a plain copy). Every member's sessions get it live, except the sending device.
     */
    private Result sendToQun(Command command, User sender) {
        QunId qunId = new QunId(command.to().id());
        Optional<Qun> qun = quns.find(qunId).map(QunRepository.Versioned::qun);
        if (qun.isEmpty()) {
            return new Result.RecipientUnknown(command.to());
        }
        if (!qun.get().canSend(sender.id())) {
            return new Result.NotMember(command.to());
        }
        Optional<Duration> lifetime = command.lifetime().keep(defaultExpiry);
        MessageId id = ids.nextMessageId();
        String content = command.from() + "|" + sender.profile().name() + "|" + sender.profile().nickname() + "&&"
                + command.content();
        String json = withExtras(messageJson(id, qunId.name(), qun.get().topic(), command.to(), qun.get().topic(),
                command.msgType(), content, lifetime.orElse(Duration.ZERO), command.deviceId()), command);
        List<Name> boxes = qun.get().memberIds().stream().map(Name::of).toList();
        return storeAndDeliver(command, sender, id, json, lifetime, boxes, new SessionSelector.All());
    }

    /**
     * Stores (unless live-only) and delivers one message to {@code boxes}, which hold the sender's mailbox: the
     * recipients' copies to the sessions {@code selector} picks, the sender's own to its other sessions.
     */
    private Result storeAndDeliver(Command command, User sender, MessageId id, String json,
            Optional<Duration> lifetime, List<Name> boxes, SessionSelector selector) {
        Set<SessionId> sendingDevice = command.deviceId().isEmpty()
                ? Set.of() : Set.of(new SessionId(sender.id(), command.deviceId()));
        Instant now = clock.instant();
        Name senderBox = Name.of(sender.id());
        List<MailboxEntry> entries = lifetime.isPresent()
                ? mailbox.store(new Message(id, command.from(), command.to(), json, now, now.plus(lifetime.get())),
                        boxes)
                : boxes.stream().distinct().map(box -> MailboxEntry.liveOnly(box, id, json)).toList();

        List<LiveDelivery.Live> deliveries = new ArrayList<>(entries.size());
        long senderMid = 0;
        for (MailboxEntry entry : entries) {
            boolean own = entry.mailbox().equals(senderBox);
            if (own) {
                senderMid = entry.mid();
            }
            // the recipient's copy follows the selector; the sender's own copy goes to its other sessions
            SessionSelector picks = own && !entry.mailbox().equals(command.to()) ? new SessionSelector.All() : selector;
            deliveries.add(live(entry, picks, sendingDevice));
        }
        live.deliver(deliveries);
        command.file().ifPresent(file -> recordLink(files, file, command.from(), now));
        return new Result.Accepted(id, senderMid, command.clientMsgId());
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
        List<Session> picked = presence.sessionsOf(owner).stream()
                .filter(s -> selector.picks(owner, s) && !excluded.contains(s.id()))
                .toList();
        return new LiveDelivery.Live(entry,
                picked.stream().map(Session::id).collect(Collectors.toSet()),
                picked.stream().filter(s -> s.state() == SessionState.ACTIVE).map(Session::id).toList());
    }

    /** The message object clients receive, with the legacy field names (legacy spec 7.5). */
    private static String encode(MessageId id, Command c, User sender, User recipient, Duration lifetime) {
        return withExtras(messageJson(id, c.from(), sender.profile().nickname(), c.to(),
                recipient.profile().nickname(), c.msgType(), c.content(), lifetime, c.deviceId()), c);
    }

    /** Adds the command's {@code clientMsgId} and {@code objectContent}, when given, and ends the object. */
    private static String withExtras(JsonText json, Command c) {
        if (!c.clientMsgId().isEmpty()) {
            json.raw("clientMsgId", c.clientMsgId());
        }
        if (!c.objectContent().isEmpty()) {
            json.raw("objectContent", c.objectContent());
        }
        return json.end();
    }
}
