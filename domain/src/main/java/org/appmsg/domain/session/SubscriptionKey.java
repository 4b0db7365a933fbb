package org.appmsg.domain.session;

import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.shared.UserId;

/**
 * What a client subscribes with: {@code {uid}@user} (session-less) or {@code {uid}_{device}@user}
 * (one session of the user). The key always belongs to exactly one user, whose mailbox it reads.
 * {@code device} is empty for a session-less key.
 */
public record SubscriptionKey(UserId user, String device) {

    public SubscriptionKey {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(device, "device");
        if (!device.isEmpty()) {
            new SessionId(user, device); // validates the device part
        }
    }

    public static SubscriptionKey parse(String key) {
        if (key == null || key.isEmpty()) {
            throw new DomainViolation("key.missing", "key is required, e.g. 123@user or 123_Android-abc@user");
        }
        if (key.length() > 256) {
            throw new DomainViolation("key.malformed", "key is longer than 256 characters");
        }
        int at = key.indexOf('@');
        if (at < 0 || !key.substring(at).equals(Kind.USER.suffix())) {
            throw new DomainViolation("key.malformed",
                    "key \"" + Text.clip(key) + "\" must be {uid}@user or {uid}_{device}@user");
        }
        String id = key.substring(0, at);
        int underscore = id.indexOf('_');
        if (underscore < 0) {
            return new SubscriptionKey(new UserId(id), "");
        }
        UserId user = new UserId(id.substring(0, underscore));
        return new SubscriptionKey(user, new SessionId(user, id.substring(underscore + 1)).device());
    }

    /** The session this key names, if it names one. */
    public Optional<SessionId> session() {
        return device.isEmpty() ? Optional.empty() : Optional.of(new SessionId(user, device));
    }

    /** The mailbox this key reads: always the user's own. */
    public Name mailbox() {
        return Name.of(user);
    }

    public boolean belongsTo(UserId candidate) {
        return user.equals(candidate);
    }

    @Override
    public String toString() {
        return (device.isEmpty() ? user.value() : user.value() + "_" + device) + Kind.USER.suffix();
    }
}
