package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase.Granted;
import org.appmsg.application.port.in.CountRecipientsUseCase;
import org.appmsg.application.port.in.PushApplicationMessageUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.FileLinks;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.application.port.out.ShieldRepository;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.message.RetryWindow;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.JsonText;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.Tenant;
import org.appmsg.domain.user.User;

/**
 * Application → users (legacy 7.4), in three steps:
 *
 * <ol>
 *   <li><b>Check</b> every name: it must exist and lie in the application's scope ({@code @app}: an application
 *       of the pusher's own tenant); the first name that does not ends the request with nothing stored.
 *   <li><b>Expand</b> to distinct recipients: {@code @org} walks the org's subtree org by org, {@code @tenant}
 *       pages through the tenant's user ids, {@code @qun} is the group's members (legacy 7.4 reached them
 *       too; the group must be of a tenant in the application's scope, and its members get the application's
 *       message as it is, not a group-prefixed copy); more than {@link Limits#maxRecipients()} ends the request with
 *       nothing stored. Only ids are held, so even the cap costs a few megabytes.
 *   <li><b>Deliver</b> in batches of {@link Limits#batchSize()}: one shield query per batch drops the users
 *       who shield the application, one {@link Mailbox#store} appends the batch (the message row is written
 *       once: later batches store the same message again, which only adds entries), one
 *       {@link LiveDelivery#deliver} hands the batch to live connections. Each recipient's sessions are looked
 *       up once. A live-only message ({@code expire} 0) skips the store: its copies have mid 0. So no
 *       transaction spans the whole audience, and a failure mid-way leaves the earlier batches stored (their
 *       recipients have the message; the caller sees a storage failure and may retry). A push with a
 *       {@code statusId} is stored once: the same request with the same {@code statusId} within
 *       {@link RetryWindow#KEPT} is a retry; it gets the first answer (the recipients its stored batches
 *       reached) and stores and delivers nothing.
 * </ol>
 *
 * The expansion of {@code @org} / {@code @tenant} and the batched delivery are {@link MassDelivery}'s, shared
 * with a device's push to those names.
 *
 * The message is encoded once for all recipients: it carries no per-recipient {@code toUserName}. A message
 * that refers to an uploaded file records the application's link to it once every batch is stored, as
 * {@link SendMessageService} does (a failure to record it is logged, not returned).
 */
public final class PushApplicationMessageService implements PushApplicationMessageUseCase {

    /** Where recipients are looked up. */
    public record Directory(UserRepository users, OrgRepository orgs, DirectoryRepository directory,
            QunRepository quns) {
        public Directory {
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(orgs, "orgs");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(quns, "quns");
        }
    }

    /**
     * Where the message goes: the mailboxes, the live sessions of this node, and the file links of a message
     * that refers to an uploaded file.
     */
    public record FanOut(Mailbox mailbox, LiveDelivery live, PresenceRegistry presence, FileLinks files) {
        public FanOut {
            Objects.requireNonNull(mailbox, "mailbox");
            Objects.requireNonNull(live, "live");
            Objects.requireNonNull(presence, "presence");
            Objects.requireNonNull(files, "files");
        }
    }

    /**
     * @param defaultExpiry the lifetime of a message pushed without {@code expire}
     * @param maxRecipients the most distinct recipients one push may reach
     * @param batchSize recipients per mailbox store, shield query and live hand-over
     */
    public record Limits(Duration defaultExpiry, int maxRecipients, int batchSize) {
        public static final int DEFAULT_MAX_RECIPIENTS = 100_000;
        public static final int DEFAULT_BATCH_SIZE = 1_000;

        public Limits {
            Objects.requireNonNull(defaultExpiry, "defaultExpiry");
            if (maxRecipients < 1 || batchSize < 1) {
                throw new IllegalArgumentException("maxRecipients and batchSize must be positive");
            }
        }

        public static Limits defaults(Duration defaultExpiry) {
            return new Limits(defaultExpiry, DEFAULT_MAX_RECIPIENTS, DEFAULT_BATCH_SIZE);
        }
    }

    private final AuthenticateApplicationService access;
    private final Directory lookup;
    private final ShieldRepository shields;
    private final FanOut fanOut;
    private final IdGenerator ids;
    private final Clock clock;
    private final Limits limits;
    private final MassDelivery mass;
    private final CountRecipientsUseCase counting;

