package org.appmsg.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.appmsg.domain.message.FirstMid;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;

/**
 * Durable per-recipient mailboxes. A message is stored once; each recipient's mailbox gets one entry
 * that points at it, numbered with that mailbox's next mid.
 *
 * <p>Guarantees: mids of one mailbox are strictly increasing in the order the entries become visible
 * to readers, so a reader that asks for "everything after mid m" never skips an entry that a later
 * read would reveal below a mid it has already seen. Implementations may batch concurrent callers into
 * one transaction (group commit); each caller still returns only after its own write is durable.
 *
 * <p>Where a new mailbox's mids start is the adapter's setting ({@link FirstMid}): at 1, or at the time of the
 * message that creates the mailbox ({@link Message#created}, from the service's clock: an adapter never reads the
 * wall clock for it) in microseconds. A mailbox that exists keeps its sequence; either way each entry gets the
 * mailbox's last mid plus one, and no mid exceeds {@link MailboxEntry#MAX_MID}: a store that would pass it
 * fails with {@link MidsExhaustedException} and stores nothing.
 *
 * <p>Thread-safety: all methods may be called from any number of threads. Failures surface as
 * {@link StorageUnavailableException}; then nothing of that call was stored.
 */
public interface Mailbox {

    /**
     * Stores {@code message} once and appends it to the mailbox of every recipient (duplicates in
     * {@code recipients} are appended once). Returns one entry per distinct recipient, in the order of
     * {@code recipients}, after the write is durable. Blocks the calling thread until then. A large fan-out
     * calls this once per batch of recipients with the same message: the message stays stored once, each
     * call only appends entries (a recipient passed in two calls gets two entries).
     */
    default List<MailboxEntry> store(Message message, List<Name> recipients) {
        return storeAll(List.of(new Delivery(message, recipients))).get(0);
    }

    /**
     * Stores several messages in one write, all or nothing: each as {@link #store} would, in list order (a
     * mailbox in two deliveries gets two entries, the first delivery's first). Returns each delivery's entries,
     * in the order of the deliveries; a delivery without recipients stores nothing and gets an empty list. Used
     * when one request makes different messages for different people (a group message and the sender's own
     * plain copy): either everyone's copy is durable, or nobody's.
     */
    List<List<MailboxEntry>> storeAll(List<Delivery> deliveries);

    /** One message and the mailboxes it is appended to. */
    record Delivery(Message message, List<Name> recipients) {
        public Delivery {
            Objects.requireNonNull(message, "message");
            recipients = List.copyOf(recipients);
        }
    }

    /**
     * Stores {@code deliveries} as {@link #storeAll} does, once per {@code receipt}'s key: the receipt is recorded in
     * the same transaction, with the entries of the delivery whose message it {@link Receipt#answers names}. When
     * the key is already recorded and unexpired for another message, nothing is stored and the answer is
     * {@link Once.Repeated} with what was recorded: a client that retries a push (its node died before it answered,
     * its connection dropped) gets the first answer, whichever node it asks, and no second copy is stored. When the
     * key is recorded for the same message (a later batch of one large push), this is not a repeat: the deliveries
     * are stored and their entries added to the receipt. Concurrent attempts with one key store at most once.
     */
    Once storeOnce(Receipt receipt, List<Delivery> deliveries);

    /**
     * The record that a push was stored: its {@code key} (who sent it and the sender's own id for it, chosen by the
     * caller; compared exactly, case included), the message whose entries the answer names, when this attempt was
     * made, and until when the key is remembered. A receipt that expired at the time of a later attempt is as good
     * as none: the key can be used again.
     */
    record Receipt(String key, MessageId answers, Instant at, Instant expiresAt) {
        public Receipt {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(answers, "answers");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("empty receipt key");
            }
            if (!expiresAt.isAfter(at)) {
                throw new IllegalArgumentException("a receipt must expire after it is made");
            }
        }

        /** One recorded entry of the answered message. */
        public record Entry(Name mailbox, long mid) {
            public Entry {
                Objects.requireNonNull(mailbox, "mailbox");
            }
        }
    }

    /** What {@link #storeOnce} did. */
    sealed interface Once {

        /** Stored now: each delivery's entries, as {@link #storeAll} answers them. */
        record Stored(List<List<MailboxEntry>> entries) implements Once {
            public Stored {
                entries = List.copyOf(entries);
            }
        }

        /**
         * Stored before under the same key: nothing was stored now. {@code answered} is the message the first
         * attempt's answer named; {@code entries} are its recorded entries, in the order they were stored.
         */
        record Repeated(MessageId answered, List<Receipt.Entry> entries) implements Once {
            public Repeated {
                Objects.requireNonNull(answered, "answered");
                entries = List.copyOf(entries);
            }

            /** The mid the answered message got in {@code mailbox}; 0 when it has no recorded entry there. */
            public long midIn(Name mailbox) {
                return entries.stream().filter(e -> e.mailbox().equals(mailbox)).mapToLong(Receipt.Entry::mid)
                        .findFirst().orElse(0);
            }
        }
    }

    /**
     * Up to {@code limit} entries of {@code mailbox} with mid greater than {@code afterMid}, in mid
     * order, leaving out messages that expired at {@code now}.
     */
    List<MailboxEntry> readAfter(Name mailbox, long afterMid, int limit, Instant now);

    /**
     * The highest mid given out in {@code mailbox} so far, 0 when it never had an entry (a mailbox whose mids start
     * at the clock may answer one below its first mid once it is created, before its first entry is visible):
     * every entry visible to readers now has a mid at or below it, and every entry that becomes visible later has a
     * higher one. Expiry and retention do not lower it (mids are never given out twice). A live connection without
     * a resume mid starts after it.
     */
    long lastMid(Name mailbox);

    /**
     * Removes every entry of {@code mailbox} stored before this call, expired or not, and returns how many went (0
     * for a mailbox that never had one). Its sequence stays where it was: {@link #lastMid} does not drop, and the
     * next store continues above it, so a mid is never given out twice and a client's cursor stays meaningful. A
     * message that no entry points at any more is left to {@link #purgeExpired} at its expiry, as any other.
     * Entries stored concurrently with the call may stay. Other mailboxes are untouched.
     */
    int clear(Name mailbox);

    /**
     * One bounded retention step: removes up to {@code maxEntries} entries whose message expired at
     * {@code now}, then up to {@code maxEntries} expired messages that no entry points at any more. A
     * message stays while any of its entries is left, so a caller repeats the step until it removes
     * nothing. Each step is short (implementations use small transactions), so concurrent stores and
     * reads wait at most for one step's statements; nothing unexpired is ever removed, and mids already
     * given out are never given out again. The step also forgets up to {@code maxEntries} expired
     * {@link Receipt receipts} (not counted in {@link Purged}: they hold no message).
     */
    Purged purgeExpired(Instant now, int maxEntries);

    /** What one {@link #purgeExpired} step removed. */
    record Purged(int entries, int messages) {

        public static final Purged NOTHING = new Purged(0, 0);

        public Purged {
            if (entries < 0 || messages < 0) {
                throw new IllegalArgumentException("negative counts: " + entries + ", " + messages);
            }
        }

        public boolean nothing() {
            return entries == 0 && messages == 0;
        }

        public Purged plus(Purged other) {
            return new Purged(entries + other.entries, messages + other.messages);
        }
    }
}
