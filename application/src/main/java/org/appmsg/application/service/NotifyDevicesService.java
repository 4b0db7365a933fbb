package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.in.NotifyDevicesUseCase;
import org.appmsg.application.port.out.ApnsCredentialStore;
import org.appmsg.application.port.out.ApnsGateway;
import org.appmsg.application.port.out.ApnsTokenStore;
import org.appmsg.application.port.out.DeliveryStatusLog;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsPayload;
import org.appmsg.domain.apns.ApnsScope;
import org.appmsg.domain.apns.ApnsVerdict;
import org.appmsg.domain.apns.NotificationRule;
import org.appmsg.domain.message.DeliveryStatus.ApnsState;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageFields;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Tenant;
import org.appmsg.domain.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stored entries into APNs notifications for the devices that did not see them live
 * ({@link NotificationRule}), and acts on Apple's answers (R18, {@link ApnsVerdict}):
 *
 * <ol>
 *   <li>Records each recipient's copy in the {@link DeliveryStatusLog} (mid, live sessions).
 *   <li>Looks up the tokens of all the batch's recipients in one query, and each recipient's credential (its
 *       tenant's, else its customer's; cached for {@link #CREDENTIAL_TTL}). A recipient without a credential gets
 *       nothing (counted, logged once a minute).
 *   <li>Hands one notification per device to the gateway, which bounds what is in flight (this call may block on
 *       it) and retries what is worth retrying; the payload is {@link ApnsPayload}'s.
 *   <li>On the answer: accepted or rejected with Apple's reason into the status log; BadDeviceToken and
 *       DeviceTokenNotForTopic remove the token, Unregistered removes it if it was registered before Apple's
 *       timestamp.
 * </ol>
 *
 * A notification is made only here, once per stored entry and device, so a message fetched or replayed later is
 * never notified again. Counters for /metrics: {@link #counters()}.
 */
public final class NotifyDevicesService implements NotifyDevicesUseCase {

    /** How long a looked-up credential (or its absence) is used before it is read again. */
    public static final Duration CREDENTIAL_TTL = Duration.ofSeconds(10);
    /** How long Apple keeps trying a device when the message carries no lifetime. */
    private static final Duration DEFAULT_EXPIRATION = Duration.ofDays(1);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(NotifyDevicesService.class);

    private final ApnsTokenStore tokens;
    private final UserRepository users;
    private final DirectoryRepository directory;
    private final ApnsCredentialStore credentials;
    private final ApnsGateway gateway;
    private final DeliveryStatusLog status;
    private final Clock clock;
    private final Counters counters = new Counters();
    private final Map<TenantId, Cached> credentialCache = new ConcurrentHashMap<>();
    private volatile Instant lastNoCredentialLog = Instant.EPOCH;

    public NotifyDevicesService(ApnsTokenStore tokens, UserRepository users, DirectoryRepository directory,
            ApnsCredentialStore credentials, ApnsGateway gateway, DeliveryStatusLog status, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.directory = directory;
        this.credentials = credentials;
        this.gateway = gateway;
        this.status = status;
        this.clock = clock;
    }

    /** Running totals, read by the metrics endpoint. */
    public static final class Counters {
        public final AtomicLong sent = new AtomicLong();
        public final AtomicLong accepted = new AtomicLong();
        public final AtomicLong rejected = new AtomicLong();
        public final AtomicLong failed = new AtomicLong();
        public final AtomicLong tokensRemoved = new AtomicLong();
        public final AtomicLong noCredential = new AtomicLong();
    }

    public Counters counters() {
        return counters;
    }

    private record Cached(Optional<ApnsCredential> credential, Instant until) {}

    /**
     * A copy that may notify devices, with what was read from its message, and until when its status is kept:
     * the message's expiry (its lifetime from now, a little after it), else {@link #DEFAULT_EXPIRATION}.
     */
    private record Candidate(Copy copy, MessageFields fields, Name from, Instant keepUntil) {}

    @Override
    public Result notify(Command command) {
        List<Candidate> candidates = new ArrayList<>();
        Set<UserId> recipients = new LinkedHashSet<>();
        for (Copy copy : command.copies()) {
            MailboxEntry entry = copy.entry();
            Optional<Candidate> c = candidate(copy);
            if (c.isEmpty()) {
                continue;
            }
            status.stored(entry.messageId(), c.get().from(), entry.mailbox(), entry.mid(), copy.liveSessions(),
                    c.get().keepUntil());
            if (NotificationRule.notifies(entry, c.get().from(), copy.liveOnlyAsked())) {
                candidates.add(c.get());
                recipients.add(entry.mailbox().userId());
            }
        }
        if (candidates.isEmpty()) {
            return new Result.Sent(0);
        }
        Map<UserId, List<ApnsTokenStore.Registration>> devices = new HashMap<>();
        for (ApnsTokenStore.Registration r : tokens.registrationsOf(recipients)) {
            devices.computeIfAbsent(r.user(), u -> new ArrayList<>()).add(r);
        }
        if (devices.isEmpty()) {
            return new Result.Sent(0);
        }
        Map<UserId, User> owners = users.findByIds(devices.keySet());
        int sent = 0;
        for (Candidate c : candidates) {
            MailboxEntry entry = c.copy().entry();
            UserId user = entry.mailbox().userId();
            List<ApnsTokenStore.Registration> registered = devices.getOrDefault(user, List.of());
            User owner = owners.get(user);
            if (registered.isEmpty() || owner == null) {
                continue;
            }
            for (ApnsTokenStore.Registration device : registered) {
                if (!NotificationRule.notifies(entry, c.from(), c.copy().liveOnlyAsked(), device.device(),
                        c.copy().liveActive())) {
                    continue;
                }
                Optional<ApnsCredential> credential = credentialOf(owner.tenant());
                if (credential.isEmpty()) {
                    counters.noCredential.incrementAndGet();
                    status.apns(entry.messageId(), entry.mailbox(), device.device(), ApnsState.FAILED,
                            "no APNs credential for tenant " + owner.tenant(), c.keepUntil());
                    logNoCredential(owner.tenant());
                    continue;
                }
                send(c, device, credential.get());
                sent++;
            }
        }
        return new Result.Sent(sent);
    }

    /**
     * The copy with its message's fields, or empty for a copy that is not a user's, is unreadable, or names no
     * sender (an operator's message object may not).
     */
    private Optional<Candidate> candidate(Copy copy) {
        MailboxEntry entry = copy.entry();
        if (!entry.mailbox().isUser()) {
            return Optional.empty();
        }
        try {
            MessageFields fields = MessageFields.read(entry.json());
            if (fields.fromUserName().isEmpty()) {
                return Optional.empty(); // an operator's message object that names no sender: nobody to announce
            }
            Name from = Name.parse(fields.fromUserName());
            if (entry.mailbox().equals(from)) {
                return Optional.empty(); // the sender's own copy: neither a recipient nor notified
            }
            return Optional.of(new Candidate(copy, fields, from, clock.instant().plus(lifetime(fields))));
        } catch (DomainViolation e) {
            LOG.warn("message {} in {} not notified: {}", entry.messageId(), entry.mailbox(), e.getMessage());
            return Optional.empty();
        }
    }

    /** How long Apple keeps trying, and the status is kept: the message's lifetime, else a day. */
    private static Duration lifetime(MessageFields fields) {
        return fields.expire() > 0 ? Duration.ofSeconds(fields.expire()) : DEFAULT_EXPIRATION;
    }

    private void send(Candidate c, ApnsTokenStore.Registration device, ApnsCredential credential) {
        MailboxEntry entry = c.copy().entry();
        var notification = new ApnsGateway.Notification(device.token(), ApnsPayload.of(c.fields(), entry.mid()),
                clock.instant().plus(lifetime(c.fields())));
        status.apns(entry.messageId(), entry.mailbox(), device.device(), ApnsState.PENDING, "", c.keepUntil());
        counters.sent.incrementAndGet();
        gateway.send(credential, notification).whenComplete((outcome, error) -> {
            try {
                settle(c, device, outcome != null ? outcome
                        : new ApnsGateway.Outcome.Failed(String.valueOf(error)));
            } catch (RuntimeException e) {
                LOG.warn("APNs outcome for message {} not recorded", entry.messageId(), e);
            }
        });
    }

    private void settle(Candidate c, ApnsTokenStore.Registration device, ApnsGateway.Outcome outcome) {
        MailboxEntry entry = c.copy().entry();
        switch (outcome) {
            case ApnsGateway.Outcome.Accepted a -> {
                counters.accepted.incrementAndGet();
                status.apns(entry.messageId(), entry.mailbox(), device.device(), ApnsState.ACCEPTED, "",
                        c.keepUntil());
            }
            case ApnsGateway.Outcome.Rejected r -> {
                counters.rejected.incrementAndGet();
                status.apns(entry.messageId(), entry.mailbox(), device.device(), ApnsState.REJECTED,
                        r.status() + " " + r.reason(), c.keepUntil());
                removeIfInvalid(device, r);
            }
            case ApnsGateway.Outcome.Failed f -> {
                counters.failed.incrementAndGet();
                status.apns(entry.messageId(), entry.mailbox(), device.device(), ApnsState.FAILED, f.why(),
                        c.keepUntil());
            }
        }
    }

    private void removeIfInvalid(ApnsTokenStore.Registration device, ApnsGateway.Outcome.Rejected r) {
        boolean removed = switch (ApnsVerdict.of(r.status(), r.reason())) {
            case REMOVE_TOKEN -> tokens.remove(device.token());
            case REMOVE_TOKEN_IF_OLDER ->
                    tokens.removeIfRegisteredBefore(device.token(), r.invalidSince().orElse(clock.instant()));
            case RETRY, GIVE_UP -> false;
        };
        if (removed) {
            counters.tokensRemoved.incrementAndGet();
            LOG.info("APNs token {} of {} device {} removed: Apple answered {} {}", device.token(), device.user(),
                    device.device(), r.status(), r.reason());
        }
    }

    /** The tenant's own credential, else its customer's; empty when neither has one (or storage is down). */
    private Optional<ApnsCredential> credentialOf(TenantId tenant) {
        Instant now = clock.instant();
        Cached cached = credentialCache.get(tenant);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.credential();
        }
        Optional<ApnsCredential> found;
        try {
            found = credentials.find(ApnsScope.of(tenant));
            if (found.isEmpty()) {
                found = directory.findTenant(tenant).map(Tenant::customer).map(ApnsScope::of)
                        .flatMap(credentials::find);
            }
        } catch (StorageUnavailableException e) {
            LOG.warn("APNs credential of tenant {} not readable", tenant, e);
            return cached == null ? Optional.empty() : cached.credential();
        }
        credentialCache.put(tenant, new Cached(found, now.plus(CREDENTIAL_TTL)));
        return found;
    }

    private void logNoCredential(TenantId tenant) {
        Instant now = clock.instant();
        if (now.isAfter(lastNoCredentialLog.plus(LOG_EVERY))) {
            lastNoCredentialLog = now;
            LOG.warn("tenant {} (nor its customer) has no APNs credential: its iOS devices get no notifications"
                    + " ({} so far, logged once a minute)", tenant, counters.noCredential.get());
        }
    }
}
