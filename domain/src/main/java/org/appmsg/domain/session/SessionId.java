package org.appmsg.domain.session;

import java.util.regex.Pattern;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.shared.UserId;

/**
 * One device or browser tab of a user: {@code {uid}_{deviceType}-{realDeviceId}} or
 * {@code {uid}_{browser}-{version}-{random}} (R1). The part after the first {@code _} is the device.
 */
public record SessionId(UserId user, String device) {

    /** Printable, no separators that would confuse the key grammar; an APNs token (64 hex) fits. */
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:+=-]{0,127}");

    public SessionId {
        if (user == null) {
            throw new DomainViolation("session.malformed", "a session needs a user");
        }
        if (device == null || !DEVICE.matcher(device).matches()) {
            throw new DomainViolation("session.malformed", "device part \"" + Text.clip(String.valueOf(device))
                    + "\" must be 1-128 characters of letters, digits, '.', ':', '+', '=' or '-'");
        }
    }

    /** Parses the wire form {@code uid_device}. */
    public static SessionId parse(String text) {
        int underscore = text == null ? -1 : text.indexOf('_');
        if (underscore <= 0) {
            throw new DomainViolation("session.malformed", "\"" + Text.clip(String.valueOf(text))
                    + "\" is not a session id {uid}_{device}");
        }
        return new SessionId(new UserId(text.substring(0, underscore)), text.substring(underscore + 1));
    }

    /** The wire form, {@code uid_device}. */
    public String value() {
        return user.value() + "_" + device;
    }

    @Override
    public String toString() {
        return value();
    }
}
