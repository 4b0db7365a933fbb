package org.appmsg.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.qun.Changes;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.shared.UserId;

/**
 * Groups (qun) and their members, and the notices of every change stored in the same transaction as the
 * change: either the change and all its notices are durable, or neither (issue #5). Changes are optimistic:
 * a group is read with its version, and a change applies only if nobody changed the group since; the caller
 * then reads again and decides again. Failures surface as {@link StorageUnavailableException}. Thread-safe.
 *
 * <p>Every stored group has a {@code created} time (when its creation was applied) and an {@code updated} time
 * (when the latest change was applied), both to the millisecond. Every applied change moves {@code updated}
 * strictly forward: to the store's clock, or one millisecond past the previous {@code updated} when that clock
 * is not ahead of it (several changes in one millisecond, or another node's clock running behind).
 */
public interface QunRepository {

    /** The group with its members in join order and its version; empty when unknown or dissolved. */
    Optional<Versioned> find(QunId id);

    /**
     * The group's current version: what {@link #find} would report with it, read without the members (one
     * primary-key read), so a cached copy of the group can be checked cheaply. Empty when unknown or dissolved.
     */
    OptionalLong version(QunId id);

    /** The groups the user belongs to, ordered by id. */
    List<QunId> qunsOf(UserId user);

    /**
     * Writes {@code changes} (which turn the group read at {@code expectedVersion} — 0 for a new group — into
     * {@code after}) and stores every notice (each message appended to its recipients' mailboxes, as
     * {@link Mailbox#store} does) in one transaction. Returns the stored entries of every notice, in order,
     * for live delivery; or {@link Applied.Conflict} with nothing written when the group's version is no longer
     * {@code expectedVersion} (or, for a new group, its id is taken). The new version and {@code updated} time
     * are in {@link Applied.Done}; for a new group {@code created} is that time too.
     */
    Applied apply(Qun after, long expectedVersion, Changes changes, List<NoticeDelivery> notices);

    /** A group as read, with the version a change must name, and when it was created and last changed. */
    record Versioned(Qun qun, long version, Instant created, Instant updated) {
        public Versioned {
            Objects.requireNonNull(qun, "qun");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(updated, "updated");
        }
    }

    /** One notice message and the mailboxes ({@code {uid}@user}) it goes to. */
    record NoticeDelivery(Message message, List<Name> recipients) {
        public NoticeDelivery {
            Objects.requireNonNull(message, "message");
            recipients = List.copyOf(recipients);
        }
    }

    sealed interface Applied {
        /**
         * Durable at {@code version}, changed at {@code updated} (the group's new {@code updated} time);
         * {@code entries} holds the notices' mailbox entries, in order, for live delivery.
         */
        record Done(long version, Instant updated, List<MailboxEntry> entries) implements Applied {
            public Done {
                Objects.requireNonNull(updated, "updated");
                entries = List.copyOf(entries);
            }
        }

        /** Someone changed the group first (or the new id exists); nothing was written. */
        record Conflict() implements Applied {}
    }
}
