package org.appmsg.adapter.persistence.redis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.appmsg.application.port.out.ClusterEvents;
import org.appmsg.application.port.out.LiveDelivery.Live;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;

/**
 * The bodies {@link ClusterDelivery} sends over the cluster bus: a batch of live entries for one node, a revoked
 * user token, a cache event (applications changed; users changed, with their ids; a tenant's orgs changed). A body is {@code [kind: 1 byte][version: 1 byte][fields]}, big-endian, strings as a
 * length and UTF-8. In a batch each distinct message body ({@code json}) is written once and entries refer to it by
 * index, so a group message for many members on one node costs its text once. A body of another kind or version
 * (a newer node during a rolling upgrade) decodes to {@link Unknown} and is ignored.
 */
final class ClusterBusCodec {

    private static final byte DELIVERIES = 1;
    private static final byte TOKEN_REVOKED = 2;
    private static final byte APPLICATIONS_CHANGED = 3;
    private static final byte USERS_CHANGED = 4;
    private static final byte ORGS_CHANGED = 5;
    private static final byte VERSION = 1;

    /** A decoded body. */
    sealed interface Decoded permits Deliveries, TokenRevoked, Event, Unknown {}

    record Deliveries(List<Live> entries) implements Decoded {}

    record TokenRevoked(UserToken token) implements Decoded {}

    record Event(ClusterEvents.Event event) implements Decoded {}

    record Unknown(int kind) implements Decoded {}

    private ClusterBusCodec() {}

    static byte[] deliveries(List<Live> entries) {
        Map<String, Integer> bodies = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        for (Live live : entries) {
            if (bodies.putIfAbsent(live.entry().json(), distinct.size()) == null) {
                distinct.add(live.entry().json());
            }
        }
        return write(DELIVERIES, out -> {
            out.writeInt(distinct.size());
            for (String json : distinct) {
                string(out, json);
            }
            out.writeInt(entries.size());
            for (Live live : entries) {
                MailboxEntry e = live.entry();
                string(out, e.mailbox().toString());
                out.writeLong(e.mid());
                out.writeLong(e.messageId().value());
                out.writeInt(bodies.get(e.json()));
                sessions(out, live.sessions());
                sessions(out, live.activeSessions());
            }
        });
    }

    static byte[] tokenRevoked(UserToken token) {
        return write(TOKEN_REVOKED, out -> {
            string(out, token.digest());
            string(out, token.user().value());
            string(out, token.deviceType());
            string(out, token.deviceId());
            out.writeLong(token.expiresAt().toEpochMilli());
        });
    }

    static byte[] event(ClusterEvents.Event event) {
        return switch (event) {
            case ClusterEvents.ApplicationsChanged a -> write(APPLICATIONS_CHANGED, out -> { });
            case ClusterEvents.UsersChanged u -> write(USERS_CHANGED, out -> {
                out.writeInt(u.users().size());
                for (UserId id : u.users()) {
                    string(out, id.value());
                }
            });
            case ClusterEvents.OrgsChanged o -> write(ORGS_CHANGED, out -> string(out, o.tenant().value()));
        };
    }

    /** @throws IllegalArgumentException for a body that is cut short or malformed */
    static Decoded decode(byte[] body) {
        if (body.length < 2 || body[1] != VERSION) {
            return new Unknown(body.length == 0 ? -1 : body[0]);
        }
        var in = new DataInputStream(new ByteArrayInputStream(body, 2, body.length - 2));
        try {
            return switch (body[0]) {
                case DELIVERIES -> readDeliveries(in);
                case TOKEN_REVOKED -> new TokenRevoked(new UserToken(string(in), new UserId(string(in)), string(in),
                        string(in), Instant.ofEpochMilli(in.readLong())));
                case APPLICATIONS_CHANGED -> new Event(new ClusterEvents.ApplicationsChanged());
                case USERS_CHANGED -> new Event(readUsersChanged(in));
                case ORGS_CHANGED -> new Event(new ClusterEvents.OrgsChanged(new TenantId(string(in))));
                default -> new Unknown(body[0]);
            };
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("a malformed cluster bus body of kind " + body[0], e);
        }
    }

    private static ClusterEvents.UsersChanged readUsersChanged(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > in.available() / 4) { // each id takes at least its 4-byte length
            throw new IOException("a user count of " + n + " where " + in.available() + " bytes are left");
        }
        Set<UserId> users = new HashSet<>(n);
        for (int i = 0; i < n; i++) {
            users.add(new UserId(string(in)));
        }
        return new ClusterEvents.UsersChanged(users);
    }

    private static Deliveries readDeliveries(DataInputStream in) throws IOException {
        int bodies = in.readInt();
        String[] jsons = new String[bodies];
        for (int i = 0; i < bodies; i++) {
            jsons[i] = string(in);
        }
        int count = in.readInt();
        List<Live> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Name mailbox = Name.parse(string(in));
            long mid = in.readLong();
            MessageId id = new MessageId(in.readLong());
            String json = jsons[in.readInt()];
            Set<SessionId> sessions = new HashSet<>(readSessions(in));
            List<SessionId> active = readSessions(in);
            entries.add(new Live(new MailboxEntry(mailbox, mid, id, json), sessions, active));
        }
        return new Deliveries(entries);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(byte kind, Writer fields) {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(kind);
            out.writeByte(VERSION);
            fields.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static void sessions(DataOutputStream out, java.util.Collection<SessionId> sessions) throws IOException {
        out.writeInt(sessions.size());
        for (SessionId s : sessions) {
            string(out, s.user().value());
            string(out, s.device());
        }
    }

    private static List<SessionId> readSessions(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<SessionId> sessions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sessions.add(new SessionId(new UserId(string(in)), string(in)));
        }
        return sessions;
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("a string of " + n + " bytes where " + in.available() + " are left");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