    /** Without counting stored recipients. */
    public PushApplicationMessageService(AuthenticateApplicationService access, Directory lookup,
            ShieldRepository shields, FanOut fanOut, IdGenerator ids, Clock clock, Limits limits) {
        this(access, lookup, shields, fanOut, ids, clock, limits, CountRecipientsUseCase.NONE);
    }

    /** Reporting to {@code recipients} how many recipients each push stored (push type {@code @app}). */
    public PushApplicationMessageService(AuthenticateApplicationService access, Directory lookup,
            ShieldRepository shields, FanOut fanOut, IdGenerator ids, Clock clock, Limits limits,
            CountRecipientsUseCase recipients) {
        this.counting = Objects.requireNonNull(recipients, "recipients");
        this.access = access;
        this.lookup = lookup;
        this.shields = shields;
        this.fanOut = fanOut;
        this.ids = ids;
        this.clock = clock;
        this.limits = limits;
        this.mass = new MassDelivery(lookup.users(), lookup.orgs(), fanOut.mailbox(), fanOut.live(),
                limits.maxRecipients(), limits.batchSize());
    }

    @Override
    public Result push(Command command) {
        Optional<Granted> granted = access.authenticate(command.token());
        if (granted.isEmpty()) {
            return new Result.Unauthorized();
        }
        if (command.to().size() > Command.MAX_NAMES) {
            return new Result.TooMany("toUserNames lists " + command.to().size() + " names; at most "
                    + Command.MAX_NAMES + " are allowed");
        }
        List<Name> names = List.copyOf(new LinkedHashSet<>(command.to()));
        // the named users looked up together, not one read per name (up to MAX_NAMES of them)
        Map<UserId, User> namedUsers = lookup.users().findByIds(
                names.stream().filter(Name::isUser).map(Name::userId).toList());
        List<Target> targets = new ArrayList<>(names.size());
        for (Name name : names) {
            Checked checked = check(granted.get(), name, namedUsers);
            if (checked instanceof Checked.Refused refused) {
                return refused.result();
            }
            targets.add(((Checked.Found) checked).target());
        }
        Set<Name> recipients = new LinkedHashSet<>();
        for (Target target : targets) {
            if (!expand(target, recipients)) {
                return new Result.TooMany("the recipients number more than " + limits.maxRecipients()
                        + "; split the push");
            }
        }
        return deliver(command, granted.get().application(), List.copyOf(recipients));
    }

    /** A resolved name: who it reaches. */
    private sealed interface Target {
        record OneUser(UserId user) implements Target {}

        record OneApp(AppId app) implements Target {}

        record Subtree(OrgId org, TenantId tenant) implements Target {}

        record WholeTenant(TenantId tenant) implements Target {}

        record Group(List<UserId> members) implements Target {}
    }

    private sealed interface Checked {
        record Found(Target target) implements Checked {}

        record Refused(Result result) implements Checked {}
    }

    /** {@code users}: the named users that exist, read beforehand. */
    private Checked check(Granted granted, Name name, Map<UserId, User> users) {
        return switch (name.kind()) {
            case USER -> {
                User user = users.get(name.userId());
                yield user != null && access.covers(granted, user.tenant())
                        ? found(new Target.OneUser(user.id()))
                        : notFound("user", name);
            }
            case ORG -> {
                Optional<Org> org = lookup.orgs().find(new OrgId(name.id()))
                        .filter(o -> access.covers(granted, o.tenant()));
                yield org.isPresent()
                        ? found(new Target.Subtree(org.get().id(), org.get().tenant()))
                        : notFound("org", name);
            }
            case TENANT -> {
                // the tenant is read already: no second read of it for a customer-wide application
                Optional<Tenant> tenant = lookup.directory().findTenant(new TenantId(name.id()))
                        .filter(t -> access.covers(granted, t));
                yield tenant.isPresent() ? found(new Target.WholeTenant(tenant.get().id())) : notFound("tenant", name);
            }
            case APP -> {
                // an application's mailbox is reachable from its own tenant only, even with customer scope
                Optional<Application> app = lookup.directory().findApplication(new AppId(name.id()))
                        .filter(a -> a.tenant().equals(granted.tenant()));
                yield app.isPresent() ? found(new Target.OneApp(app.get().id())) : notFound("application", name);
            }
            case QUN -> {
                // read once: the members the check passes are the members the push reaches
                Optional<Qun> qun = lookup.quns().find(new QunId(name.id())).map(QunRepository.Versioned::qun)
                        .filter(q -> access.covers(granted, q.tenant()));
                yield qun.isPresent() ? found(new Target.Group(qun.get().memberIds())) : notFound("group", name);
            }
        };
    }

