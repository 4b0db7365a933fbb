package org.appmsg.domain.apns;

import java.util.Locale;
import java.util.regex.Pattern;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Text;

/**
 * An iOS device's APNs token (R17): hexadecimal, 64 digits today (32 bytes); Apple says the length may grow, so
 * up to 200 digits are taken. Kept lower-case so that one token is one value however a client spells it. Not a
 * secret (it only addresses a device through Apple, with the operator's credential), but never logged whole.
 */
public record DeviceToken(String value) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64,200}");

    public DeviceToken {
        String lower = value == null ? null : value.strip().toLowerCase(Locale.ROOT);
        if (lower == null || !HEX.matcher(lower).matches() || lower.length() % 2 != 0) {
            throw new DomainViolation("apns.token_malformed", "apnsToken \"" + Text.clip(String.valueOf(value))
                    + "\" must be an even number (64-200) of hexadecimal digits");
        }
        value = lower;
    }

    /** The first 8 digits and the length, enough to tell tokens apart in a log line. */
    public String shortForm() {
        return value.substring(0, 8) + "…(" + value.length() + ")";
    }

    @Override
    public String toString() {
        return shortForm();
    }
}
