package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Text;

/**
 * The operator pushes a message object of its own to users' and applications' mailboxes (the legacy admin push,
 * {@code /1/admin/push/private} and {@code /1/admin/push/mprivate}, legacy §3.2 and §7.6): the object reaches the
 * clients exactly as given, without the business processing of a user's or an application's push (no sender
 * check, no display names, no shields, no quota). The message is stored once and appended to every known target's
 * mailbox (once per mailbox, however many of its keys are named), then delivered live: to every session of a user
 * named by {@code {uid}@user}, to the one session a session key {@code {uid}_{device}@user} names. The caller has
 * authenticated the operator.
 */
@FunctionalInterface
public interface PushAsOperatorUseCase {

    Result push(Command command);

    /**
     * One legacy key: a user's or an application's mailbox and, for a user's session key, the session that gets the
     * message live (its user's session-less connections get it too, as every stored message).
     */
    record Target(Name mailbox, Optional<SessionId> session) {
        public Target {
            Objects.requireNonNull(mailbox, "mailbox");
            Objects.requireNonNull(session, "session");
            if (mailbox.kind() != Kind.USER && mailbox.kind() != Kind.APP) {
                throw new DomainViolation("operator_push.kind",
                        "key must be {uid}@user, {uid}_{device}@user or {appId}@app: " + mailbox);
            }
            if (session.isPresent() && (!mailbox.isUser() || !session.get().user().equals(mailbox.userId()))) {
                throw new IllegalArgumentException("session " + session.get() + " is not of " + mailbox);
            }
        }

        /** The key as the legacy wire wrote it. */
        @Override
        public String toString() {
            return session.map(s -> s.value() + Kind.USER.suffix()).orElse(mailbox.toString());
        }
    }

    /**
     * @param targets at least one, at most {@link #MAX_TARGETS}
     * @param json the message object clients receive, a JSON object as compact text
     * @param lifetime a given time, or live only ({@code expire} 0: stored nowhere)
     */
    record Command(List<Target> targets, String json, Lifetime lifetime) {

        public static final int MAX_TARGETS = 1000;
        public static final int MAX_JSON = 65_536;

        public Command {
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new DomainViolation("operator_push.no_targets", "at least one key is required");
            }
            if (targets.size() > MAX_TARGETS) {
                throw new DomainViolation("operator_push.too_many", "at most " + MAX_TARGETS + " keys, not "
                        + targets.size());
            }
            Text.bounded("message", json, MAX_JSON);
            if (!json.startsWith("{") || !json.endsWith("}")) {
                throw new DomainViolation("operator_push.not_object", "the message must be a JSON object");
            }
            Objects.requireNonNull(lifetime, "lifetime");
        }
    }

    /** A target that got the message, with the mid of the message in its mailbox (0 when it is live only). */
    record Delivered(Target target, long mid) {
        public Delivered {
            Objects.requireNonNull(target, "target");
        }
    }

    sealed interface Result {
        /**
         * Stored (or, live only, handed to live delivery) for {@code delivered}, in the order of the targets;
         * {@code unknown} lists the targets whose user or application does not exist, which got nothing. When every
         * target is unknown nothing was stored.
         */
        record Pushed(MessageId id, List<Delivered> delivered, List<Target> unknown) implements Result {
            public Pushed {
                Objects.requireNonNull(id, "id");
                delivered = List.copyOf(delivered);
                unknown = List.copyOf(unknown);
            }
        }
    }
}
