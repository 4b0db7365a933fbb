package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.QunResult;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.application.port.out.QunRepository.Applied;
import org.appmsg.application.port.out.QunRepository.NoticeDelivery;
import org.appmsg.application.port.out.QunRepository.Versioned;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.qun.Notice;
import org.appmsg.domain.qun.Outcome;
import org.appmsg.domain.qun.Person;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;

/**
 * What the group services share (package-private; the group services of this package are its only users):
 * authenticate, resolve listed users, decide on the group as read, apply
 * optimistically (re-read and decide again on a conflict, up to {@link #ATTEMPTS} times), then hand the stored
 * notices to live sessions. Notices are messages with {@code msgType} 51 from {@code {qid}@qun}, named after the
 * topic after the change, kept for the server's default message lifetime (docs/groups.md §3).
 */
final class QunDesk {

    /** Decisions tried before giving up on a group that keeps changing under us. */
    static final int ATTEMPTS = 5;
    static final int NOTICE_TYPE = 51;

    private final AuthenticateUserUseCase authenticate;
    private final UserRepository users;
    private final QunRepository quns;
    private final LiveDelivery live;
    private final PresenceRegistry presence;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration lifetime;

    QunDesk(AuthenticateUserUseCase authenticate, UserRepository users, QunRepository quns, LiveDelivery live,
            PresenceRegistry presence, IdGenerator ids, Clock clock, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("notices must be kept for some time, not " + lifetime);
        }
        this.authenticate = authenticate;
        this.users = users;
        this.quns = quns;
        this.live = live;
        this.presence = presence;
        this.ids = ids;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    private Optional<User> caller(Secret token) {
        return authenticate.authenticate(token).map(AuthenticateUserUseCase.Authenticated::user);
    }

    static Person person(User user) {
        return new Person(user.id(), user.tenant(), user.profile().nickname());
    }

    /**
     * {@code then} with the token's user and the listed users as persons (looked up together); or why not: an
     * unknown or expired token ({@code Unauthorized}), else the first listed user in list order that is unknown or
     * of another tenant than the caller ({@code NotFound}, the same answer for both: a caller learns nothing of
     * other tenants).
     */
    QunResult withListed(Secret token, List<UserId> listed, BiFunction<User, List<Person>, QunResult> then) {
        Optional<User> caller = caller(token);
        if (caller.isEmpty()) {
            return new QunResult.Unauthorized();
        }
        TenantId tenant = caller.get().tenant();
        Map<UserId, User> found = users.findByIds(listed);
        List<Person> people = new ArrayList<>(listed.size());
        for (UserId id : listed) {
            User user = found.get(id);
            if (user == null || !user.tenant().equals(tenant)) {
                return new QunResult.NotFound("user " + id + " does not exist");
            }
            people.add(person(user));
        }
        return then.apply(caller.get(), people);
    }

