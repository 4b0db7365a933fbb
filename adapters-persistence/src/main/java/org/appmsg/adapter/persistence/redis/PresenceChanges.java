package org.appmsg.adapter.persistence.redis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.appmsg.domain.shared.UserId;

/** The body of a presence frame: field changes, each a field set to a value or deleted, in write order. */
final class PresenceChanges {

    /** {@code value} is null when the field was deleted. */
    record Change(UserId user, String field, String value) {}

    private PresenceChanges() {}

    static byte[] encode(List<Change> changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + changes.size() * 48);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(changes.size());
            for (Change c : changes) {
                out.writeUTF(c.user().value());
                out.writeUTF(c.field());
                out.writeBoolean(c.value() != null);
                if (c.value() != null) {
                    out.writeUTF(c.value());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Throws IllegalArgumentException for a malformed body. */
    static List<Change> decode(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            int count = in.readInt();
            if (count < 0 || count > body.length) {
                throw new IllegalArgumentException("bad presence change count " + count);
            }
            List<Change> changes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                UserId user = new UserId(in.readUTF());
                String field = in.readUTF();
                changes.add(new Change(user, field, in.readBoolean() ? in.readUTF() : null));
            }
            return changes;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated presence changes", e);
        }
    }
}
