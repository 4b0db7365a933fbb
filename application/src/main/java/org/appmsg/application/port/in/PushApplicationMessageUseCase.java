package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Text;

/**
 * An application pushes one message to users (legacy {@code /app/client/app/user/push}, 7.4). The sender is
 * always the authenticated application ({@code {appId}@app}, its name as display name), whatever the body
 * claims. Every name must resolve inside the application's scope before anything is stored; then the message
 * is stored once and appended, in bounded batches, to the mailbox of every distinct recipient that does not
 * shield the application, and delivered live to the sessions {@code sessions} picks.
 */
@FunctionalInterface
public interface PushApplicationMessageUseCase {

    Result push(Command command);

    /**
     * @param to {@code {uid}@user}, {@code {orgId}@org} (the org's whole subtree), {@code {tenantId}@tenant},
     *     {@code {appId}@app} (that application's own mailbox) or {@code {qid}@qun}; not empty. More than
     *     {@link #MAX_NAMES} is answered with {@link Result.TooMany}, not refused here
     * @param sessions which live sessions of each recipient get the message now (it is stored regardless)
     * @param lifetime how long the message is kept: the server default (no {@code expire}), a given time, or
     *     live only ({@code expire} 0: stored nowhere, only sessions connected now get it)
     * @param objectContent an opaque JSON object, or empty
     * @param statusId the application's own id for the message, or empty
     * @param file the uploaded file {@code objectContent.responseUpload} refers to (msgType 2, 3, 4), as the
     *     driving adapter read it from the validated {@code objectContent}; its link is recorded (R20)
     */
    record Command(Secret token, List<Name> to, SessionSelector sessions, Lifetime lifetime, int msgType,
            String content, String objectContent, String statusId, Optional<FileUpload> file) {

        /** The legacy limit on {@code toUserNames} (65532 TooLong above it). */
        public static final int MAX_NAMES = 1000;
        public static final int MAX_CONTENT = 65_536;

        /** A message that refers to no uploaded file. */
        public Command(Secret token, List<Name> to, SessionSelector sessions, Lifetime lifetime, int msgType,
                String content, String objectContent, String statusId) {
            this(token, to, sessions, lifetime, msgType, content, objectContent, statusId, Optional.empty());
        }

        public Command {
            Objects.requireNonNull(token, "token");
            to = List.copyOf(to);
            if (to.isEmpty()) {
                throw new DomainViolation("push.no_recipients", "toUserNames must name at least one recipient");
            }
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(lifetime, "lifetime");
            Text.bounded("content", content, MAX_CONTENT);
            Text.bounded("objectContent", objectContent, MAX_CONTENT);
            Text.bounded("statusId", statusId, 128);
            Objects.requireNonNull(file, "file");
        }
    }

    /** One recipient's copy: its mailbox ({@code {uid}@user} or {@code {appId}@app}) and the mid there. */
    record Stored(Name mailbox, long mid) {
        public Stored {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    sealed interface Result {

        /**
         * Durably stored in every mailbox of {@code stored} (the recipients that do not shield the application,
         * each once, in the order they were resolved). A live-only message is stored nowhere: then every mid
         * is 0 and {@code stored} lists whom it was handed to for live delivery.
         */
        record Pushed(MessageId id, List<Stored> stored) implements Result {
            public Pushed {
                Objects.requireNonNull(id, "id");
                stored = List.copyOf(stored);
            }
        }

        /** The application token is unknown or the application is disabled. */
        record Unauthorized() implements Result {}

        /** Too many names, or the names expand to too many recipients; nothing was stored. */
        record TooMany(String reason) implements Result {}

        /**
         * A name denotes no user, org, tenant, group or application the application may reach (one answer for
         * unknown ones and those of tenants outside its scope); nothing was stored.
         */
        record NotFound(String reason) implements Result {}

        /** A recipient kind this server does not route yet ({@code @qun}); nothing was stored. */
        record Unsupported(String reason) implements Result {}
    }
}
