package org.appmsg.application.port.out;

import java.time.Instant;
import java.util.List;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
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
 * <p>Thread-safety: all methods may be called from any number of threads. Failures surface as
 * {@link StorageUnavailableException}; then nothing of that call was stored.
 */
public interface Mailbox {

    /**
     * Stores {@code message} once and appends it to the mailbox of every recipient (duplicates in
     * {@code recipients} are appended once). Returns one entry per distinct recipient, in the order of
     * {@code recipients}, after the write is durable. Blocks the calling thread until then.
     */
    List<MailboxEntry> store(Message message, List<Name> recipients);

    /**
     * Up to {@code limit} entries of {@code mailbox} with mid greater than {@code afterMid}, in mid
     * order, leaving out messages that expired at {@code now}.
     */
    List<MailboxEntry> readAfter(Name mailbox, long afterMid, int limit, Instant now);
}
