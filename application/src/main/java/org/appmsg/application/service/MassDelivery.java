package org.appmsg.application.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.message.RetryWindow;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.org.OrgMember;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;

/**
 * What every push to many users shares ({@link PushApplicationMessageService}, legacy 7.4, and a device's push to
 * {@code @org} / {@code @tenant}, 7.2, in {@link DeviceBroadcast}; package-private, they are its only users):
 *
 * <ul>
 *   <li><b>Expand</b> an org's subtree (org by org) or a whole tenant (a page of ids at a time) to distinct
 *       recipients, stopping as soon as there are more than {@code maxRecipients}. Only names are held, so even
 *       the cap costs a few megabytes.
 *   <li><b>Deliver</b> one message in batches of {@code batchSize}: one {@link Mailbox#store} per batch (the
 *       message row is written once: later batches store the same message again, which only adds entries), one
 *       {@link LiveDelivery#deliver} per batch. A live-only message skips the store: its copies have mid 0. No
 *       transaction spans the whole audience: a failure mid-way leaves the earlier batches stored.
 * </ul>
 */
final class MassDelivery {

    /**
     * One message on its way; {@code lifetime} zero means live only (stored nowhere). {@code retryKey} tells its
     * retries ({@link RetryWindow}); empty when the push has none.
     */
    record Outgoing(MessageId id, Name from, Name to, String json, Instant sent, Duration lifetime,
            Optional<String> retryKey) {
        Outgoing {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(sent, "sent");
            Objects.requireNonNull(lifetime, "lifetime");
            Objects.requireNonNull(retryKey, "retryKey");
        }

        /**
         * Every batch is stored under the push's receipt: the first records it (or finds the push stored before:
         * a retry), the later ones add their entries to it.
         */
        private Mailbox.Once entries(Mailbox mailbox, List<Name> batch) {
            return lifetime.isZero()
                    ? new Mailbox.Once.Stored(List.of(batch.stream().map(n -> MailboxEntry.liveOnly(n, id, json))
                            .toList()))
                    : SendMessageService.storeOnce(mailbox, retryKey, id, sent, List.of(new Mailbox.Delivery(
                            new Message(id, from, to, json, sent, sent.plus(lifetime)), batch)));
        }
    }

    /** What {@link #deliver} did. */
    sealed interface Delivered {

        /** Stored (unless live only) and handed to live sessions: every entry, in the order of the recipients kept. */
        record Entries(List<MailboxEntry> all) implements Delivered {}

        /** A retry of a push stored before: nothing was stored or delivered now; the first push's record. */
        record Retry(Mailbox.Once.Repeated first) implements Delivered {}
    }

    private final UserRepository users;
    private final OrgRepository orgs;
    private final Mailbox mailbox;
    private final LiveDelivery live;
    private final int maxRecipients;
    private final int batchSize;

    MassDelivery(UserRepository users, OrgRepository orgs, Mailbox mailbox, LiveDelivery live, int maxRecipients,
            int batchSize) {
        if (maxRecipients < 1 || batchSize < 1) {
            throw new IllegalArgumentException("maxRecipients and batchSize must be positive");
        }
        this.users = users;
        this.orgs = orgs;
        this.mailbox = mailbox;
        this.live = live;
        this.maxRecipients = maxRecipients;
        this.batchSize = batchSize;
    }

    int maxRecipients() {
        return maxRecipients;
    }

    /** Adds the users linked to the org or any org below it that belong to {@code tenant}; false above the cap. */
    boolean addSubtree(OrgId org, TenantId tenant, Set<Name> recipients) {
        for (OrgId each : orgs.subtree(org)) {
            for (OrgMember member : orgs.members(each)) {
                if (member.user().tenant().equals(tenant)) { // never a stale cross-tenant link
                    recipients.add(Name.of(member.user().id()));
                }
            }
            if (recipients.size() > maxRecipients) {
                return false;
            }
        }
        return true;
    }

    /** Adds every user of the tenant; false above the cap. */
    boolean addTenant(TenantId tenant, Set<Name> recipients) {
        String after = "";
        while (true) {
            List<UserId> page = users.idsOfTenant(tenant, after, batchSize);
            page.forEach(u -> recipients.add(Name.of(u)));
            if (recipients.size() > maxRecipients) {
                return false;
            }
            if (page.size() < batchSize) {
                return true;
            }
            after = page.get(page.size() - 1).value();
        }
    }

    /**
     * Stores and delivers {@code message} to {@code recipients} (distinct), batch by batch: {@code keep} first
     * narrows each batch (an empty result skips it), then the batch is stored and each entry handed to the
     * live sessions {@code sessions} picks for it. A push found stored before (a retry: its first batch is
     * answered from the receipt) stops there. A retry after a first attempt that died between batches gets the
     * entries that attempt stored, and the rest of its recipients get nothing: the push is not stored twice.
     */
    Delivered deliver(Outgoing message, List<Name> recipients, UnaryOperator<List<Name>> keep,
            Function<MailboxEntry, LiveDelivery.Live> sessions) {
        List<MailboxEntry> all = new ArrayList<>(recipients.size());
        for (int start = 0; start < recipients.size(); start += batchSize) {
            List<Name> batch = keep.apply(recipients.subList(start, Math.min(recipients.size(), start + batchSize)));
            if (batch.isEmpty()) {
                continue;
            }
            Mailbox.Once once = message.entries(mailbox, batch);
            if (once instanceof Mailbox.Once.Repeated first) {
                return new Delivered.Retry(first);
            }
            List<MailboxEntry> entries = ((Mailbox.Once.Stored) once).entries().get(0);
            List<LiveDelivery.Live> deliveries = new ArrayList<>(entries.size());
            for (MailboxEntry entry : entries) {
                all.add(entry);
                deliveries.add(sessions.apply(entry));
            }
            live.deliver(deliveries);
        }
        return new Delivered.Entries(all);
    }
}
