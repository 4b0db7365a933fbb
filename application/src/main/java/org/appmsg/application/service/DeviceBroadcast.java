package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.appmsg.application.port.in.SendMessageUseCase.Command;
import org.appmsg.application.port.in.CountRecipientsUseCase;
import org.appmsg.application.port.in.SendMessageUseCase.Result;
import org.appmsg.application.port.out.FileLinks;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Tenant;
import org.appmsg.domain.user.User;

/**
 * A signed-in user's message to {@code {orgId}@org} or {@code {tenantId}@tenant} (legacy 7.2, issue #5), for
 * {@link SendMessageService}. Unlike the legacy server, which let anyone reach a whole tenant, it needs the
 * broadcast permission an operator grants ({@link Result.NotPermitted} otherwise, checked first, so that a
 * sender without it learns nothing about orgs), and only the sender's own tenant: an org of it (its whole
 * subtree, as an application's push reaches) or the tenant itself. Another tenant is {@link Result.NotPermitted}
 * whether it exists or not; another tenant's org is {@link Result.RecipientUnknown}, as an unknown org is, so a
 * sender learns nothing of other tenants.
 *
 * <p>The message is stored once, with one entry per distinct recipient, in batches ({@link MassDelivery}); the
 * sender's mailbox always gets one, in the org or not ("sync to self", legacy 7.2 step 3.4), and the answer
 * names its mid. Recipients' sessions get it live as the request's {@code sessions} picks; the sender's other
 * sessions get it too, the sending device not. Object: {@code fromUserName} the sender, {@code fromDisplayName}
 * its nickname, {@code toUserName} the name as sent, {@code toDisplayName} the org's or tenant's name.
 */
final class DeviceBroadcast {

    private final SendMessageService.Broadcasting rights;
    private final MassDelivery mass;
    private final CountRecipientsUseCase counting;
    private final PresenceRegistry presence;
    private final FileLinks files;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration defaultExpiry;

    DeviceBroadcast(SendMessageService.Broadcasting rights, MassDelivery mass, PresenceRegistry presence,
            FileLinks files, IdGenerator ids, Clock clock, Duration defaultExpiry, CountRecipientsUseCase recipients) {
        this.counting = recipients;
        this.rights = rights;
        this.mass = mass;
        this.presence = presence;
        this.files = files;
        this.ids = ids;
        this.clock = clock;
        this.defaultExpiry = defaultExpiry;
    }

    /** {@code command.to()} is an {@code @org} or {@code @tenant} name; the sender is the token's user. */
    Result send(Command command, User sender) {
        Name to = command.to();
        if (!rights.permissions().mayBroadcast(sender.id())) {
            return new Result.NotPermitted(to, "sending to " + to.kind().suffix()
                    + " names needs the broadcast permission, which an operator grants");
        }
        Set<Name> recipients = new LinkedHashSet<>();
        recipients.add(Name.of(sender.id()));
        String toDisplayName;
        boolean withinCap;
        if (to.kind() == Kind.ORG) {
            // another tenant's org answers as an unknown one: a sender learns nothing of other tenants
            Optional<Org> org = rights.orgs().find(new OrgId(to.id())).filter(o -> o.tenant().equals(sender.tenant()));
            if (org.isEmpty()) {
                return new Result.RecipientUnknown(to);
            }
            toDisplayName = org.get().name();
            withinCap = mass.addSubtree(org.get().id(), sender.tenant(), recipients);
        } else {
            TenantId tenant = new TenantId(to.id());
            if (!tenant.equals(sender.tenant())) {
                return new Result.NotPermitted(to, "a user may send to its own tenant only, not to " + to);
            }
            toDisplayName = rights.directory().findTenant(tenant).map(Tenant::name).orElse(tenant.value());
            withinCap = mass.addTenant(tenant, recipients);
        }
        if (!withinCap) {
            return new Result.TooMany(to + " reaches more than " + mass.maxRecipients() + " users");
        }
        return deliver(command, sender, toDisplayName, List.copyOf(recipients));
    }

    private Result deliver(Command command, User sender, String toDisplayName, List<Name> recipients) {
        Duration lifetime = command.lifetime().keep(defaultExpiry).orElse(Duration.ZERO);
        Instant now = clock.instant();
        MessageId id = ids.nextMessageId();
        String json = SendMessageService.withExtras(SendMessageService.messageJson(id, command.from(),
                sender.profile().nickname(), command.to(), toDisplayName, command.msgType(), command.content(),
                lifetime, command.deviceId()), command);
        Name self = Name.of(sender.id());
        Set<SessionId> sendingDevice = SendMessageService.sendingDevice(command, sender);
        SessionSelector everyOther = new SessionSelector.All();
        MassDelivery.Delivered delivered = mass.deliver(
                new MassDelivery.Outgoing(id, command.from(), command.to(), json, now, lifetime,
                        SendMessageService.retryKey(command)),
                recipients, batch -> batch, entry -> SendMessageService.liveFor(presence, entry,
                        entry.mailbox().equals(self) ? everyOther : command.sessions(), sendingDevice)
                        .notifying(command.lifetime()));
        if (delivered instanceof MassDelivery.Delivered.Retry retry) {
            return new Result.Accepted(retry.first().answered(), retry.first().midIn(self), command.clientMsgId());
        }
        List<MailboxEntry> entries = ((MassDelivery.Delivered.Entries) delivered).all();
        long senderMid = entries.get(0).mid(); // the sender's own mailbox comes first
        if (!lifetime.isZero()) { // stored: every entry but the sender's own copy
            counting.stored(sender.tenant(), command.to().kind().suffix(),
                    entries.stream().filter(e -> !e.mailbox().equals(self)).count());
        }
        command.file().ifPresent(file -> SendMessageService.recordLink(files, file, command.from(), now));
        return new Result.Accepted(id, senderMid, command.clientMsgId());
    }
}