    /** A new group under a fresh id; a taken id (conflict) is retried with another. */
    QunResult create(Function<QunId, Outcome> decide) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            QunId id = new QunId(ids.newEntityId());
            Outcome outcome = decide.apply(id);
            Optional<QunResult> result = settle(Optional.empty(), outcome);
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw conflict("a new group id");
    }

    /**
     * {@link #change} decided by the token's user ({@code decide} gets his id and the group as read); an unknown
     * or expired token is {@code Unauthorized}.
     */
    QunResult changeAs(Secret token, QunId id, BiFunction<UserId, Qun, Outcome> decide) {
        Optional<User> caller = caller(token);
        if (caller.isEmpty()) {
            return new QunResult.Unauthorized();
        }
        UserId actor = caller.get().id();
        return change(id, caller.get().tenant(), qun -> decide.apply(actor, qun));
    }

    /**
     * Decides on the group as read and applies, re-reading on a conflict. A group of another tenant than
     * {@code callerTenant} is {@code NotFound}, as an unknown one.
     */
    QunResult change(QunId id, TenantId callerTenant, Function<Qun, Outcome> decide) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Versioned> found = visible(quns, id, callerTenant);
            if (found.isEmpty()) {
                return notFound(id);
            }
            Outcome outcome = decide.apply(found.get().qun());
            Optional<QunResult> result = settle(found, outcome);
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw conflict("group " + id);
    }

    /** The group as stored, unless it is of another tenant than the caller's: then, as an unknown one, none. */
    static Optional<Versioned> visible(QunRepository quns, QunId id, TenantId callerTenant) {
        return quns.find(id).filter(v -> v.qun().tenant().equals(callerTenant));
    }

    static QunResult notFound(QunId id) {
        return new QunResult.NotFound("group " + id.name() + " does not exist");
    }

    private static StorageUnavailableException conflict(String what) {
        return new StorageUnavailableException(what + " kept changing concurrently (" + ATTEMPTS + " attempts); retry",
                null);
    }

    /**
     * The result of the outcome decided on {@code before} (empty: a new group), or empty after a conflict
     * (nothing was written).
     */
    private Optional<QunResult> settle(Optional<Versioned> before, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Refused r -> Optional.of(new QunResult.Refused(r.reason(), r.message()));
            case Outcome.Unchanged u -> {
                Versioned read = before.orElseThrow(() -> new IllegalStateException("a new group is a change"));
                yield Optional.of(done(users, u.qun(), read.created(), read.updated()));
            }
            case Outcome.Changed c -> {
                long version = before.map(Versioned::version).orElse(0L);
                Applied applied = quns.apply(c.qun(), version, c.changes(), notices(before.map(Versioned::qun), c));
                yield switch (applied) {
                    case Applied.Conflict conflict -> Optional.empty();
                    case Applied.Done d -> {
                        deliver(d.entries());
                        Instant created = before.map(Versioned::created).orElse(d.updated());
                        yield Optional.of(done(users, c.qun(), created, d.updated()));
                    }
                };
            }
        };
    }

    private List<NoticeDelivery> notices(Optional<Qun> before, Outcome.Changed changed) {
        Map<UserId, String> nicknames = new HashMap<>();
        before.ifPresent(q -> q.members().forEach(m -> nicknames.put(m.user(), m.nickname())));
        changed.qun().members().forEach(m -> nicknames.put(m.user(), m.nickname()));
        Name from = changed.qun().id().name();
        String topic = changed.qun().topic();
        Instant now = clock.instant();
        List<NoticeDelivery> out = new ArrayList<>(changed.notices().size());
        for (Notice notice : changed.notices()) {
            MessageId id = ids.nextMessageId();
            Name to = Name.of(notice.recipient());
            String json = SendMessageService.messageJson(id, from, topic, to, nicknames.getOrDefault(notice.recipient(), ""),
                    NOTICE_TYPE, notice.text(), lifetime, "").end();
            out.add(new NoticeDelivery(new Message(id, from, to, json, now, now.plus(lifetime)), List.of(to)));
        }
        return out;
    }

    private void deliver(List<MailboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        SessionSelector all = new SessionSelector.All();
        List<LiveDelivery.Live> deliveries = new ArrayList<>(entries.size());
        for (MailboxEntry entry : entries) {
            deliveries.add(SendMessageService.liveFor(presence, entry, all, Set.of()));
        }
        live.deliver(deliveries);
    }

    /** The group as read, with the users of its members in join order. */
    static QunResult.Done done(UserRepository users, Versioned read) {
        return done(users, read.qun(), read.created(), read.updated());
    }

    /** The group with the users of its members (looked up together), in join order. */
    private static QunResult.Done done(UserRepository users, Qun qun, Instant created, Instant updated) {
        List<User> members = List.copyOf(users.findByIds(qun.memberIds()).values());
        return new QunResult.Done(qun, members, created, updated);
    }
}
