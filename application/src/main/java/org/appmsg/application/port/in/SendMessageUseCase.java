package org.appmsg.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.shared.Text;

/**
 * A signed-in user sends a message (legacy {@code /app/client/device/push}). The sender is the
 * token's user; the message is stored once, appended to the recipient's and the sender's mailboxes,
 * and only then delivered live. A live-only message ({@link Lifetime.LiveOnly}) is not stored at all.
 * The recipient is a user, a group the sender belongs to, or, for a sender an operator has granted the
 * broadcast permission, an org of the sender's tenant (with its whole subtree) or that tenant itself.
 */
@FunctionalInterface
public interface SendMessageUseCase {

    Result send(Command command);

    /**
     * @param deviceId the sending device ({@code baseRequest.deviceID}); its own session gets no live copy
     * @param from the claimed sender; must be the token's user
     * @param clientMsgId the client's correlation id as JSON (a string or a number), or empty
     * @param objectContent an opaque JSON object, or empty
     * @param lifetime how long the message is kept: the server default, a given time, or live only (not
     *     stored at all: only sessions connected now get it)
     * @param sessions which live sessions of the recipient get the message now (it is stored regardless)
     * @param file the uploaded file {@code objectContent.responseUpload} refers to (msgType 2, 3, 4), as the
     *     driving adapter read it from the validated {@code objectContent}; its link is recorded (R20)
     */
    record Command(Secret token, String deviceId, Name from, Name to, int msgType, String content,
            String clientMsgId, String objectContent, Lifetime lifetime, SessionSelector sessions,
            Optional<FileUpload> file, String customFields) {

        public static final int MAX_CONTENT = 65_536;
        /** {@code customFilelds} as JSON text: what fits one APNs payload, Apple's 4 KB. */
        public static final int MAX_CUSTOM_FIELDS = 4_096;

        /** A message without {@code customFilelds}. */
        public Command(Secret token, String deviceId, Name from, Name to, int msgType, String content,
                String clientMsgId, String objectContent, Lifetime lifetime, SessionSelector sessions,
                Optional<FileUpload> file) {
            this(token, deviceId, from, to, msgType, content, clientMsgId, objectContent, lifetime, sessions, file, "");
        }

        /** A message that refers to no uploaded file. */
        public Command(Secret token, String deviceId, Name from, Name to, int msgType, String content,
                String clientMsgId, String objectContent, Lifetime lifetime, SessionSelector sessions) {
            this(token, deviceId, from, to, msgType, content, clientMsgId, objectContent, lifetime, sessions,
                    Optional.empty());
        }

        public Command {
            Objects.requireNonNull(token, "token");
            Text.bounded("deviceID", deviceId, 128);
            Objects.requireNonNull(from, "fromUserName");
            Objects.requireNonNull(to, "toUserName");
            Text.bounded("content", content, MAX_CONTENT);
            Text.bounded("clientMsgId", clientMsgId, 130);
            Text.bounded("objectContent", objectContent, MAX_CONTENT);
            Objects.requireNonNull(lifetime, "lifetime");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(file, "file");
            Text.bounded("customFilelds", customFields, MAX_CUSTOM_FIELDS);
        }
    }

    sealed interface Result {
        /**
         * Durably stored, or (a live-only message) handed to live delivery. {@code mid} is the entry's mid
         * in the sender's own mailbox, so the sending client can recognise its message when it reads that
         * mailbox; 0 for a live-only message, which no mailbox holds.
         */
        record Accepted(MessageId id, long mid, String clientMsgId) implements Result {}

        record Unauthorized() implements Result {}

        /** {@code fromUserName} is not the token's user. */
        record SenderMismatch(Name claimed) implements Result {}

        /** No such recipient (user, group or org) in the sender's tenant: another tenant's is unknown too. */
        record RecipientUnknown(Name to) implements Result {}

        /** The sender is not a member of the group it sends to (legacy 65538). */
        record NotMember(Name to) implements Result {}

        /**
         * The sender may not send to {@code to}: an {@code @org} or {@code @tenant} name without the broadcast
         * permission an operator grants, or a {@code @tenant} other than the sender's own. Nothing was stored.
         */
        record NotPermitted(Name to, String reason) implements Result {}

        /** An {@code @org} or {@code @tenant} name reaches more users than one push may; nothing was stored. */
        record TooMany(String reason) implements Result {}

        /** A recipient kind this server does not route yet. */
        record Unsupported(String reason) implements Result {}
    }
}
