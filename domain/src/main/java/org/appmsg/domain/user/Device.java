package org.appmsg.domain.user;

import java.time.Instant;
import java.util.Objects;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.shared.UserId;

/** A device a user signed in from (the legacy {@code client} table, R16). */
public record Device(UserId user, String deviceType, String deviceId, Instant lastLogin) {
    public Device {
        Objects.requireNonNull(user, "user");
        Text.bounded("deviceType", deviceType, 32);
        Text.bounded("deviceID", deviceId, 128);
        Objects.requireNonNull(lastLogin, "lastLogin");
    }
}