    private static Checked found(Target target) {
        return new Checked.Found(target);
    }

    /**
     * An unknown name, or one outside the application's scope: one answer for both, so an application learns
     * nothing of other tenants.
     */
    private static Checked notFound(String kind, Name name) {
        return new Checked.Refused(new Result.NotFound(kind + " " + name.id() + " does not exist"));
    }

    /** Adds the target's recipients; false as soon as there are more than the cap. */
    private boolean expand(Target target, Set<Name> recipients) {
        switch (target) {
            case Target.OneUser one -> recipients.add(Name.of(one.user()));
            case Target.OneApp app -> recipients.add(new Name(app.app().value(), Kind.APP));
            case Target.Subtree subtree -> {
                return mass.addSubtree(subtree.org(), subtree.tenant(), recipients);
            }
            case Target.WholeTenant tenant -> {
                return mass.addTenant(tenant.tenant(), recipients);
            }
            case Target.Group group -> group.members().forEach(member -> recipients.add(Name.of(member)));
        }
        return recipients.size() <= limits.maxRecipients();
    }

    private Result deliver(Command command, Application app, List<Name> recipients) {
        Optional<Duration> lifetime = command.lifetime().keep(limits.defaultExpiry());
        Instant now = clock.instant();
        MessageId id = ids.nextMessageId();
        Name from = new Name(app.id().value(), Kind.APP);
        Duration keep = lifetime.orElse(Duration.ZERO);
        var message = new MassDelivery.Outgoing(id, from, command.to().get(0), encode(id, command, from, app, keep),
                now, keep, retryKey(from, command));
        MassDelivery.Delivered delivered = mass.deliver(message, recipients,
                batch -> withoutShielders(app.id(), batch), entry -> live(entry, command));
        if (delivered instanceof MassDelivery.Delivered.Retry retry) {
            return new Result.Pushed(retry.first().answered(), retry.first().entries().stream()
                    .map(e -> new Stored(e.mailbox(), e.mid())).toList());
        }
        List<Stored> stored = ((MassDelivery.Delivered.Entries) delivered).all().stream()
                .map(e -> new Stored(e.mailbox(), e.mid())).toList();
        if (!keep.isZero()) {
            counting.stored(app.tenant(), Kind.APP.suffix(), stored.size());
        }
        command.file().ifPresent(file -> SendMessageService.recordLink(fanOut.files(), file, from, now));
        return new Result.Pushed(id, stored);
    }

    /** The key of retries of an application's push: the application, its {@code statusId} and the request. */
    private static Optional<String> retryKey(Name app, Command c) {
        return RetryWindow.key(app, c.statusId(), c.to() + "\n" + c.msgType() + "\n" + c.content().length() + ":"
                + c.content() + "\n" + c.objectContent());
    }

    private List<Name> withoutShielders(AppId app, List<Name> batch) {
        List<UserId> users = batch.stream().filter(Name::isUser).map(Name::userId).toList();
        Set<UserId> shielding = users.isEmpty() ? Set.of() : shields.shieldersOf(app, users);
        if (shielding.isEmpty()) {
            return batch;
        }
        return batch.stream().filter(n -> !n.isUser() || !shielding.contains(n.userId())).toList();
    }

    /** The recipient's sessions the selector picks, looked up once per recipient; none for an application. */
    private LiveDelivery.Live live(MailboxEntry entry, Command command) {
        if (!entry.mailbox().isUser()) {
            return new LiveDelivery.Live(entry, Set.of(), List.of());
        }
        return SendMessageService.liveFor(fanOut.presence(), entry, command.sessions(), Set.of())
                .notifying(command.lifetime());
    }

    /**
     * The message object (legacy 7.5 field names). The sender is the authenticated application: an
     * {@code objectContent.appId} is carried as the application sent it and never read (legacy 20.2.10).
     */
    private static String encode(MessageId id, Command c, Name from, Application app, Duration lifetime) {
        JsonText json = new JsonText()
                .string("msgId", id.toString())
                .string("fromUserName", from.toString())
                .string("fromDisplayName", app.name())
                .number("msgType", c.msgType())
                .string("content", c.content())
                .number("expire", lifetime.toSeconds());
        if (!c.statusId().isEmpty()) {
            json.string("statusId", c.statusId());
        }
        if (!c.objectContent().isEmpty()) {
            json.raw("objectContent", c.objectContent());
        }
        return json.end();
    }
}
